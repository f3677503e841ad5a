package io.rivulet.storage.batch;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rivulet.storage.CorruptBatchException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.PointerBytesStore;
import org.junit.jupiter.api.Test;

/**
 * The two validation levels of the append path, and the reused state (CRC view, record iterator)
 * that keeps it from allocating.
 */
class BatchValidatorTest {
    private final BatchValidator validator = new BatchValidator();

    @Test
    void aBatchBuiltInProcessHasItsFrameCheckedAndItsRecordsTrustedWhileForeignBytesGetTheFullWalk() {
        try (RecordBatchBuilder builder = new RecordBatchBuilder(64)) {
            RecordBatch built = twoRecords(builder);
            // Bytes no builder would write, with a CRC that matches them: only the record walk can tell.
            BigEndian.writeInt(built.store(), RecordBatch.LAST_OFFSET_DELTA, 5);
            rewriteCrc(built);
            assertDoesNotThrow(() -> validator.validate(built, built.sizeInBytes(), 1 << 20),
                    "the builder's own view is trusted past its frame");
            RecordBatch foreign = new RecordBatch().wrap(built.store(), 0);
            CorruptBatchException e = assertThrows(CorruptBatchException.class,
                    () -> validator.validate(foreign, foreign.sizeInBytes(), 1 << 20));
            assertTrue(e.getMessage().contains("lastOffsetDelta"), e.getMessage());
            assertThrows(CorruptBatchException.class,
                    () -> BatchValidator.validateForAppend(built, built.sizeInBytes(), 1 << 20),
                    "the static check is always the full one");
        }
    }

    @Test
    void aBuiltBatchChangedAfterBuildFailsItsFrameCheck() {
        try (RecordBatchBuilder builder = new RecordBatchBuilder(64)) {
            RecordBatch built = twoRecords(builder);
            long p = built.sizeInBytes() - 1;
            built.store().writeByte(p, (byte) (built.store().readByte(p) ^ 1));
            CorruptBatchException e = assertThrows(CorruptBatchException.class,
                    () -> validator.validate(built, built.sizeInBytes(), 1 << 20));
            assertTrue(e.getMessage().contains("CRC"), e.getMessage());
        }
    }

    @Test
    void resetAndRewrapClearTheBuiltInProcessMark() {
        try (RecordBatchBuilder builder = new RecordBatchBuilder(64)) {
            RecordBatch built = twoRecords(builder);
            assertTrue(built.isBuiltInProcess());
            builder.reset();
            assertFalse(built.isBuiltInProcess(), "a reset builder's old view is no longer its batch");
            RecordBatch again = twoRecords(builder);
            assertSame(built, again);
            assertTrue(again.isBuiltInProcess());
            again.wrap(again.store(), 0);
            assertFalse(again.isBuiltInProcess());
        }
    }

    @Test
    void aValidatorReusedAcrossBatchesJudgesEachOnItsOwn() {
        try (RecordBatchBuilder a = new RecordBatchBuilder(64); RecordBatchBuilder b = new RecordBatchBuilder(64)) {
            RecordBatch good = twoRecords(a);
            RecordBatch bad = new RecordBatch().wrap(twoRecords(b).store(), 0);
            BigEndian.writeInt(bad.store(), RecordBatch.RECORD_COUNT, 3);
            rewriteCrc(bad);
            for (int i = 0; i < 3; i++) {
                validator.validate(good, good.sizeInBytes(), 1 << 20);
                assertThrows(CorruptBatchException.class, () -> validator.validate(bad, bad.sizeInBytes(), 1 << 20));
            }
        }
    }

    @Test
    void theCrcStaysRightWhenTheBuildersBufferGrows() {
        try (RecordBatchBuilder builder = new RecordBatchBuilder(64)) {
            RecordBatch small = twoRecords(builder);
            assertEquals(referenceCrc(small), small.crc());
            BytesStore<?, ?> before = small.store();
            builder.reset();
            for (int i = 0; i < 200; i++) {
                builder.append(i, bytes("key-" + i), new byte[100 + i]);
            }
            RecordBatch big = builder.build();
            assertTrue(big.store() != before, "the elastic buffer moved to new memory");
            assertEquals(referenceCrc(big), big.crc());
            assertDoesNotThrow(() -> validator.validate(big, big.sizeInBytes(), 1 << 20));
        }
    }

    @Test
    void aCachedCrcViewFollowsAStoreThatIsPointedAtOtherMemory() {
        BytesStore<?, Void> first = BytesStore.nativeStoreWithFixedCapacity(64);
        BytesStore<?, Void> second = BytesStore.nativeStoreWithFixedCapacity(64);
        try {
            for (int i = 0; i < 64; i++) {
                first.writeByte(i, (byte) i);
                second.writeByte(i, (byte) (255 - i));
            }
            PointerBytesStore pointer = BytesStore.nativePointer();
            Crc32c crc = new Crc32c();
            pointer.set(first.addressForRead(0), 64);
            assertEquals(referenceCrc(first, 3, 60), crc.compute(pointer, 3, 60));
            pointer.set(second.addressForRead(0), 64);
            assertEquals(referenceCrc(second, 3, 60), crc.compute(pointer, 3, 60), "same object, other memory");
        } finally {
            first.releaseLast();
            second.releaseLast();
        }
    }

    @Test
    void recordsCanReuseOneIteratorAcrossBatches() {
        try (RecordBatchBuilder a = new RecordBatchBuilder(64); RecordBatchBuilder b = new RecordBatchBuilder(64)) {
            a.append(1, bytes("a1"), bytes("x")).append(2, bytes("a2"), bytes("y")).append(3, bytes("a3"), bytes("z"));
            RecordBatch first = a.build();
            RecordBatch second = b.append(9, bytes("b1"), bytes("w")).build();
            RecordIterator reused = new RecordIterator();
            assertSame(reused, first.records(reused));
            assertEquals("a1", new String(reused.next().key(), StandardCharsets.UTF_8));
            assertSame(reused, second.records(reused), "switching in the middle of a batch starts the next afresh");
            assertEquals("b1", new String(reused.next().key(), StandardCharsets.UTF_8));
            assertFalse(reused.hasNext());
            first.records(reused);
            int n = 0;
            while (reused.hasNext()) {
                assertEquals(n, reused.next().offset());
                n++;
            }
            assertEquals(3, n);
        }
    }

    private static RecordBatch twoRecords(RecordBatchBuilder builder) {
        return builder.reset().append(10, bytes("k1"), bytes("v1")).append(11, null, bytes("v2")).build();
    }

    private static void rewriteCrc(RecordBatch batch) {
        long end = batch.position() + batch.sizeInBytes();
        BigEndian.writeInt(batch.store(), batch.position() + RecordBatch.CRC,
                referenceCrc(batch.store(), batch.position() + RecordBatch.ATTRIBUTES, end));
    }

    private static int referenceCrc(RecordBatch batch) {
        return referenceCrc(batch.store(), batch.position() + RecordBatch.ATTRIBUTES, batch.position() + batch.sizeInBytes());
    }

    /** CRC-32C by the JDK over a heap copy: independent of the view caching under test. */
    private static int referenceCrc(BytesStore<?, ?> store, long from, long to) {
        byte[] copy = new byte[(int) (to - from)];
        store.read(from, copy, 0, copy.length);
        CRC32C crc = new CRC32C();
        crc.update(copy);
        return (int) crc.getValue();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
