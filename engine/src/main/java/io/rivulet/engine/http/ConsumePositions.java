package io.rivulet.engine.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The next offset per partition of what a consume socket has written out: where its client resumes
 * with {@code from=positions:…}. Seeded with the resolved start of each partition, advanced as each
 * record frame's write completes. Thread-safe.
 */
final class ConsumePositions {
    /** A WebSocket close reason may hold at most 123 bytes of UTF-8 (RFC 6455 §5.5). */
    static final int MAX_REASON_BYTES = 123;

    private final Map<Integer, Long> next = new ConcurrentHashMap<>();

    /** Seeds a partition's start, unless a record of it was already written. */
    void start(int partition, long offset) {
        next.putIfAbsent(partition, offset);
    }

    /** A record at {@code offset} reached the socket. */
    void written(int partition, long offset) {
        next.merge(partition, offset + 1, Math::max);
    }

    /** The resume form, e.g. {@code positions:0=12,1=40}, partitions in order; null while nothing is known. */
    String resumeForm() {
        if (next.isEmpty()) {
            return null;
        }
        return new ConsumeFrom.Positions(new TreeMap<>(next)).toString();
    }

    /**
     * The close reason for a client that fell too far behind: the resume form when it fits in a close
     * frame, otherwise a pointer to the offsets the client saw itself.
     */
    String tooFarBehindReason() {
        String form = resumeForm();
        String reason = "too far behind: reconnect with from=" + form;
        if (form != null && reason.getBytes(StandardCharsets.UTF_8).length <= MAX_REASON_BYTES) {
            return reason;
        }
        return "too far behind: reconnect with from=positions: of the last offsets you received";
    }
}
