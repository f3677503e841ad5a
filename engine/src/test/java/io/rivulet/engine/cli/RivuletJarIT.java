package io.rivulet.engine.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged command: {@code engine/target/rivulet.jar} run as {@code java -jar} in child JVMs with
 * no flags at all (the manifest and {@code Main} supply them), and the {@code ./rivulet} launcher.
 */
class RivuletJarIT {
    private static final Path JAR = Path.of("target", "rivulet.jar").toAbsolutePath();
    private static final Path LAUNCHER = Path.of("..", "rivulet").toAbsolutePath().normalize();
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
    }

    private Run run(String stdin, List<String> command) throws IOException, InterruptedException {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Path in = Files.writeString(dir.resolve("in.txt"), stdin);
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(in.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        Process process = builder.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "rivulet did not finish: " + command);
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private Run jar(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(JAVA, "-jar", JAR.toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--data-dir", dir.resolve("data").toString()));
        return run(stdin, command);
    }

    @Test
    void theManifestOpensWhatTheFlagListOpens() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertEquals(Main.class.getName(), main.getValue("Main-Class"));
            List<String> opens = List.of(main.getValue("Add-Opens").split(" "));
            List<String> exports = List.of(main.getValue("Add-Exports").split(" "));
            for (String flag : System.getProperty("rivulet.jvm.flags").trim().split("\\s+")) {
                if (flag.startsWith("--add-opens=")) {
                    assertTrue(opens.contains(flag.substring("--add-opens=".length()).replace("=ALL-UNNAMED", "")), flag);
                } else if (flag.startsWith("--add-exports=")) {
                    assertTrue(exports.contains(flag.substring("--add-exports=".length()).replace("=ALL-UNNAMED", "")), flag);
                }
            }
            assertTrue(jar.getEntry("META-INF/services/io.rivulet.api.spi.RivuletProvider") != null, "the engine provider is found");
        }
    }

    @Test
    void javaDashJarWorksWithoutAnyFlags() throws Exception {
        Run created = jar("", "topics", "create", "events", "--partitions", "2");
        assertEquals(0, created.exitCode(), created.err());
        assertEquals("created topic events with 2 partitions\n", created.out());
        assertEquals("", created.err(), "no warnings without JVM flags");

        Run produced = jar("k:one\nk:two\nk:three\n", "produce", "events", "--key-separator", ":", "--print-offsets");
        assertEquals(0, produced.exitCode(), produced.err());
        List<String> offsets = produced.out().lines().toList();
        assertEquals(3, offsets.size(), produced.out());
        String partition = offsets.get(0).split(" ")[0];
        assertEquals(List.of(partition + " 0", partition + " 1", partition + " 2"), offsets, "one key, one partition");
        assertEquals("produced 3 records to events\n", produced.err());

        Run consumed = jar("", "consume", "events", "--from", "earliest", "--max", "3");
        assertEquals(0, consumed.exitCode(), consumed.err());
        assertEquals(List.of("one", "two", "three"), consumed.out().lines().toList());
    }

    @Test
    void errorsAreOneLineWithTheirExitCode() throws Exception {
        Run unknown = jar("", "topics", "describe", "nope");
        assertEquals(1, unknown.exitCode());
        assertEquals(1, unknown.err().lines().count(), unknown.err());
        assertTrue(unknown.err().startsWith("error: "), unknown.err());

        Run usage = jar("", "consume", "t", "--from", "someday");
        assertEquals(2, usage.exitCode());
        assertEquals(1, usage.err().lines().count(), usage.err());
    }

    @Test
    void theLauncherRunsTheJar() throws Exception {
        Run version = run("", List.of("bash", LAUNCHER.toString(), "--version"));
        assertEquals(0, version.exitCode(), version.err());
        assertTrue(version.out().startsWith("rivulet "), version.out());
    }

    @Test
    void thePackagedServerServesItsListenersToThePackagedClientAndAKafkaClient() throws Exception {
        int kafkaPort;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            kafkaPort = free.getLocalPort(); // --kafka-port 0 turns the door off, so the test picks a free port
        }
        List<String> command = List.of(JAVA, "-jar", JAR.toString(), "server", "--data-dir",
                dir.resolve("node").toString(), "--native-port", "0", "--http-port", "0",
                "--kafka-port", String.valueOf(kafkaPort));
        Process node = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            var lines = new java.io.BufferedReader(new java.io.InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
            String nativeAddress = null;
            String httpAddress = null;
            String kafkaAddress = null;
            for (String line; (nativeAddress == null || httpAddress == null || kafkaAddress == null)
                    && (line = lines.readLine()) != null; ) {
                if (line.startsWith("kafka listening on ")) {
                    kafkaAddress = line.substring("kafka listening on ".length());
                } else if (line.startsWith("native listening on ")) {
                    nativeAddress = line.substring("native listening on ".length());
                } else if (line.startsWith("http listening on ")) {
                    httpAddress = line.substring("http listening on ".length());
                }
            }
            assertTrue(nativeAddress != null && httpAddress != null, "both listeners printed their ports");
            Thread drain = new Thread(() -> lines.lines().forEach(l -> { }), "server-output"); // never let its pipe fill
            drain.setDaemon(true);
            drain.start();
            List<String> client = new ArrayList<>(List.of(JAVA, "-jar", JAR.toString()));
            Run produced = run("a\nb\n", concat(client, "produce", "remote", "--bootstrap", "rivulet://" + nativeAddress));
            assertEquals(0, produced.exitCode(), produced.err());
            Run consumed = run("", concat(client, "consume", "remote", "--from", "earliest", "--max", "2",
                    "--bootstrap", "rivulet://" + nativeAddress));
            assertEquals(List.of("a", "b"), consumed.out().lines().toList(), consumed.err());
            var http = java.net.http.HttpClient.newHttpClient();
            var health = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://" + httpAddress + "/health"))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health.body());
            // the jar carries kafka-clients relocated; this test's own, unrelocated kafka-clients talks to it
            java.util.Properties props = new java.util.Properties();
            props.put("bootstrap.servers", kafkaAddress);
            try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(props,
                    new org.apache.kafka.common.serialization.StringSerializer(),
                    new org.apache.kafka.common.serialization.StringSerializer())) {
                var sent = producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("remote", 0, null, "c"))
                        .get(60, TimeUnit.SECONDS);
                assertEquals(2, sent.offset(), "after a and b");
            }
        } finally {
            node.destroy();
            assertTrue(node.waitFor(30, TimeUnit.SECONDS), "the server stops on SIGTERM");
        }
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }
}
