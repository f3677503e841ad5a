package io.rivulet.storage.batch;

import io.rivulet.storage.CorruptBatchException;
import java.io.IOException;
import java.io.InputStream;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * The heap buffer a compressed batch's records are decompressed into, reused from batch to batch.
 *
 * <p>Heap rather than off-heap on purpose: a reader may drop its iterator at any record (a cancelled
 * subscriber, a slice released mid-batch), and heap memory needs no release by whoever drops it.
 * It grows by doubling, and never past {@code maxBytes}: a payload that would decompress to more
 * is reported as corrupt, so a decompression bomb costs at most that much memory. A buffer that
 * grew past {@link #RETAINED_BYTES} for one large batch is let go when the next batch starts, so a
 * long-lived reader holds at most that much between batches.
 *
 * <p>Not thread-safe: one per reader.
 */
final class DecompressionBuffer {
    /** The most a buffer keeps between batches: a default-sized Kafka producer batch fits many times over. */
    static final int RETAINED_BYTES = 1 << 20;
    private static final int MIN_BYTES = 4096;
    /** Consecutive zero-byte reads after which a stream that makes no progress is given up on. */
    private static final int MAX_IDLE_READS = 16;

    private final int maxBytes;
    private byte[] bytes = new byte[0];
    private BytesStore<?, byte[]> store = BytesStore.wrap(bytes);
    private int length;

    DecompressionBuffer(int maxBytes) {
        if (maxBytes < MIN_BYTES) {
            throw new IllegalArgumentException("a decompression limit of " + maxBytes
                    + " bytes is below the minimum of " + MIN_BYTES);
        }
        this.maxBytes = maxBytes;
    }

    /** Empties the buffer for a new batch, expecting about {@code sizeHint} bytes. */
    void clear(int sizeHint) {
        length = 0;
        if (bytes.length > RETAINED_BYTES) {
            replace(new byte[0]);
        }
        reserve(Math.max(MIN_BYTES, Math.min(sizeHint, RETAINED_BYTES)));
    }

    /** Reads {@code in} to its end into the buffer. */
    void readFully(InputStream in) throws IOException {
        int idle = 0;
        for (;;) {
            if (length == bytes.length) {
                int next = in.read(); // full: one byte tells whether the stream has more, before growing
                if (next < 0) {
                    return;
                }
                reserve(1);
                bytes[length++] = (byte) next;
                continue;
            }
            int n = in.read(bytes, length, bytes.length - length);
            if (n < 0) {
                return;
            }
            if (n == 0 && ++idle > MAX_IDLE_READS) {
                throw new CorruptBatchException("compressed records make no progress after " + length
                        + " decompressed bytes");
            }
            if (n > 0) {
                idle = 0;
            }
            length += n;
        }
    }

    /**
     * Makes room for {@code more} bytes after the current length.
     *
     * @throws CorruptBatchException when that would pass the limit
     */
    void reserve(int more) {
        long needed = (long) length + more;
        if (needed > maxBytes) {
            throw new CorruptBatchException("compressed records decompress to more than " + maxBytes
                    + " bytes, the most a reader accepts; the batch is corrupt or was written with a larger limit");
        }
        if (needed > bytes.length) {
            long grown = Math.max(needed, Math.max(MIN_BYTES, 2L * bytes.length));
            byte[] bigger = new byte[(int) Math.min(grown, maxBytes)];
            System.arraycopy(bytes, 0, bigger, 0, length);
            replace(bigger);
        }
    }

    /**
     * Makes room for up to {@code more} bytes after the current length, fewer if the limit is
     * closer; returns the room made, at least 1.
     *
     * @throws CorruptBatchException when the buffer is already at the limit
     */
    int reserveUpTo(int more) {
        int room = (int) Math.min(more, (long) maxBytes - length);
        reserve(Math.max(room, 1));
        return room;
    }

    /** Counts {@code n} bytes written straight into {@link #array()} after the current length. */
    void advance(int n) {
        length += n;
    }

    /** The most this buffer holds. */
    int maxBytes() {
        return maxBytes;
    }

    byte[] array() {
        return bytes;
    }

    int length() {
        return length;
    }

    /** The buffer as Chronicle memory, valid until the next {@link #clear} or growth. */
    BytesStore<?, byte[]> store() {
        return store;
    }

    private void replace(byte[] next) {
        bytes = next;
        store = BytesStore.wrap(next);
    }
}
