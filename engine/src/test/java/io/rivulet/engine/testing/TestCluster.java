package io.rivulet.engine.testing;

import io.rivulet.engine.cli.Main;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A cluster of {@code rivulet server} nodes, each in its own JVM on loopback, for tests that crash nodes for
 * real: {@link #kill} is SIGKILL, {@link #pause} is SIGSTOP. Nodes are numbered from 1; each keeps its ports
 * and data directory across restarts. Every node is controller-eligible.
 */
public final class TestCluster implements AutoCloseable {
    /** Timeouts short enough that a failover takes about a second. */
    public static final Map<String, String> FAST = Map.of(
            "broker.heartbeat.interval.ms", "100",
            "broker.session.timeout.ms", "1000",
            "controller.quorum.election.timeout.ms", "150",
            "replica.lag.time.max.ms", "2000",
            "log.segment.bytes", "8388608");

    private final Path root;
    private final int[] raftPorts;
    private final int[] nativePorts;
    private final int[] kafkaPorts;
    private final Process[] processes;
    private final StringBuffer[] logs;
    private final Path configFile;
    private final List<String> extraArgs;

    private TestCluster(Path root, int size, Map<String, String> config, boolean kafka, List<String> extraArgs)
            throws IOException {
        this.root = root;
        this.extraArgs = List.copyOf(extraArgs);
        // every port in one pick, all held open together, so no two of them are the same
        int[] ports = freePorts(3 * size);
        this.raftPorts = java.util.Arrays.copyOfRange(ports, 0, size);
        this.nativePorts = java.util.Arrays.copyOfRange(ports, size, 2 * size);
        this.kafkaPorts = kafka ? java.util.Arrays.copyOfRange(ports, 2 * size, 3 * size) : new int[size]; // 0: door off
        this.processes = new Process[size];
        this.logs = new StringBuffer[size];
        this.configFile = root.resolve("node.properties");
        Files.writeString(configFile, config.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n")));
    }

    /** Starts {@code size} nodes and waits until each is ready. */
    public static TestCluster start(Path root, int size, Map<String, String> config) throws Exception {
        return start(root, size, config, false);
    }

    /** As {@link #start(Path, int, Map)}, each node also opening its Kafka door when {@code kafka} is set. */
    public static TestCluster start(Path root, int size, Map<String, String> config, boolean kafka) throws Exception {
        return start(root, size, config, kafka, List.of());
    }

    /** As {@link #start(Path, int, Map, boolean)}, every node given {@code extraArgs} too (e.g. its TLS files). */
    public static TestCluster start(Path root, int size, Map<String, String> config, boolean kafka,
                                    List<String> extraArgs) throws Exception {
        TestCluster c = new TestCluster(root, size, config, kafka, extraArgs);
        try {
            for (int node = 1; node <= size; node++) {
                c.launch(node);
            }
            for (int node = 1; node <= size; node++) {
                c.awaitReady(node, Duration.ofSeconds(90));
            }
        } catch (Exception | Error e) {
            c.close();
            throw e;
        }
        return c;
    }

    public int size() {
        return processes.length;
    }

    /** {@code rivulet://} with every node. */
    public String bootstrap() {
        StringJoiner j = new StringJoiner(",", "rivulet://", "");
        for (int port : nativePorts) {
            j.add("127.0.0.1:" + port);
        }
        return j.toString();
    }

    /** {@code rivulet://} with only the given nodes, for a client that must not reach the others. */
    public String bootstrap(int... nodes) {
        StringJoiner j = new StringJoiner(",", "rivulet://", "");
        for (int node : nodes) {
            j.add("127.0.0.1:" + nativePorts[node - 1]);
        }
        return j.toString();
    }

    /** Kafka's {@code bootstrap.servers} with every node's Kafka door. */
    public String kafkaBootstrap() {
        StringJoiner j = new StringJoiner(",");
        for (int port : kafkaPorts) {
            j.add("127.0.0.1:" + port);
        }
        return j.toString();
    }

    /** Node {@code node}'s Kafka door (0 when the cluster was started without them). */
    public int kafkaPort(int node) {
        return kafkaPorts[node - 1];
    }

    public Path dataDir(int node) {
        return root.resolve("node-" + node);
    }

    /** The {@code --cluster} value: every node, each with its consensus port. */
    public String voters() {
        StringJoiner voters = new StringJoiner(",");
        for (int i = 0; i < raftPorts.length; i++) {
            voters.add((i + 1) + "@127.0.0.1:" + raftPorts[i]);
        }
        return voters.toString();
    }

    private void launch(int node) throws IOException {
        List<String> args = new ArrayList<>(List.of(
                "server", "--node-id", String.valueOf(node), "--cluster", voters(),
                "--data-dir", dataDir(node).toString(), "--config", configFile.toString(),
                "--native-port", String.valueOf(nativePorts[node - 1]), "--http-port", "0",
                "--kafka-port", String.valueOf(kafkaPorts[node - 1])));
        args.addAll(extraArgs);
        List<String> cmd = ChildJvm.command(Main.class, List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                args.toArray(String[]::new));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        StringBuffer log = new StringBuffer();
        if (logs[node - 1] != null) {
            log.append(logs[node - 1]).append("---- restarted ----\n"); // keep what the node said before
        }
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    log.append(line).append('\n');
                }
            } catch (IOException ignored) {
                // the process died
            }
        }, "node-" + node + "-output");
        reader.setDaemon(true);
        reader.start();
        processes[node - 1] = p;
        logs[node - 1] = log;
    }

    private void awaitReady(int node, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (logs[node - 1].indexOf("rivulet server ready") >= 0) {
                return;
            }
            if (!processes[node - 1].isAlive()) {
                throw new AssertionError("node " + node + " exited:\n" + logs[node - 1]);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("node " + node + " not ready after " + timeout + ":\n" + logs[node - 1]);
    }

    /** SIGKILL: the node dies at once, without closing anything. */
    public void kill(int node) throws InterruptedException {
        Process p = processes[node - 1];
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
    }

    /** Starts a killed or stopped node again on its data directory and waits until it is ready. */
    public void restart(int node) throws Exception {
        if (processes[node - 1].isAlive()) {
            throw new IllegalStateException("node " + node + " is running");
        }
        launch(node);
        awaitReady(node, Duration.ofSeconds(90));
    }

    /** SIGSTOP: the node freezes, connections open but silent, as if cut off. */
    public void pause(int node) throws Exception {
        signal(node, "STOP");
    }

    /** SIGCONT after {@link #pause}. */
    public void resume(int node) throws Exception {
        signal(node, "CONT");
    }

    private void signal(int node, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(processes[node - 1].pid())).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + signal + " failed for node " + node);
        }
    }

    /** SIGTERM and wait: the node closes cleanly. */
    public void stop(int node) throws InterruptedException {
        Process p = processes[node - 1];
        p.destroy();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The node's HTTP port (for /metrics), as it printed it when it last started. */
    public int httpPort(int node) {
        String log = logs[node - 1].toString();
        int at = log.lastIndexOf("http listening on ");
        if (at < 0) {
            throw new IllegalStateException("node " + node + " printed no http port:\n" + log);
        }
        String hostPort = log.substring(at + "http listening on ".length(), log.indexOf('\n', at)).trim().split(" ")[0];
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }

    /** The node's Prometheus scrape. */
    public String metrics(int node) throws IOException, InterruptedException {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + httpPort(node) + "/metrics"))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    public boolean isAlive(int node) {
        return processes[node - 1].isAlive();
    }

    /** Writes what each node printed so far to {@code dir}/node-N.log, for a look after the test. */
    public void saveLogs(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (int node = 1; node <= processes.length; node++) {
            Files.writeString(dir.resolve("node-" + node + ".log"), logs[node - 1].toString());
        }
    }

    /** What the node printed so far, for failure messages. */
    public String log(int node) {
        return logs[node - 1].toString();
    }

    /** Prints what the node printed so far to stdout, where a CI run's output keeps it after a failure. */
    public void printLog(int node) {
        System.out.println("---- node " + node + " ----\n" + log(node));
    }

    /** {@link #printLog} for every node. */
    public void printLogs() {
        for (int node = 1; node <= processes.length; node++) {
            printLog(node);
        }
    }

    @Override
    public void close() {
        for (Process p : processes) {
            if (p != null) {
                p.destroyForcibly(); // SIGKILL ends a paused node too
            }
        }
        for (Process p : processes) {
            if (p != null) {
                try {
                    p.waitFor(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static int[] freePorts(int n) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0);
                held.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
