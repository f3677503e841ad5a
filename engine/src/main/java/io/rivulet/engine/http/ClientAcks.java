package io.rivulet.engine.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.rivulet.api.RecordOffset;

import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * With {@code acks=client}: the records a group socket delivered and its client has not acknowledged.
 * An ack of {@code (partition, offset)} acknowledges that record and every earlier one delivered from the
 * partition (acks are cumulative, as Kafka's commits are). Its size is bounded by the consumer's
 * {@code max.ack.ahead} ({@code ws.acks.pending.max}): past it, delivery from the partition pauses
 * until the client acknowledges. Thread-safe.
 */
final class ClientAcks {
    private final Map<Integer, NavigableMap<Long, RecordOffset>> pending = new ConcurrentHashMap<>();

    /** A record was handed to the socket. */
    void delivered(int partition, RecordOffset offset) {
        pending.computeIfAbsent(partition, p -> new ConcurrentSkipListMap<>()).put(offset.offset(), offset);
    }

    /**
     * Acknowledges {@code offset} of {@code partition} and every earlier pending record of it; returns how
     * many were acknowledged.
     *
     * @throws HttpProblem if no record at or below {@code offset} of that partition is pending
     */
    int ack(int partition, long offset) {
        NavigableMap<Long, RecordOffset> delivered = pending.get(partition);
        if (delivered != null && !delivered.isEmpty() && offset > delivered.lastKey()) {
            throw new HttpProblem(HttpResponseStatus.BAD_REQUEST, "INVALID_OFFSET", "offset " + offset + " of partition "
                    + partition + " was not delivered on this socket yet (the last delivered is " + delivered.lastKey()
                    + "): ack only offsets you received");
        }
        NavigableMap<Long, RecordOffset> upTo = delivered == null ? null : delivered.headMap(offset, true);
        if (upTo == null || upTo.isEmpty()) {
            throw new HttpProblem(HttpResponseStatus.BAD_REQUEST, "INVALID_OFFSET", "no record of partition " + partition
                    + " at or below offset " + offset + " is waiting for an ack on this socket"
                    + (delivered == null || delivered.isEmpty() ? "" : " (pending: " + delivered.firstKey() + ".."
                    + delivered.lastKey() + ")"));
        }
        int n = 0;
        for (Map.Entry<Long, RecordOffset> e; (e = upTo.pollFirstEntry()) != null; n++) {
            e.getValue().acknowledge();
        }
        return n;
    }

    /** Records delivered and not acknowledged, over all partitions. */
    int pending() {
        return pending.values().stream().mapToInt(Map::size).sum();
    }
}
