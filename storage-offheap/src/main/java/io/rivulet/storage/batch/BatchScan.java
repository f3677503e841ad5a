package io.rivulet.storage.batch;

import net.openhft.chronicle.bytes.BytesStore;

/**
 * Walks the batches stored one after another in memory — a segment's bytes — checking each as recovery trusts
 * it: a valid frame (length, magic, CRC-32C) that starts at the offset the batch before it ended. Says where and
 * why the walk ended, and how far non-zero bytes reach past that point (a torn or corrupt tail). Recovery finds a
 * crashed segment's end with it, and {@code rivulet dump-log} shows what it finds. Pure: no files, no log state;
 * it never writes.
 */
public final class BatchScan {
    /** For {@link #scan}: the first batch may start at any offset; those after it must follow on. */
    public static final long ANY_OFFSET = -1;

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
        INVALID,
        /** A valid batch is there, but it does not start at the offset the one before it ended: recovery cuts it too. */
        OFFSET_GAP
    }

    /** Hears each batch the scan accepts, in order; the view is reused, valid only during the call. */
    @FunctionalInterface
    public interface Visitor {
        void batch(long position, RecordBatch batch);
    }

    /**
     * Where a scan ended: the position after the last accepted batch, why it stopped there ({@code check} says what
     * was wrong when {@code stop} is {@link Stop#INVALID}, and is {@link BatchCheck#VALID} otherwise), the offset a
     * batch there had to start at ({@link #ANY_OFFSET} if none was known), and how many bytes from there to the last
     * non-zero one within a batch's reach (0 for {@link Stop#END} and {@link Stop#ZEROS}).
     */
    public record End(long position, Stop stop, BatchCheck check, long nextOffset, long tornBytes) {
    }

    private BatchScan() {
    }

    /**
     * Visits the batches of {@code store} from {@code from} up to {@code limit}, the first starting at
     * {@code firstOffset} (or {@link #ANY_OFFSET}), stopping at the first that is not valid, is larger than
     * {@code maxBatchBytes} (a log would not have written it) or does not follow on from the one before.
     */
    public static End scan(BytesStore<?, ?> store, long from, long limit, int maxBatchBytes, long firstOffset,
                           Visitor visitor) {
        RecordBatch view = new RecordBatch();
        long expected = firstOffset;
        long p = from;
        while (p < limit) {
            BatchCheck check = BatchValidator.checkFrame(store, p, limit - p, maxBatchBytes);
            if (check == BatchCheck.VALID && expected != ANY_OFFSET && BigEndian.readLong(store, p) != expected) {
                return stopped(store, p, limit, maxBatchBytes, Stop.OFFSET_GAP, check, expected);
            }
            if (check != BatchCheck.VALID) {
                return stopped(store, p, limit, maxBatchBytes, Stop.INVALID, check, expected);
            }
            view.wrap(store, p);
            visitor.batch(p, view);
            expected = view.nextOffset();
            p += view.sizeInBytes();
        }
        return new End(p, Stop.END, BatchCheck.VALID, expected, 0);
    }

    private static End stopped(BytesStore<?, ?> store, long p, long limit, int maxBatchBytes, Stop stop,
                               BatchCheck check, long expected) {
        long reach = Math.min(limit, p + (long) maxBatchBytes + RecordBatch.HEADER_SIZE);
        long torn = nonZeroExtent(store, p, reach);
        if (stop == Stop.INVALID && torn == 0) {
            return new End(p, Stop.ZEROS, BatchCheck.VALID, expected, 0);
        }
        return new End(p, stop, check, expected, torn);
    }

    /** How many bytes from {@code p} to the last non-zero one before {@code limit}; 0 if all are zero. */
    private static long nonZeroExtent(BytesStore<?, ?> store, long p, long limit) {
        long i = limit;
        for (; i - Long.BYTES >= p; i -= Long.BYTES) {
            if (store.readLong(i - Long.BYTES) != 0) {
                break;
            }
        }
        for (; i > p; i--) {
            if (store.readByte(i - 1) != 0) {
                return i - p;
            }
        }
        return 0;
    }
}
