package io.rivulet.storage.batch;

import java.io.InputStream;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * An {@link InputStream} over {@code [from, to)} of Chronicle memory, so the JDK's and the codec
 * libraries' decompressing streams can read a compressed records section where it lies (a mapped
 * segment, an off-heap buffer) without first copying it to the heap. Never reads outside the
 * range; at its end it reports end of stream, which is what makes a truncated payload fail instead
 * of blocking.
 *
 * <p>Not thread-safe.
 */
final class BytesStoreInputStream extends InputStream {
    private final BytesStore<?, ?> store;
    private long position;
    private final long end;

    BytesStoreInputStream(BytesStore<?, ?> store, long from, long to) {
        this.store = store;
        this.position = from;
        this.end = to;
    }

    @Override
    public int read() {
        return position < end ? store.readByte(position++) & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        long left = end - position;
        if (left <= 0) {
            return -1;
        }
        int n = (int) Math.min(len, left);
        store.read(position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public long skip(long n) {
        long skipped = Math.max(0, Math.min(n, end - position));
        position += skipped;
        return skipped;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, end - position);
    }
}
