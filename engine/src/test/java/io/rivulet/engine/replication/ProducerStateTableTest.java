package io.rivulet.engine.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rivulet.engine.replication.ProducerStateTable.Append;
import io.rivulet.engine.replication.ProducerStateTable.Duplicate;
import io.rivulet.engine.replication.ProducerStateTable.Fenced;
import io.rivulet.engine.replication.ProducerStateTable.OutOfOrder;
import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.batch.RecordBatchBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProducerStateTableTest {
    private static final long P = 42;
    private static final short E0 = 0;

    private final ProducerStateTable table = new ProducerStateTable();

    @Test
    void aNewProducerStartsAtSequenceZero() {
        assertEquals(new Append(), table.check(P, E0, 0, 9));
        assertEquals(new OutOfOrder(0, 10), table.check(P, E0, 10, 9));
    }

    @Test
    void theNextBatchContinuesWhereTheLastEnded() {
        table.appended(P, E0, 0, 9, 100);
        assertEquals(new Append(), table.check(P, E0, 10, 4));
        assertEquals(new OutOfOrder(10, 15), table.check(P, E0, 15, 4), "a batch ahead of a missing one");
    }

    @Test
    void aBatchSentAgainIsAnsweredWithItsOriginalOffsets() {
        table.appended(P, E0, 0, 9, 100);
        table.appended(P, E0, 10, 4, 200);
        assertEquals(new Duplicate(100, 109), table.check(P, E0, 0, 9));
        assertEquals(new Duplicate(200, 204), table.check(P, E0, 10, 4));
    }

    @Test
    void onlyTheLastCachedBatchesAreRemembered() {
        int n = ProducerStateTable.CACHED_BATCHES;
        for (int i = 0; i <= n; i++) {
            table.appended(P, E0, i, 0, 100 + i);
        }
        assertEquals(new OutOfOrder(n + 1, 0), table.check(P, E0, 0, 0), "the oldest fell out of the cache");
        assertEquals(new Duplicate(101, 101), table.check(P, E0, 1, 0));
    }

    @Test
    void anOlderEpochIsFencedAndANewerOneStartsOver() {
        table.appended(P, (short) 3, 0, 9, 100);
        assertEquals(new Fenced((short) 3, (short) 2), table.check(P, (short) 2, 10, 0));
        assertEquals(new OutOfOrder(0, 10), table.check(P, (short) 4, 10, 0));
        assertEquals(new Append(), table.check(P, (short) 4, 0, 0));
        table.appended(P, (short) 4, 0, 0, 110);
        assertEquals(new Fenced((short) 4, (short) 3), table.check(P, (short) 3, 10, 0));
        assertEquals(new Append(), table.check(P, (short) 4, 1, 0));
    }

    @Test
    void producersAreTrackedApart() {
        table.appended(P, E0, 0, 9, 100);
        assertEquals(new Append(), table.check(P + 1, E0, 0, 0));
        assertEquals(new OutOfOrder(0, 10), table.check(P + 1, E0, 10, 0));
        assertEquals(1, table.producerCount(), "only appends make a producer known");
    }

    @Test
    void batchesWithoutAProducerIdAreNotTracked() {
        assertEquals(new Append(), table.check(RecordBatch.NO_PRODUCER_ID, (short) -1, -1, 5));
        table.appended(RecordBatch.NO_PRODUCER_ID, (short) -1, -1, 5, 0);
        assertEquals(0, table.producerCount());
    }

    @Test
    void sequencesWrapToZeroAfterIntegerMax() {
        assertEquals(Integer.MAX_VALUE, ProducerStateTable.lastSequence(Integer.MAX_VALUE - 2, 2));
        assertEquals(0, ProducerStateTable.lastSequence(Integer.MAX_VALUE - 2, 3));
        assertEquals(4, ProducerStateTable.lastSequence(Integer.MAX_VALUE, 5));
        table.appended(P, E0, 0, 0, 0);
        table.appended(P, E0, 1, Integer.MAX_VALUE - 2, 1); // ends at MAX - 1
        table.appended(P, E0, Integer.MAX_VALUE - 1, 3, 10); // MAX - 1, MAX, 0, 1
        assertEquals(new Duplicate(10, 13), table.check(P, E0, Integer.MAX_VALUE - 1, 3));
        assertEquals(new Append(), table.check(P, E0, 2, 0));
    }

    @Test
    void rebuildsFromStoredBatchHeaders() {
        try (RecordBatchBuilder b = new RecordBatchBuilder(256)) {
            List<RecordBatch> stored = new java.util.ArrayList<>();
            b.reset().append(1, null, new byte[1]).append(1, null, new byte[1]).producer(P, E0, 0);
            RecordBatch first = copy(b.build(), 100);
            b.reset().append(1, null, new byte[1]);
            RecordBatch plain = copy(b.build(), 102);
            b.reset().append(1, null, new byte[1]).producer(P, E0, 2);
            RecordBatch second = copy(b.build(), 103);
            stored.add(first);
            stored.add(plain);
            stored.add(second);
            ProducerStateTable rebuilt = ProducerStateTable.rebuild(stored.iterator());
            assertEquals(1, rebuilt.producerCount());
            assertEquals(new Duplicate(100, 101), rebuilt.check(P, E0, 0, 1));
            assertEquals(new Duplicate(103, 103), rebuilt.check(P, E0, 2, 0));
            assertEquals(new Append(), rebuilt.check(P, E0, 3, 0));
        }
    }

    /** A stored copy of {@code built}, its base offset set as the log would. */
    private static RecordBatch copy(RecordBatch built, long baseOffset) {
        net.openhft.chronicle.bytes.Bytes<?> bytes = net.openhft.chronicle.bytes.Bytes.allocateElasticOnHeap(
                built.sizeInBytes());
        for (int i = 0; i < built.sizeInBytes(); i++) {
            bytes.writeByte(built.store().readByte(built.position() + i));
        }
        RecordBatch.writeBaseOffset(bytes, 0, baseOffset);
        return new RecordBatch().wrap(bytes.bytesStore(), 0);
    }
}
