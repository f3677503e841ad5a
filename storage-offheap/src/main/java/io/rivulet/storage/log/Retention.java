package io.rivulet.storage.log;

import java.util.List;

/**
 * Which old segments retention deletes: a pure decision over segment sizes and timestamps, so it is
 * tested without files or clocks. Only sealed segments are candidates and deletion is always a
 * prefix of the log (oldest first), so the log never gets a hole.
 */
public final class Retention {
    /** What retention needs to know of a sealed segment. */
    public record SegmentStats(long baseOffset, long sizeInBytes, long maxTimestamp) {
    }

    private Retention() {
    }

    /**
     * The number of oldest segments to delete.
     *
     * @param sealed     sealed segments, oldest first (the active segment excluded)
     * @param totalBytes size of the whole log, active segment included
     * @param nowMs      the current time
     */
    public static int segmentsToDelete(List<SegmentStats> sealed, long totalBytes, long nowMs,
                                       long retentionMs, long retentionBytes) {
        int byTime = 0;
        if (retentionMs >= 0) {
            while (byTime < sealed.size() && nowMs - sealed.get(byTime).maxTimestamp() > retentionMs) {
                byTime++;
            }
        }
        int bySize = 0;
        if (retentionBytes >= 0) {
            long excess = totalBytes - retentionBytes;
            while (bySize < sealed.size() && excess - sealed.get(bySize).sizeInBytes() >= 0) {
                excess -= sealed.get(bySize).sizeInBytes();
                bySize++;
            }
        }
        return Math.max(byTime, bySize);
    }
}
