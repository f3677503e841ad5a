package io.rivulet.engine.cli;

import java.util.Locale;

/** What {@code rivulet perf} measures. */
enum PerfMode {
    /** Send throughput and send→acknowledgement latency. */
    PRODUCE,
    /** Read throughput from the earliest offset; no latency. */
    CONSUME,
    /** Produce and consume at once: throughput and produce→consume latency. */
    E2E;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
