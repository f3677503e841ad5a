package io.rivulet.storage.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;
import org.junit.jupiter.api.Test;

/** The in-place encoder writes the bytes the builder writes, where it is told to, and never past its room. */
class InPlaceBatchTest {
    private static final int AT = 4_000; // not 0: every field must be written relative to the batch's start

    @Property(tries = 200)
    void writesTheSameBytesAsTheBuilder(@ForAll("records") @Size(min = 1, max = 30) List<TestRecord> records) {
        Bytes<Void> memory = Bytes.allocateDirect(AT + 64 * 1024);
        try (RecordBatchBuilder builder = new RecordBatchBuilder(64)) {
            InPlaceBatch batch = new InPlaceBatch().begin(memory.bytesStore(), AT, 64 * 1024);
            batch.producer(77L, (short) 3, 1_000);
            builder.producer(77L, (short) 3, 1_000);
            for (TestRecord r : records) {
                assertTrue(batch.append(r.timestamp(), r.key(), r.value(), r.headers()));
                builder.append(r.timestamp(), r.key(), r.value(), r.headers());
            }
            int size = batch.finish(1234L, 9);
            RecordBatch built = builder.build();
            RecordBatch.writeBaseOffset(built.store(), 0, 1234L);
            RecordBatch.writePartitionLeaderEpoch(built.store(), 0, 9);

            assertEquals(built.sizeInBytes(), size);
            assertArrayEquals(bytes(built.store(), 0, size), bytes(memory.bytesStore(), AT, size));
            RecordBatch placed = new RecordBatch().wrap(memory.bytesStore(), AT);
            assertTrue(placed.isCrcValid());
            assertEquals(AT + size, batch.reach());
        } finally {
            memory.releaseLast();
        }
    }

    @Provide
    Arbitrary<List<TestRecord>> records() {
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(300).injectNull(0.15);
        Arbitrary<RecordHeader> header = Combinators.combine(
                Arbitraries.strings().ofMaxLength(12), bytes).as(RecordHeader::new);
        Arbitrary<Long> timestamps = Arbitraries.longs().between(0, 4_000_000_000_000L);
        return Combinators.combine(timestamps, bytes, bytes, header.list().ofMaxSize(3))
                .as(TestRecord::new).list();
    }

    @Test
    void refusesARecordThatDoesNotFitAndWritesNothing() {
        Bytes<Void> memory = Bytes.allocateDirect(1024);
        try {
            memory.zeroOut(0, 1024);
            InPlaceBatch batch = new InPlaceBatch().begin(memory.bytesStore(), 0, 200);
            assertTrue(batch.append(1L, new byte[10], new byte[100]));
            int size = batch.sizeInBytes();
            int left = batch.remaining();
            assertEquals(200, size + left);

            assertFalse(batch.append(2L, null, new byte[left]), "a record one byte short of fitting is refused");
            assertEquals(size, batch.sizeInBytes());
            assertEquals(1, batch.recordCount());
            assertEquals(size, batch.reach(), "a refused record writes nothing");
            for (int p = size; p < 1024; p++) {
                assertEquals(0, memory.bytesStore().readByte(p), "byte " + p + " was written");
            }
            int exact = 0;
            while (RecordEncoding.recordSize(RecordEncoding.bodySize(2L, 1, null, new byte[exact + 1], List.of(),
                    RecordEncoding.NO_HEADER_KEYS)) <= left) {
                exact++;
            }
            assertTrue(batch.append(3L, null, new byte[exact]), "a record that fits exactly is taken");
            assertEquals(0, batch.remaining());
        } finally {
            memory.releaseLast();
        }
    }

    @Test
    void aWriterKeptPastItsBatchFailsInsteadOfWriting() {
        Bytes<Void> memory = Bytes.allocateDirect(1024);
        try {
            InPlaceBatch batch = new InPlaceBatch().begin(memory.bytesStore(), 0, 1024);
            batch.append(1L, null, new byte[4]);
            batch.finish(0, -1);
            assertThrows(IllegalStateException.class, () -> batch.append(2L, null, new byte[4]));
            InPlaceBatch detached = new InPlaceBatch().begin(memory.bytesStore(), 0, 1024);
            detached.detach();
            assertThrows(IllegalStateException.class, () -> detached.append(2L, null, new byte[4]));
        } finally {
            memory.releaseLast();
        }
    }

    @Test
    void anEmptyBatchCannotBeFinished() {
        Bytes<Void> memory = Bytes.allocateDirect(1024);
        try {
            InPlaceBatch batch = new InPlaceBatch().begin(memory.bytesStore(), 0, 1024);
            assertThrows(IllegalStateException.class, () -> batch.finish(0, -1));
            assertThrows(IllegalArgumentException.class, () -> new InPlaceBatch().begin(memory.bytesStore(), 0, 60));
        } finally {
            memory.releaseLast();
        }
    }

    private static byte[] bytes(BytesStore<?, ?> store, long from, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = store.readByte(from + i);
        }
        return out;
    }
}
