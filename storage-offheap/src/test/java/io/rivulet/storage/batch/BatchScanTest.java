package io.rivulet.storage.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.bytes.BytesStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a scan of stored batches reports: every valid batch, then where and why it stopped. */
class BatchScanTest {
    private static final int MAX = 1 << 20;

    private BytesStore<?, ?> store;
    private final long[] at = new long[3];
    private long written;
    private final List<Long> positions = new ArrayList<>();
    private final List<Long> baseOffsets = new ArrayList<>();

    @BeforeEach
    void threeBatchesThenZeros() {
        store = BytesStore.nativeStoreWithFixedCapacity(64 * 1024);
        store.zeroOut(0, store.capacity());
        try (RecordBatchBuilder b = new RecordBatchBuilder(256)) {
            for (int batch = 0; batch < 3; batch++) {
                b.reset();
                for (int r = 0; r < batch + 1; r++) {
                    b.append(1_700_000_000_000L + r, null, ("v" + r).getBytes(StandardCharsets.UTF_8), List.of());
                }
                RecordBatch built = b.build();
                RecordBatch.writeBaseOffset(built.store(), built.position(), batch * (batch + 1) / 2); // 0, 1, 3
                at[batch] = written;
                store.write(written, built.store(), built.position(), built.sizeInBytes());
                written += built.sizeInBytes();
            }
        }
    }

    @AfterEach
    void free() {
        store.releaseLast();
    }

    private BatchScan.End scan(long limit) {
        return scan(limit, 0);
    }

    private BatchScan.End scan(long limit, long firstOffset) {
        return BatchScan.scan(store, 0, limit, MAX, firstOffset, (p, batch) -> {
            positions.add(p);
            baseOffsets.add(batch.baseOffset());
        });
    }

    @Test
    void anActiveSegmentEndsWhereZerosBegin() {
        BatchScan.End end = scan(store.capacity());
        assertEquals(List.of(0L, 1L, 3L), baseOffsets);
        assertEquals(List.of(at[0], at[1], at[2]), positions);
        assertEquals(new BatchScan.End(written, BatchScan.Stop.ZEROS, BatchCheck.VALID, 6, 0), end);
    }

    @Test
    void aSealedSegmentEndsWithItsLastBatch() {
        assertEquals(new BatchScan.End(written, BatchScan.Stop.END, BatchCheck.VALID, 6, 0), scan(written));
        assertEquals(3, positions.size());
    }

    @Test
    void aFlippedByteStopsTheScanAtItsBatchWithABadCrc() {
        long p = at[1] + RecordBatch.RECORDS + 2;
        store.writeByte(p, (byte) (store.readByte(p) ^ 0x40));
        BatchScan.End end = scan(store.capacity());
        assertEquals(List.of(at[1], BatchScan.Stop.INVALID, BatchCheck.BAD_CRC, 1L),
                List.of(end.position(), end.stop(), end.check(), end.nextOffset()));
        assertTrue(end.tornBytes() > written - at[2], "the torn tail reaches into the last batch: " + end);
        assertEquals(List.of(0L), baseOffsets, "only the batch before it is visited");
    }

    @Test
    void aTornLastBatchIsIncomplete() {
        BatchScan.End end = scan(written - 5);
        assertEquals(List.of(at[2], BatchScan.Stop.INVALID, BatchCheck.INCOMPLETE, 3L),
                List.of(end.position(), end.stop(), end.check(), end.nextOffset()));
    }

    @Test
    void garbageAfterTheLastBatchIsNotTakenForUnwrittenSpace() {
        store.writeByte(written + 100, (byte) 7);
        assertEquals(new BatchScan.End(written, BatchScan.Stop.INVALID, BatchCheck.BAD_LENGTH, 6, 101),
                scan(store.capacity()), "the torn tail reaches the stray byte");
    }

    @Test
    void aValidBatchThatDoesNotFollowOnIsAnOffsetGap() {
        RecordBatch.writeBaseOffset(store, at[2], 4); // outside the CRC: the frame stays valid
        BatchScan.End end = scan(store.capacity());
        assertEquals(List.of(at[2], BatchScan.Stop.OFFSET_GAP, BatchCheck.VALID, 3L),
                List.of(end.position(), end.stop(), end.check(), end.nextOffset()));
        assertEquals(List.of(0L, 1L), baseOffsets);
    }

    @Test
    void theFirstBatchMustStartAtTheGivenOffsetUnlessAnyWillDo() {
        BatchScan.End wrongStart = scan(store.capacity(), 5);
        assertEquals(List.of(0L, BatchScan.Stop.OFFSET_GAP, 5L),
                List.of(wrongStart.position(), wrongStart.stop(), wrongStart.nextOffset()));
        assertEquals(List.of(), baseOffsets);
        assertEquals(BatchScan.Stop.ZEROS, scan(store.capacity(), BatchScan.ANY_OFFSET).stop());
        assertEquals(List.of(0L, 1L, 3L), baseOffsets);
    }
}
