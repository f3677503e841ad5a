package io.rivulet.engine.net.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.batch.RecordBatchBuilder;
import org.junit.jupiter.api.Test;

class ProducerSequenceTest {
    private final ProducerSequence sequence = new ProducerSequence(5, () -> 6);

    @Test
    void eachBatchStartsWhereThePreviousEnded() {
        try (RecordBatchBuilder b = new RecordBatchBuilder(64)) {
            assertStamp(b, 3, 5, 0, 0);
            assertStamp(b, 2, 5, 0, 3);
            assertStamp(b, 1, 5, 0, 5);
        }
    }

    @Test
    void aBatchFailedForGoodStartsANewEpochAtZero() {
        try (RecordBatchBuilder b = new RecordBatchBuilder(64)) {
            assertStamp(b, 3, 5, 0, 0);
            sequence.failed(5, (short) 0);
            sequence.failed(5, (short) 0); // a second failure from the old epoch changes nothing more
            assertStamp(b, 1, 5, 1, 0);
        }
    }

    @Test
    void batchesOfAnEpochLeftBehindAreAbandoned() {
        assertEquals(false, sequence.abandoned(5, (short) 0));
        sequence.failed(5, (short) 0);
        assertEquals(true, sequence.abandoned(5, (short) 0), "its sequence is broken: the leader cannot take it");
        assertEquals(false, sequence.abandoned(5, (short) 1));
    }

    @Test
    void theLastEpochGivesWayToANewProducerId() {
        try (RecordBatchBuilder b = new RecordBatchBuilder(64)) {
            for (int e = 0; e < Short.MAX_VALUE; e++) {
                sequence.failed(5, (short) e);
            }
            assertStamp(b, 1, 5, Short.MAX_VALUE, 0);
            sequence.failed(5, Short.MAX_VALUE);
            assertStamp(b, 1, 6, 0, 0);
        }
    }

    private void assertStamp(RecordBatchBuilder b, int records, long producerId, int epoch, int baseSequence) {
        b.reset();
        for (int i = 0; i < records; i++) {
            b.append(1, null, new byte[0]);
        }
        sequence.stamp(b);
        RecordBatch built = b.build();
        assertEquals(producerId, built.producerId());
        assertEquals((short) epoch, built.producerEpoch());
        assertEquals(baseSequence, built.baseSequence());
    }
}
