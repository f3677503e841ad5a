package io.rivulet.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PerfResultTest {
    private static final List<String> FIELDS = List.of("mode", "records", "bytes", "seconds", "records_per_sec",
            "mb_per_sec", "p50_ms", "p99_ms", "p999_ms", "heap_used_mb");

    @Test
    void isOneJsonLineWithTheContractsFieldsInOrder() throws Exception {
        Latencies latencies = new Latencies();
        latencies.recordNanos(2_000_000);
        String json = PerfResult.of(PerfMode.E2E, 10, 1000, 1_000_000_000L, latencies, 64L << 20).toJson();
        assertFalse(json.contains("\n"), json);
        JsonNode node = Json.mapper().readTree(json);
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        assertEquals(FIELDS, names);
        assertEquals("e2e", node.get("mode").asText());
    }

    @Test
    void ratesComeFromTheElapsedTime() throws Exception {
        PerfResult result = PerfResult.of(PerfMode.PRODUCE, 1_000, 4L << 20, 2_000_000_000L, null, 3L << 20);
        assertEquals(2.0, result.seconds());
        assertEquals(500.0, result.recordsPerSec());
        assertEquals(2.0, result.mbPerSec());
        assertEquals(3.0, result.heapUsedMb());
    }

    @Test
    void latenciesNotMeasuredAreNull() throws Exception {
        JsonNode node = Json.mapper().readTree(PerfResult.of(PerfMode.CONSUME, 5, 500, 1_000_000L, null, 0).toJson());
        assertTrue(node.get("p50_ms").isNull());
        assertTrue(node.get("p99_ms").isNull());
        assertTrue(node.get("p999_ms").isNull());
        JsonNode empty = Json.mapper().readTree(PerfResult.of(PerfMode.PRODUCE, 0, 0, 1_000_000L, new Latencies(), 0).toJson());
        assertTrue(empty.get("p50_ms").isNull(), "no latency recorded is not a latency of zero");
    }

    @Test
    void latenciesAreReportedInMilliseconds() {
        Latencies latencies = new Latencies();
        for (int i = 0; i < 100; i++) {
            latencies.recordNanos(1_500_000);
        }
        PerfResult result = PerfResult.of(PerfMode.PRODUCE, 100, 100, 1_000_000_000L, latencies, 0);
        assertEquals(1.5, result.p50Ms(), 0.0015);
        assertEquals(1.5, result.p999Ms(), 0.0015);
    }

    @Test
    void aZeroElapsedTimeDoesNotDivideByZero() {
        PerfResult result = PerfResult.of(PerfMode.PRODUCE, 1, 1, 0, null, 0);
        assertTrue(Double.isFinite(result.recordsPerSec()));
    }
}
