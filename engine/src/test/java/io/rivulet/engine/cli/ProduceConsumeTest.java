package io.rivulet.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rivulet produce} and {@code rivulet consume} (without a group) against an embedded engine. */
class ProduceConsumeTest {
    @TempDir
    Path dataDir;

    private CliRunner.Result rivulet(String stdin, String... args) {
        String[] withDir = Arrays.copyOf(args, args.length + 2);
        withDir[args.length] = "--data-dir";
        withDir[args.length + 1] = dataDir.toString();
        return CliRunner.run(stdin, withDir);
    }

    private List<JsonNode> json(CliRunner.Result result) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : result.outLines()) {
            nodes.add(Json.mapper().readTree(line));
        }
        return nodes;
    }

    private long endOffset(String topic, int partition) throws Exception {
        CliRunner.Result described = rivulet("", "topics", "describe", topic, "--format", "json");
        assertEquals(0, described.exitCode(), described.err());
        return Json.mapper().readTree(described.out()).get("partitions").get(partition).get("endOffset").asLong();
    }

    @Test
    void printOffsetsPrintsEachOffsetAsItIsAcknowledgedWhileInputIsStillComing() throws Exception {
        assertEquals(0, rivulet("", "topics", "create", "events").exitCode());
        PipedWriter typing = new PipedWriter();
        BufferedReader in = new BufferedReader(new PipedReader(typing));
        StringWriter out = new StringWriter();
        CommandContext context = new CommandContext(in, new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true), new ManualStop(), CliRunner.SMALL);
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() ->
                Cli.run(context, "produce", "events", "--print-offsets", "--data-dir", dataDir.toString()));

        typing.write("first\n");
        typing.flush();
        awaitLines(out, List.of("0 0"));
        typing.write("second\n");
        typing.flush();
        awaitLines(out, List.of("0 0", "0 1"));
        typing.close();
        assertEquals(0, run.get(30, TimeUnit.SECONDS));
        assertEquals(List.of("0 0", "0 1"), out.toString().lines().toList());
    }

    /** Waits (up to 30 s) until {@code out} holds exactly {@code lines}: the input is still open meanwhile. */
    private static void awaitLines(StringWriter out, List<String> lines) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!out.toString().lines().toList().equals(lines)) {
            assertTrue(System.nanoTime() < deadline, "printed " + out + " while waiting for " + lines);
            Thread.sleep(10);
        }
    }

    @Test
    void producePrintsOffsetsThenConsumeReadsThemBackAsJson() throws Exception {
        assertEquals(0, rivulet("", "topics", "create", "events").exitCode());

        CliRunner.Result produced = rivulet("first\nsecond\nthird\n", "produce", "events", "--print-offsets");
        assertEquals(0, produced.exitCode(), produced.err());
        assertEquals(List.of("0 0", "0 1", "0 2"), produced.outLines());
        assertEquals(List.of("produced 3 records to events"), produced.errLines());

        CliRunner.Result consumed = rivulet("", "consume", "events", "--from", "earliest", "--max", "3", "--format", "json");
        assertEquals(0, consumed.exitCode(), consumed.err());
        List<JsonNode> records = json(consumed);
        assertEquals(3, records.size());
        List<String> values = List.of("first", "second", "third");
        for (int i = 0; i < 3; i++) {
            JsonNode r = records.get(i);
            assertEquals("events", r.get("topic").asText());
            assertEquals(0, r.get("partition").asInt());
            assertEquals(i, r.get("offset").asLong());
            assertTrue(r.get("key").isNull());
            assertEquals(values.get(i), r.get("value").asText());
            assertTrue(Math.abs(r.get("timestamp").asLong() - System.currentTimeMillis()) < 60_000, r.toString());
        }
        assertEquals(List.of("consumed 3 records"), consumed.errLines());

        assertEquals(3, endOffset("events", 0));
    }

    @Test
    void valueFormatPrintsValuesAndUnicodeSurvivesTheRoundTrip() {
        assertEquals(0, rivulet("grüße\n日本\n\n", "produce", "text").exitCode());
        CliRunner.Result consumed = rivulet("", "consume", "text", "--from", "earliest", "--max", "3");
        assertEquals(List.of("grüße", "日本", ""), consumed.outLines());
    }

    @Test
    void keySeparatorSplitsKeyAndValueAndEqualKeysShareAPartition() throws Exception {
        assertEquals(0, rivulet("", "topics", "create", "keyed", "--partitions", "4").exitCode());
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            lines.append("user-").append(i % 5).append(':').append("v").append(i).append(":x\n");
        }
        CliRunner.Result produced = rivulet(lines.toString(), "produce", "keyed", "--key-separator", ":", "--print-offsets");
        assertEquals(0, produced.exitCode(), produced.err());
        assertEquals(40, produced.outLines().size());

        CliRunner.Result consumed = rivulet("", "consume", "keyed", "--from", "earliest", "--max", "40", "--format", "json");
        assertEquals(0, consumed.exitCode(), consumed.err());
        Map<String, Set<Integer>> partitionsByKey = new HashMap<>();
        Map<Integer, Long> lastOffset = new HashMap<>();
        Set<String> values = new HashSet<>();
        for (JsonNode r : json(consumed)) {
            partitionsByKey.computeIfAbsent(r.get("key").asText(), k -> new HashSet<>()).add(r.get("partition").asInt());
            long previous = lastOffset.getOrDefault(r.get("partition").asInt(), -1L);
            assertTrue(r.get("offset").asLong() > previous, "offsets rise within a partition: " + r);
            lastOffset.put(r.get("partition").asInt(), r.get("offset").asLong());
            values.add(r.get("value").asText());
            assertTrue(r.get("value").asText().endsWith(":x"), "the value keeps later separators: " + r);
        }
        assertEquals(5, partitionsByKey.size());
        partitionsByKey.forEach((key, partitions) -> assertEquals(1, partitions.size(), key + " on " + partitions));
        assertEquals(40, values.size(), "every line was read back once");
    }

    @Test
    void aLineWithoutTheSeparatorStopsWithAnErrorAfterTheLinesBeforeIt() throws Exception {
        assertEquals(0, rivulet("", "topics", "create", "strict").exitCode());
        CliRunner.Result produced = rivulet("a:1\nb:2\nno separator\nc:3\n", "produce", "strict", "--key-separator", ":",
                "--print-offsets");
        assertEquals(1, produced.exitCode());
        assertEquals(List.of("0 0", "0 1"), produced.outLines());
        assertEquals(1, produced.errLines().size(), produced.err());
        assertTrue(produced.err().startsWith("error: line 3 has no key separator ':'"), produced.err());
        assertEquals(2, endOffset("strict", 0), "the lines before the bad one are written, the ones after are not");
    }

    @Test
    void acksZeroPrintsAnUnknownOffset() {
        CliRunner.Result produced = rivulet("x\n", "produce", "fast", "--acks", "0", "--print-offsets");
        assertEquals(0, produced.exitCode(), produced.err());
        assertEquals(1, produced.outLines().size());
        assertTrue(produced.outLines().get(0).matches("\\d+ (-1|\\d+)"), produced.out());
    }

    @Test
    void consumeFromAnOffsetOrATime() throws Exception {
        assertEquals(0, rivulet("a\nb\nc\n", "produce", "seek").exitCode());

        CliRunner.Result fromOffset = rivulet("", "consume", "seek", "--from", "offset:1", "--max", "2");
        assertEquals(List.of("b", "c"), fromOffset.outLines());

        String past = "time:" + Instant.now().minusSeconds(3600);
        assertEquals(List.of("a", "b", "c"), rivulet("", "consume", "seek", "--from", past, "--max", "3").outLines());

        String future = "time:" + Instant.now().plusSeconds(3600);
        CliRunner.Result none = rivulet("", "consume", "seek", "--from", future, "--timeout-ms", "300");
        assertEquals(0, none.exitCode(), none.err());
        assertEquals("", none.out());
        assertEquals(List.of("consumed 0 records"), none.errLines());
    }

    @Test
    void timeoutEndsAnIdleConsumeWithoutMax() {
        assertEquals(0, rivulet("one\ntwo\n", "produce", "idle").exitCode());
        CliRunner.Result consumed = rivulet("", "consume", "idle", "--from", "earliest", "--timeout-ms", "500");
        assertEquals(0, consumed.exitCode(), consumed.err());
        assertEquals(List.of("one", "two"), consumed.outLines());
    }

    @Test
    void consumeMergesEveryPartition() throws Exception {
        assertEquals(0, rivulet("", "topics", "create", "wide", "--partitions", "3").exitCode());
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            lines.append("k").append(i).append('=').append(i).append('\n');
        }
        assertEquals(0, rivulet(lines.toString(), "produce", "wide", "--key-separator", "=").exitCode());
        long total = endOffset("wide", 0) + endOffset("wide", 1) + endOffset("wide", 2);
        assertEquals(30, total);
        assertTrue(endOffset("wide", 0) > 0 && endOffset("wide", 1) > 0 && endOffset("wide", 2) > 0,
                "30 keys spread over the 3 partitions");

        CliRunner.Result consumed = rivulet("", "consume", "wide", "--from", "earliest", "--max", "30");
        Set<String> values = new HashSet<>(consumed.outLines());
        for (int i = 0; i < 30; i++) {
            assertTrue(values.contains(Integer.toString(i)), "missing " + i + " in " + values);
        }
    }

    @Test
    void consumeOfAMissingTopicIsOneErrorLine() {
        CliRunner.Result result = rivulet("", "consume", "missing", "--from", "earliest", "--timeout-ms", "200");
        assertEquals(1, result.exitCode(), result.out() + result.err());
        assertEquals(1, result.errLines().size(), result.err());
        assertTrue(result.err().contains("missing"), result.err());
    }

    @Test
    void consumePastTheEndIsOneErrorLine() {
        assertEquals(0, rivulet("a\n", "produce", "short").exitCode());
        CliRunner.Result result = rivulet("", "consume", "short", "--from", "offset:5", "--timeout-ms", "500");
        assertEquals(1, result.exitCode(), result.out() + result.err());
        assertEquals(1, result.errLines().size(), result.err());
        assertTrue(result.err().startsWith("error: "), result.err());
    }
}
