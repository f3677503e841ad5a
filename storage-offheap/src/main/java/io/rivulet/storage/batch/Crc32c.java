package io.rivulet.storage.batch;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * CRC-32C over Chronicle memory, reusing its state so a hot path allocates nothing.
 *
 * <p>The JDK computes CRC-32C with an intrinsic over a direct {@link ByteBuffer}; Chronicle's
 * {@code toTemporaryDirectByteBuffer()} builds that view by {@code ByteBuffer.allocateDirect(0)}
 * (a native allocation and a cleaner) and reflection on every call. This class keeps the view of
 * the last store it was given, and one {@link CRC32C}. The view is reused only while the store is
 * the same object at the same address with the same capacity: an elastic buffer that grows gets a
 * new store, and a store re-pointed at other memory gets a new view.
 *
 * <p>Not thread-safe: one per writer (a builder, a log's append path).
 */
final class Crc32c {
    private final CRC32C crc = new CRC32C();
    private BytesStore<?, ?> viewStore;
    private long viewAddress;
    private long viewCapacity;
    private long viewBase;
    private ByteBuffer view;

    /** CRC-32C of bytes {@code [from, to)} of {@code store}. */
    int compute(BytesStore<?, ?> store, long from, long to) {
        ByteBuffer v = viewOf(store);
        v.limit(Math.toIntExact(to - viewBase)).position(Math.toIntExact(from - viewBase));
        crc.reset();
        crc.update(v);
        return (int) crc.getValue();
    }

    private ByteBuffer viewOf(BytesStore<?, ?> store) {
        if (store.refCount() <= 0) {
            throw new IllegalStateException("the memory of this record batch was already released");
        }
        if (!store.isDirectMemory()) {
            viewStore = null;
            return store.toTemporaryDirectByteBuffer(); // heap memory: nothing stable to cache
        }
        long address = store.addressForRead(store.start());
        long capacity = store.capacity();
        if (store != viewStore || address != viewAddress || capacity != viewCapacity) {
            view = store.toTemporaryDirectByteBuffer();
            viewBase = store.start();
            viewStore = store;
            viewAddress = address;
            viewCapacity = capacity;
        }
        return view;
    }

    /** One-off computation, for callers without a writer's state (recovery, tests). */
    static int once(BytesStore<?, ?> store, long from, long to) {
        return new Crc32c().compute(store, from, to);
    }
}
