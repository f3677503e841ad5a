package io.rivulet.engine.net.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.rivulet.engine.net.SliceBuffers;
import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.log.LogSlice;

import java.util.Iterator;

/**
 * Builds the payload of a data frame from a slice of the log: whole stored batches, unchanged, covering at
 * most {@code budget} records from {@code first}. Every data frame starts {@code int64 first, int32 count};
 * a replica's adds more header after that, which the caller fills in. The header and the batches are two
 * components of one buffer, so the batches reach the socket without being copied into the frame.
 */
final class DataFrames {
    private DataFrames() {
    }

    /** A payload ready to send and what it spends: {@code count} records in {@code bytes} of batches. */
    record Frame(ByteBuf payload, int count, int bytes) {
    }

    /**
     * The frame for {@code [first, first + budget)} out of {@code slice}, or null when it holds none. Takes the
     * slice over. Batches below the high watermark ({@code committed}) go out as the log's own memory where the JVM
     * allows ({@link SliceBuffers}); others are copied, as a truncation may rewrite them while the frame is queued.
     */
    static Frame read(LogSlice slice, long first, long budget, ByteBufAllocator alloc, int headerBytes,
                      boolean committed) {
        boolean handedOver = false;
        try {
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
            ByteBuf header = alloc.directBuffer(headerBytes);
            header.writeLong(first).writeInt(count).writeZero(headerBytes - Long.BYTES - Integer.BYTES);
            ByteBuf stored;
            try {
                handedOver = true;
                stored = committed ? SliceBuffers.of(slice, fromPosition, length, alloc)
                        : SliceBuffers.copy(slice, fromPosition, length, alloc);
            } catch (RuntimeException e) {
                header.release();
                throw e;
            }
            return new Frame(alloc.compositeDirectBuffer(2).addComponents(true, header, stored), count, length);
        } finally {
            if (!handedOver) {
                slice.close();
            }
        }
    }
}
