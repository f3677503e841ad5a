package io.rivulet.engine.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The one JSON line {@code rivulet perf} ends with:
 * {@code {"mode":…,"records":…,"bytes":…,"seconds":…,"records_per_sec":…,"mb_per_sec":…,"p50_ms":…,"p99_ms":…,"p999_ms":…,"heap_used_mb":…}}.
 * MB are MiB (2^20 bytes); latencies are {@code null} where the mode does not measure them.
 *
 * @param mode          produce, consume or e2e
 * @param records       records sent (produce) or received (consume, e2e)
 * @param bytes         their value bytes
 * @param seconds       the measured time
 * @param recordsPerSec records / seconds
 * @param mbPerSec      bytes / 2^20 / seconds
 * @param p50Ms         median latency in ms, or {@code null}
 * @param p99Ms         99th percentile, or {@code null}
 * @param p999Ms        99.9th percentile, or {@code null}
 * @param heapUsedMb    the most heap seen in use during the run, in MiB
 */
@JsonPropertyOrder({"mode", "records", "bytes", "seconds", "records_per_sec", "mb_per_sec", "p50_ms", "p99_ms",
        "p999_ms", "heap_used_mb"})
record PerfResult(String mode, long records, long bytes, double seconds,
                  @JsonProperty("records_per_sec") double recordsPerSec,
                  @JsonProperty("mb_per_sec") double mbPerSec,
                  @JsonProperty("p50_ms") Double p50Ms,
                  @JsonProperty("p99_ms") Double p99Ms,
                  @JsonProperty("p999_ms") Double p999Ms,
                  @JsonProperty("heap_used_mb") double heapUsedMb) {

    private static final double MIB = 1024.0 * 1024.0;

    /**
     * The result of a run; rates come from {@code elapsedNanos}, latencies from {@code latencies}
     * ({@code null} when not measured). Values are rounded for reading: seconds and milliseconds to
     * the microsecond, rates to two decimals.
     */
    static PerfResult of(PerfMode mode, long records, long bytes, long elapsedNanos, Latencies latencies,
                         long heapUsedBytes) {
        double seconds = Math.max(elapsedNanos, 1) / 1e9;
        return new PerfResult(mode.toString(), records, bytes, round(seconds, 6),
                round(records / seconds, 2), round(bytes / MIB / seconds, 2),
                millis(latencies, 50), millis(latencies, 99), millis(latencies, 99.9),
                round(heapUsedBytes / MIB, 2));
    }

    /** The JSON line. */
    String toJson() {
        return Json.line(this);
    }

    private static Double millis(Latencies latencies, double percentile) {
        Double ms = latencies == null ? null : latencies.percentileMillis(percentile);
        return ms == null ? null : round(ms, 6);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
