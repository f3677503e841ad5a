package io.rivulet.engine.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what a perf run has done and prints a progress line to stderr every interval, from its own
 * thread ({@code rivulet-perf-progress}), so the streams being measured never block on the terminal.
 * It also samples heap use, keeping the peak. Thread-safe.
 */
final class Progress implements AutoCloseable {
    private static final double MIB = 1024.0 * 1024.0;
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private final String label;
    private final long target;
    private final PrintWriter err;
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong heapPeak = new AtomicLong();
    private final ScheduledExecutorService ticker;
    private long lastRecords;
    private long lastBytes;
    private long lastNanos = System.nanoTime();

    /** Starts printing {@code label: done/target records …} to {@code err} every {@code interval}. */
    Progress(String label, long target, PrintWriter err, Duration interval) {
        this.label = label;
        this.target = target;
        this.err = err;
        this.ticker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "rivulet-perf-progress");
            thread.setDaemon(true);
            return thread;
        });
        sampleHeap();
        ticker.scheduleAtFixedRate(this::tick, interval.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Counts records done and their bytes. */
    void add(long doneRecords, long doneBytes) {
        records.addAndGet(doneRecords);
        bytes.addAndGet(doneBytes);
    }

    /** Records counted so far. */
    long records() {
        return records.get();
    }

    /** Bytes counted so far. */
    long bytes() {
        return bytes.get();
    }

    /** The most heap seen in use, sampling once more now. */
    long heapPeakBytes() {
        sampleHeap();
        return heapPeak.get();
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void tick() {
        long now = System.nanoTime();
        long doneRecords = records.get();
        long doneBytes = bytes.get();
        double seconds = Math.max(now - lastNanos, 1) / 1e9;
        err.println(line(label, doneRecords, target, (doneRecords - lastRecords) / seconds,
                (doneBytes - lastBytes) / MIB / seconds, sampleHeap() / MIB));
        err.flush();
        lastRecords = doneRecords;
        lastBytes = doneBytes;
        lastNanos = now;
    }

    private long sampleHeap() {
        long used = MEMORY.getHeapMemoryUsage().getUsed();
        heapPeak.accumulateAndGet(used, Math::max);
        return used;
    }

    /** One progress line, e.g. {@code perf produce: 500000/1000000 records (50.0%), 498765 records/s, 47.6 MB/s, heap 41.2 MB}. */
    static String line(String label, long done, long target, double recordsPerSec, double mbPerSec, double heapMb) {
        double percent = target <= 0 ? 100.0 : 100.0 * done / target;
        return String.format(Locale.ROOT, "%s: %d/%d records (%.1f%%), %.0f records/s, %.1f MB/s, heap %.1f MB",
                label, done, target, percent, recordsPerSec, mbPerSec, heapMb);
    }
}
