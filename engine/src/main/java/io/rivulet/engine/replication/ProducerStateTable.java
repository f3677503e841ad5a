package io.rivulet.engine.replication;

import io.rivulet.storage.batch.RecordBatch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What one partition knows of its idempotent producers, and so whether a batch from one of them is the next
 * in its sequence, one already in the log, or ahead of one still missing (Kafka's producer state, KIP-98).
 *
 * <p>A producer stamps each batch with its producer id, its epoch and the sequence number of the batch's
 * first record, counted per partition from 0 and wrapping to 0 after {@link Integer#MAX_VALUE}. For each
 * producer id the table keeps the epoch and the last {@value #CACHED_BATCHES} batches appended: their first
 * and last sequence numbers and where they landed. {@link #check} then says:
 * <ul>
 *   <li>{@link Append}: the batch continues the producer's sequence (or starts it at 0, for a producer or
 *       epoch not seen before);</li>
 *   <li>{@link Duplicate}: one of the cached batches has exactly these sequence numbers — its answer was lost
 *       and the producer sent it again; the original offsets are the answer;</li>
 *   <li>{@link OutOfOrder}: an earlier batch of the producer is missing (it is being retried); the producer
 *       sends this one again after it;</li>
 *   <li>{@link Fenced}: the batch carries an epoch older than one already seen.</li>
 * </ul>
 * The producer keeps at most {@value #CACHED_BATCHES} batches per partition unanswered, so a batch sent again
 * is always among the cached ones if it was appended at all.
 *
 * <p>A leader checks and then records each batch it appends; a follower only records what it copies, so that
 * after a failover the new leader already knows every producer's last sequences. A log opened or truncated
 * rebuilds the table from the batch headers it holds ({@link #rebuild}), or from a snapshot of
 * {@link #entries()} plus the headers after it ({@link #of}). Batches without a producer id are not tracked.
 *
 * <p>Not thread-safe: the partition serializes checks and appends.
 */
public final class ProducerStateTable {
    /**
     * How many of each producer's latest batches are remembered: the native producer's bound on unanswered batches
     * per partition. Kafka allows 5, which held an {@code acks=all} producer to 5 follower round trips' worth of
     * batches; Kafka clients still send at most 5, and any fewer than this is covered too.
     */
    public static final int CACHED_BATCHES = 16;

    private final Map<Long, Producer> producers = new HashMap<>();

    /** What to do with a batch. */
    public sealed interface Verdict permits Append, Duplicate, OutOfOrder, Fenced {
    }

    /** The batch is next in its producer's sequence: append it. */
    public record Append() implements Verdict {
        static final Append INSTANCE = new Append();
    }

    /** The batch is already in the log at {@code [baseOffset, lastOffset]}: answer with that, append nothing. */
    public record Duplicate(long baseOffset, long lastOffset) implements Verdict {
    }

    /** The batch starts at {@code received} but the producer's next sequence here is {@code expected}. */
    public record OutOfOrder(int expected, int received) implements Verdict {
    }

    /** The batch's epoch {@code received} is older than the producer's {@code current} epoch. */
    public record Fenced(short current, short received) implements Verdict {
    }

    /** Rebuilds the table from stored batches (offsets assigned), oldest first. */
    public static ProducerStateTable rebuild(Iterator<RecordBatch> stored) {
        ProducerStateTable table = new ProducerStateTable();
        while (stored.hasNext()) {
            RecordBatch b = stored.next();
            if (b.producerId() != RecordBatch.NO_PRODUCER_ID) {
                table.appended(b, b.baseOffset());
            }
        }
        return table;
    }

    /** Whether {@code batch}, not yet appended, should be (see {@link Verdict}). */
    public Verdict check(RecordBatch batch) {
        return check(batch.producerId(), batch.producerEpoch(), batch.baseSequence(), batch.lastOffsetDelta());
    }

    /** As {@link #check(RecordBatch)}, from the header fields. */
    public Verdict check(long producerId, short epoch, int baseSequence, int lastOffsetDelta) {
        if (producerId == RecordBatch.NO_PRODUCER_ID) {
            return Append.INSTANCE;
        }
        Producer p = producers.get(producerId);
        if (p == null || epoch > p.epoch) {
            // A producer (or producer session) starts its sequence at 0; anything else means its first batches
            // are still on their way.
            return baseSequence == 0 ? Append.INSTANCE : new OutOfOrder(0, baseSequence);
        }
        if (epoch < p.epoch) {
            return new Fenced(p.epoch, epoch);
        }
        int lastSequence = lastSequence(baseSequence, lastOffsetDelta);
        for (Appended a : p.batches) {
            if (a.firstSequence == baseSequence && a.lastSequence == lastSequence) {
                return new Duplicate(a.baseOffset, a.lastOffset);
            }
        }
        int expected = next(p.batches.peekLast().lastSequence);
        return baseSequence == expected ? Append.INSTANCE : new OutOfOrder(expected, baseSequence);
    }

    /** Records that {@code batch} was appended with its first record at {@code baseOffset}. */
    public void appended(RecordBatch batch, long baseOffset) {
        appended(batch.producerId(), batch.producerEpoch(), batch.baseSequence(), batch.lastOffsetDelta(), baseOffset);
    }

    /** As {@link #appended(RecordBatch, long)}, from the header fields. */
    public void appended(long producerId, short epoch, int baseSequence, int lastOffsetDelta, long baseOffset) {
        if (producerId == RecordBatch.NO_PRODUCER_ID) {
            return;
        }
        Producer p = producers.computeIfAbsent(producerId, id -> new Producer(epoch));
        if (epoch != p.epoch) {
            p.epoch = epoch;
            p.batches.clear(); // a new session's sequence starts over
        }
        if (p.batches.size() == CACHED_BATCHES) {
            p.batches.pollFirst();
        }
        p.batches.addLast(new Appended(baseSequence, lastSequence(baseSequence, lastOffsetDelta), baseOffset,
                baseOffset + lastOffsetDelta));
    }

    /**
     * Everything the table holds, for a snapshot: per producer its epoch and its cached batches,
     * oldest first. A copy; the table may change afterwards.
     */
    public List<ProducerEntry> entries() {
        List<ProducerEntry> out = new ArrayList<>(producers.size());
        producers.forEach((id, p) -> {
            List<BatchEntry> batches = new ArrayList<>(p.batches.size());
            for (Appended a : p.batches) {
                batches.add(new BatchEntry(a.firstSequence, a.lastSequence, a.baseOffset, a.lastOffset));
            }
            out.add(new ProducerEntry(id, p.epoch, List.copyOf(batches)));
        });
        return out;
    }

    /** A table holding exactly {@code entries} (as {@link #entries()} returned them). */
    public static ProducerStateTable of(List<ProducerEntry> entries) {
        ProducerStateTable table = new ProducerStateTable();
        for (ProducerEntry e : entries) {
            if (e.batches().isEmpty() || e.batches().size() > CACHED_BATCHES) {
                throw new IllegalArgumentException("producer " + e.producerId() + " has " + e.batches().size()
                        + " cached batches; between 1 and " + CACHED_BATCHES + " are possible");
            }
            Producer p = new Producer(e.epoch());
            for (BatchEntry b : e.batches()) {
                p.batches.addLast(new Appended(b.firstSequence(), b.lastSequence(), b.baseOffset(), b.lastOffset()));
            }
            table.producers.put(e.producerId(), p);
        }
        return table;
    }

    /** One producer of {@link #entries()}: its id, epoch and cached batches, oldest first. */
    public record ProducerEntry(long producerId, short epoch, List<BatchEntry> batches) {
    }

    /** One cached batch: its first and last sequence numbers and where it landed. */
    public record BatchEntry(int firstSequence, int lastSequence, long baseOffset, long lastOffset) {
    }

    /** How many producers the table knows. */
    public int producerCount() {
        return producers.size();
    }

    /** The sequence number of a batch's last record: {@code base + delta}, wrapping past {@link Integer#MAX_VALUE}. */
    public static int lastSequence(int baseSequence, int lastOffsetDelta) {
        return baseSequence > Integer.MAX_VALUE - lastOffsetDelta
                ? lastOffsetDelta - (Integer.MAX_VALUE - baseSequence) - 1
                : baseSequence + lastOffsetDelta;
    }

    /** The sequence number after {@code sequence}, wrapping to 0 after {@link Integer#MAX_VALUE}. */
    public static int next(int sequence) {
        return sequence == Integer.MAX_VALUE ? 0 : sequence + 1;
    }

    private record Appended(int firstSequence, int lastSequence, long baseOffset, long lastOffset) {
    }

    private static final class Producer {
        short epoch;
        final ArrayDeque<Appended> batches = new ArrayDeque<>(CACHED_BATCHES);

        Producer(short epoch) {
            this.epoch = epoch;
        }
    }
}
