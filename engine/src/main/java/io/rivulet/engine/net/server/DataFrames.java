package io.rivulet.engine.net.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.rivulet.engine.net.OffHeapCopy;
import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.log.LogSlice;

import java.util.Iterator;

/**
 * Builds the payload of a data frame from a slice of the log: whole stored batches, unchanged, covering at
 * most {@code budget} records from {@code first}. Every data frame starts {@code int64 first, int32 count};
 * a replica's adds more header after that, which the caller fills in.
 */
final class DataFrames {
    private DataFrames() {
    }

    /** A payload ready to send and what it spends: {@code count} records in {@code bytes} of batches. */
    record Frame(ByteBuf payload, int count, int bytes) {
    }

    /** The frame for {@code [first, first + budget)} out of {@code slice}, or null when it holds none; closes the slice. */
    static Frame read(LogSlice slice, long first, long budget, ByteBufAllocator alloc, int headerBytes) {
        try (slice) {
            if (slice.isEmpty()) {
                return null;
            }
            long end = first;
            long fromPosition = -1;
            long toPosition = -1;
            Iterator<RecordBatch> batches = slice.batches();
            while (batches.hasNext() && end - first < budget) {
                RecordBatch b = batches.next();
                long last = b.baseOffset() + b.lastOffsetDelta();
                if (last < end) {
                    continue; // wholly before the position: the slice starts at the batch holding it
                }
                if (fromPosition < 0) {
                    fromPosition = b.position();
                }
                toPosition = b.position() + b.sizeInBytes();
                end = Math.min(last + 1, first + budget);
            }
            if (fromPosition < 0) {
                return null;
            }
            int count = (int) Math.min(Integer.MAX_VALUE, end - first);
            int length = (int) (toPosition - fromPosition);
            ByteBuf payload = alloc.directBuffer(headerBytes + length);
            try {
                payload.writeLong(first).writeInt(count).writeZero(headerBytes - Long.BYTES - Integer.BYTES);
                OffHeapCopy.copy(slice.store(), fromPosition, length, payload);
            } catch (RuntimeException e) {
                payload.release();
                throw e;
            }
            return new Frame(payload, count, length);
        }
    }
}
