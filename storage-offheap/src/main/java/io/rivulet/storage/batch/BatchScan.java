package io.rivulet.storage.batch;

import net.openhft.chronicle.bytes.BytesStore;

/**
 * Walks the batches stored one after another in memory — a segment file's bytes, say — checking each frame as
 * recovery does (length, magic, CRC-32C), and says where and why the walk ended. Pure: no files, no log state, so
 * a tool that inspects a segment and a test share it. It never writes.
 */
public final class BatchScan {
    /** Why a scan stopped. */
    public enum Stop {
        /** The bytes ended right after a whole batch: a sealed segment's end, or an empty one. */
        END,
        /**
         * Zeros follow, as far as one batch could reach: the unwritten, preallocated rest of an active segment (what
         * lies further is not read, as recovery does not read it).
         */
        ZEROS,
        /** The bytes at the end position are not a valid batch: a torn write or corruption, which recovery cuts. */
        INVALID
    }

    /** Hears each valid batch, in order; the view is reused, valid only during the call. */
    @FunctionalInterface
    public interface Visitor {
        void batch(long position, RecordBatch batch);
    }

    /**
     * Where a scan ended: the position after the last valid batch and why it stopped there ({@code check} says what
     * was wrong when {@code stop} is {@link Stop#INVALID}, and is {@link BatchCheck#VALID} otherwise).
     */
    public record End(long position, Stop stop, BatchCheck check) {
    }

    private BatchScan() {
    }

    /**
     * Visits the valid batches of {@code store} from {@code from} up to {@code limit}, stopping at the first that is
     * not one (or at a batch larger than {@code maxBatchBytes}, which a log would not have written).
     */
    public static End scan(BytesStore<?, ?> store, long from, long limit, int maxBatchBytes, Visitor visitor) {
        RecordBatch view = new RecordBatch();
        long p = from;
        while (p < limit) {
            BatchCheck check = BatchValidator.checkFrame(store, p, limit - p, maxBatchBytes);
            if (check != BatchCheck.VALID) {
                long window = Math.min(limit, p + (long) maxBatchBytes + RecordBatch.HEADER_SIZE);
                return zeros(store, p, window) ? new End(p, Stop.ZEROS, BatchCheck.VALID) : new End(p, Stop.INVALID, check);
            }
            view.wrap(store, p);
            visitor.batch(p, view);
            p += view.sizeInBytes();
        }
        return new End(p, Stop.END, BatchCheck.VALID);
    }

    /** Whether every byte from {@code p} to {@code limit} is zero. */
    private static boolean zeros(BytesStore<?, ?> store, long p, long limit) {
        long i = p;
        for (; i + Long.BYTES <= limit; i += Long.BYTES) {
            if (store.readLong(i) != 0) {
                return false;
            }
        }
        for (; i < limit; i++) {
            if (store.readByte(i) != 0) {
                return false;
            }
        }
        return true;
    }
}
