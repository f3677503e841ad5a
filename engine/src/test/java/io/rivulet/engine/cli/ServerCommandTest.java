package io.rivulet.engine.cli;

import io.rivulet.api.NewTopic;
import io.rivulet.api.Rivulet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rivulet server}: ready line, holding the data directory, clean close on stop. */
class ServerCommandTest {
    @TempDir
    Path dir;

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(10);
        }
    }

    @Test
    void runsUntilStoppedThenReleasesTheDataDirectory() throws Exception {
        Path data = dir.resolve("data");
        Path config = Files.writeString(dir.resolve("engine.properties"), "num.partitions=3\n");
        ManualStop stop = new ManualStop();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandContext context = CliRunner.context(stop, "", out, err);
        CompletableFuture<Integer> server = CompletableFuture.supplyAsync(() ->
                Cli.run(context, "server", "--data-dir", data.toString(), "--config", config.toString(), "--native-port", "0", "--http-port", "0", "--kafka-port", "0"));

        await(stop::armed);
        List<String> ready = out.toString().lines().toList();
        assertEquals(3, ready.size(), out.toString());
        assertTrue(ready.get(0).startsWith("native listening on 127.0.0.1:"), ready.get(0));
        assertTrue(ready.get(1).startsWith("http listening on 127.0.0.1:"), ready.get(1));
        assertTrue(ready.get(2).contains("ready") && ready.get(2).contains(data.toAbsolutePath().toString()), ready.get(2));
        String http = "http://" + ready.get(1).substring("http listening on ".length());
        java.net.http.HttpClient web = java.net.http.HttpClient.newHttpClient();
        String metrics = web.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(http + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(metrics.contains("rivulet_"), "the node's meters are served on /metrics");
        String bootstrap = "rivulet://" + ready.get(0).substring("native listening on ".length());

        // every command reaches the node through --bootstrap, with the same output as embedded
        assertEquals(0, CliRunner.run("", "topics", "create", "remote", "--partitions", "2", "--bootstrap", bootstrap).exitCode());
        CliRunner.Result produced = CliRunner.run("a:1\nb:2\n", "produce", "remote", "--key-separator", ":",
                "--bootstrap", bootstrap);
        assertEquals(0, produced.exitCode(), produced.err());
        CliRunner.Result consumed = CliRunner.run("", "consume", "remote", "--from", "earliest", "--max", "2",
                "--bootstrap", bootstrap);
        assertEquals(0, consumed.exitCode(), consumed.err());
        assertEquals(Set.of("1", "2"), Set.copyOf(consumed.out().lines().toList()));
        CliRunner.Result described = CliRunner.run("", "topics", "describe", "remote", "--bootstrap", bootstrap);
        assertTrue(described.out().contains("remote"), described.out());
        CliRunner.Result grouped = CliRunner.run("", "consume", "remote", "--group", "audit", "--from", "earliest",
                "--max", "2", "--bootstrap", bootstrap);
        assertEquals(0, grouped.exitCode(), grouped.err());
        assertEquals(List.of("audit"), CliRunner.run("", "groups", "list", "--bootstrap", bootstrap).out().lines().toList());
        CliRunner.Result group = CliRunner.run("", "groups", "describe", "audit", "--format", "json", "--bootstrap", bootstrap);
        assertEquals(0, group.exitCode(), group.err());
        com.fasterxml.jackson.databind.JsonNode audit = new com.fasterxml.jackson.databind.ObjectMapper().readTree(group.out());
        assertEquals(0, audit.get("totalLag").asLong(), "the group committed both records it printed: " + group.out());
        CliRunner.Result perf = CliRunner.run("", "perf", "produce", "remote", "--records", "2000", "--record-size", "50",
                "--bootstrap", bootstrap);
        assertEquals(0, perf.exitCode(), perf.err());
        com.fasterxml.jackson.databind.JsonNode line = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(perf.out().lines().reduce((a, b) -> b).orElseThrow());
        assertEquals("produce", line.get("mode").asText());
        assertEquals(2000, line.get("records").asLong());
        assertEquals(100_000, line.get("bytes").asLong());
        CliRunner.Result after = CliRunner.run("", "topics", "describe", "remote", "--format", "json", "--bootstrap", bootstrap);
        long total = 0;
        for (com.fasterxml.jackson.databind.JsonNode partition : new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(after.out()).get("partitions")) {
            total += partition.get("endOffset").asLong();
        }
        assertEquals(2002, total, "perf's records went to the node: " + after.out());

        CliRunner.Result locked = CliRunner.run("", "topics", "list", "--data-dir", data.toString());
        assertEquals(1, locked.exitCode(), "the server holds the directory");
        assertEquals(1, locked.errLines().size(), locked.err());
        assertTrue(locked.err().contains("in use"), locked.err());

        stop.stop();
        assertEquals(0, server.get(20, TimeUnit.SECONDS));
        assertTrue(err.toString().contains("closed cleanly"), err.toString());

        try (Rivulet reopened = Rivulet.embedded().dataDir(data).config(CliRunner.SMALL).open()) {
            reopened.admin().createTopic(NewTopic.of("after")).block();
        }
    }

    @Test
    void everyListenerBindsTheAddressGivenWithBind() throws Exception {
        ManualStop stop = new ManualStop();
        StringWriter out = new StringWriter();
        CommandContext context = CliRunner.context(stop, "", out, new StringWriter());
        CompletableFuture<Integer> server = CompletableFuture.supplyAsync(() -> Cli.run(context, "server",
                "--data-dir", dir.resolve("data").toString(), "--bind", "127.0.0.2",
                "--native-port", "0", "--http-port", "0", "--kafka-port", "0"));
        await(stop::armed);
        List<String> ready = out.toString().lines().toList();
        assertTrue(ready.get(0).startsWith("native listening on 127.0.0.2:"), ready.get(0));
        assertTrue(ready.get(1).startsWith("http listening on 127.0.0.2:"), ready.get(1));
        int nativePort = Integer.parseInt(ready.get(0).substring(ready.get(0).lastIndexOf(':') + 1));
        try (java.net.Socket s = new java.net.Socket("127.0.0.2", nativePort)) {
            assertTrue(s.isConnected());
        }
        assertThrows(java.net.ConnectException.class, () -> new java.net.Socket("127.0.0.1", nativePort).close(),
                "nothing listens on the default address");
        CliRunner.Result listed = CliRunner.run("", "topics", "list", "--bootstrap", "rivulet://127.0.0.2:" + nativePort);
        assertEquals(0, listed.exitCode(), listed.err());
        stop.stop();
        assertEquals(0, server.get(20, TimeUnit.SECONDS));
    }

    @Test
    void theConfigFilesSettingsReachTheEngine() throws Exception {
        // The engine checks every setting when it opens: a value it rejects proves the file was handed over.
        Path config = Files.writeString(dir.resolve("engine.properties"), "# partitions of auto-created topics\nnum.partitions = 0\n");
        CliRunner.Result result = CliRunner.run("", "server", "--native-port", "0", "--http-port", "0", "--kafka-port", "0", "--data-dir", dir.resolve("data").toString(),
                "--config", config.toString());
        assertEquals(1, result.exitCode());
        assertEquals(1, result.errLines().size(), result.err());
        assertTrue(result.err().contains("num.partitions") && result.err().contains("'0'"), result.err());
    }

    @Test
    void anUnknownSettingIsOneErrorLineNamingIt() throws Exception {
        Path config = Files.writeString(dir.resolve("bad.properties"), "no.such.setting=1\n");
        CliRunner.Result result = CliRunner.run("", "server", "--native-port", "0", "--http-port", "0", "--kafka-port", "0", "--data-dir", dir.resolve("data").toString(),
                "--config", config.toString());
        assertEquals(1, result.exitCode());
        assertEquals(1, result.errLines().size(), result.err());
        assertTrue(result.err().contains("no.such.setting"), result.err());
        assertEquals("", result.out());
    }

    @Test
    void aMissingConfigFileIsOneErrorLine() {
        CliRunner.Result result = CliRunner.run("", "server", "--config", dir.resolve("nope.properties").toString());
        assertEquals(1, result.exitCode());
        assertEquals(List.of("error: config file " + dir.resolve("nope.properties") + " does not exist"), result.errLines());
    }

    @Test
    void aFrameBoundOutOfRangeIsOneErrorLineNamingTheSetting() throws Exception {
        Path config = Files.writeString(dir.resolve("net.properties"), "socket.request.max.bytes=4\n");
        CliRunner.Result result = CliRunner.run("", "server", "--native-port", "0", "--http-port", "0", "--kafka-port", "0",
                "--data-dir", dir.resolve("data").toString(), "--config", config.toString());
        assertEquals(1, result.exitCode());
        assertEquals(1, result.errLines().size(), result.err());
        assertTrue(result.err().contains("socket.request.max.bytes") && result.err().contains("'4'"), result.err());
    }
}
