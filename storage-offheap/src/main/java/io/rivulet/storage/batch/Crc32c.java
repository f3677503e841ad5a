package io.rivulet.storage.batch;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * CRC-32C over Chronicle memory, reusing its state so a hot path allocates nothing.
 *
 * <p>The JDK computes CRC-32C with an intrinsic over a direct {@link ByteBuffer}. Chronicle's
 * {@code toTemporaryDirectByteBuffer()} builds such a view by {@code ByteBuffer.allocateDirect(0)} (a native
 * allocation and a {@code Cleaner}) and reflection on every call; a node that checked each network batch that way
 * made tens of thousands of cleaners between two young collections, which every collection had to copy and
 * process. This class keeps one view and points it at the memory it is given ({@link java.nio.Buffer}'s {@code
 * address} and {@code capacity}, opened by the {@code --add-opens=java.base/java.nio} flag Rivulet runs with),
 * and one {@link CRC32C}. Without that access it falls back to a new view per store, and keeps the view of the
 * last store while the store is the same object at the same address with the same capacity.
 *
 * <p>Not thread-safe: one per writer (a builder, a log's append path); {@link #once} keeps one per thread.
 */
final class Crc32c {
    private static final VarHandle ADDRESS;
    private static final VarHandle CAPACITY;
    private static final ThreadLocal<Crc32c> PER_THREAD = ThreadLocal.withInitial(Crc32c::new);

    static {
        VarHandle address = null;
        VarHandle capacity = null;
        try {
            MethodHandles.Lookup buffers = MethodHandles.privateLookupIn(Buffer.class, MethodHandles.lookup());
            address = buffers.findVarHandle(Buffer.class, "address", long.class);
            capacity = buffers.findVarHandle(Buffer.class, "capacity", int.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // java.nio not opened to us: a view per store, as Chronicle makes them
        }
        ADDRESS = address;
        CAPACITY = capacity;
    }

    private final CRC32C crc = new CRC32C();
    private final ByteBuffer pointable = ADDRESS == null ? null : ByteBuffer.allocateDirect(0);
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
            return store.toTemporaryDirectByteBuffer(); // heap memory: nothing stable to point at
        }
        long address = store.addressForRead(store.start());
        long capacity = store.capacity();
        if (store != viewStore || address != viewAddress || capacity != viewCapacity) {
            if (pointable != null) {
                CAPACITY.set(pointable, Math.toIntExact(capacity));
                ADDRESS.set(pointable, address);
                pointable.clear();
                view = pointable;
            } else {
                view = store.toTemporaryDirectByteBuffer();
            }
            viewBase = store.start();
            viewStore = store;
            viewAddress = address;
            viewCapacity = capacity;
        }
        return view;
    }

    /** One-off computation, for callers without a writer's state (recovery, frame checks), on this thread's state. */
    static int once(BytesStore<?, ?> store, long from, long to) {
        Crc32c c = PER_THREAD.get();
        try {
            return c.compute(store, from, to);
        } finally {
            c.viewStore = null; // keep no reference to a store the caller may release
        }
    }
}
