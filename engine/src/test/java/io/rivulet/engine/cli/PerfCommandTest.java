package io.rivulet.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rivulet perf}: small runs that check the result line, not the speed. */
class PerfCommandTest {
    @TempDir
    Path dataDir;

    private CliRunner.Result rivulet(String... args) {
        String[] withDir = Arrays.copyOf(args, args.length + 2);
        withDir[args.length] = "--data-dir";
        withDir[args.length + 1] = dataDir.toString();
        return CliRunner.run("", withDir);
    }

    private JsonNode result(CliRunner.Result run) throws Exception {
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(1, run.outLines().size(), "stdout is the one result line: " + run.out());
        return Json.mapper().readTree(run.out());
    }

    @Test
    void produceCreatesTheTopicAndMeasuresSendToAck() throws Exception {
        JsonNode result = result(rivulet("perf", "produce", "bench", "--records", "5000", "--record-size", "50",
                "--partitions", "2", "--acks", "1", "--batch-size", "4096", "--linger-ms", "1"));
        assertEquals("produce", result.get("mode").asText());
        assertEquals(5000, result.get("records").asLong());
        assertEquals(250_000, result.get("bytes").asLong());
        assertTrue(result.get("seconds").asDouble() > 0);
        assertEquals(5000 / result.get("seconds").asDouble(), result.get("records_per_sec").asDouble(),
                result.get("records_per_sec").asDouble() * 0.01);
        assertTrue(result.get("p50_ms").asDouble() <= result.get("p99_ms").asDouble());
        assertTrue(result.get("p99_ms").asDouble() <= result.get("p999_ms").asDouble());
        assertTrue(result.get("heap_used_mb").asDouble() > 0);

        JsonNode topic = Json.mapper().readTree(rivulet("topics", "describe", "bench", "--format", "json").out());
        assertEquals(2, topic.get("partitions").size());
        long written = 0;
        for (JsonNode p : topic.get("partitions")) {
            written += p.get("endOffset").asLong();
        }
        assertEquals(5000, written);
    }

    @Test
    void consumeFillsAShortTopicThenReadsWithoutLatencies() throws Exception {
        JsonNode result = result(rivulet("perf", "consume", "reads", "--records", "3000", "--partitions", "3"));
        assertEquals("consume", result.get("mode").asText());
        assertEquals(3000, result.get("records").asLong());
        assertEquals(300_000, result.get("bytes").asLong());
        assertTrue(result.get("p50_ms").isNull());
        assertTrue(result.get("p999_ms").isNull());

        JsonNode again = result(rivulet("perf", "consume", "reads", "--records", "3000"));
        assertEquals(3000, again.get("records").asLong(), "a second run reads the same records, producing none");
        JsonNode topic = Json.mapper().readTree(rivulet("topics", "describe", "reads", "--format", "json").out());
        long held = 0;
        for (JsonNode p : topic.get("partitions")) {
            held += p.get("endOffset").asLong();
        }
        assertEquals(3000, held);
    }

    @Test
    void endToEndMeasuresProduceToConsumeLatency() throws Exception {
        JsonNode result = result(rivulet("perf", "e2e", "e2e", "--records", "2000", "--record-size", "64",
                "--partitions", "2", "--linger-ms", "0"));
        assertEquals("e2e", result.get("mode").asText());
        assertEquals(2000, result.get("records").asLong());
        assertEquals(128_000, result.get("bytes").asLong());
        assertTrue(result.get("p50_ms").asDouble() > 0);
        assertTrue(result.get("p50_ms").asDouble() <= result.get("p999_ms").asDouble());
    }

    @Test
    void throughputHoldsTheProducerToItsRate() throws Exception {
        // 600 records at 2000/s cannot finish in less than 0.3 s, whatever the machine.
        JsonNode e2e = result(rivulet("perf", "e2e", "paced", "--records", "600", "--record-size", "16", "--throughput", "2000"));
        assertEquals(600, e2e.get("records").asLong());
        assertTrue(e2e.get("seconds").asDouble() >= 0.29, e2e.toString());
        JsonNode produce = result(rivulet("perf", "produce", "paced", "--records", "600", "--throughput", "2000"));
        assertTrue(produce.get("seconds").asDouble() >= 0.29, produce.toString());
    }

    @Test
    void progressGoesToStderrNotStdout() throws Exception {
        CliRunner.Result run = rivulet("perf", "produce", "quiet", "--records", "100");
        result(run);
        assertTrue(run.errLines().stream().allMatch(line -> line.startsWith("perf ")), run.err());
    }

    @Test
    void warmUpRecordsAreSentFirstAndNotMeasured() throws Exception {
        JsonNode produce = result(rivulet("perf", "produce", "warm", "--records", "1000", "--warmup-records", "3000"));
        assertEquals(1000, produce.get("records").asLong(), "the result covers the measured records only");
        JsonNode topic = Json.mapper().readTree(rivulet("topics", "describe", "warm", "--format", "json").out());
        assertEquals(4000, topic.get("partitions").get(0).get("endOffset").asLong(), "the warm-up went to the log too");

        JsonNode e2e = result(rivulet("perf", "e2e", "warm", "--records", "500", "--record-size", "16",
                "--warmup-records", "700"));
        assertEquals(500, e2e.get("records").asLong());
        topic = Json.mapper().readTree(rivulet("topics", "describe", "warm", "--format", "json").out());
        assertEquals(5200, topic.get("partitions").get(0).get("endOffset").asLong());
    }

    @Test
    void warmUpIsRefusedForConsumeAndBelowZero() {
        CliRunner.Result consume = rivulet("perf", "consume", "c", "--records", "10", "--warmup-records", "5");
        assertEquals(2, consume.exitCode());
        assertTrue(consume.err().contains("--warmup-records"), consume.err());
        assertEquals(2, rivulet("perf", "produce", "p", "--records", "10", "--warmup-records", "-1").exitCode());
    }
}
