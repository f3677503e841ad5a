package io.rivulet.engine.net;

import io.netty.buffer.ByteBuf;
import io.netty.util.internal.PlatformDependent;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.PointerBytesStore;

/**
 * Moves stored batches between Chronicle memory (the log's mappings, a batch builder's buffer) and Netty
 * buffers with one memory copy, and lets the batch codec read a Netty buffer in place.
 */
public final class OffHeapCopy {
    private OffHeapCopy() {
    }

    /** Appends {@code length} bytes of {@code store} from {@code position} to {@code dst}. */
    public static void copy(BytesStore<?, ?> store, long position, int length, ByteBuf dst) {
        dst.ensureWritable(length);
        if (dst.hasMemoryAddress() && store.isDirectMemory()) {
            PlatformDependent.copyMemory(store.addressForRead(position), dst.memoryAddress() + dst.writerIndex(), length);
            dst.writerIndex(dst.writerIndex() + length);
        } else {
            byte[] bytes = new byte[length];
            store.read(position, bytes, 0, length);
            dst.writeBytes(bytes);
        }
    }

    /**
     * A Chronicle view of {@code buf}'s readable bytes, for reading a batch in place. For a direct buffer
     * (what the network delivers) the view is this thread's own, re-pointed by the next call on the same
     * thread: use it before calling again, and do not release it — it owns no memory. Reused because
     * releasing a Chronicle store per batch hands work to Chronicle's background releaser thread, a wake-up
     * per request. A heap buffer is copied into a new heap store.
     */
    public static BytesStore<?, ?> view(ByteBuf buf) {
        return view(buf, buf.hasMemoryAddress() ? VIEWS.get() : null);
    }

    /**
     * As {@link #view(ByteBuf)}, re-pointing the caller's own {@code pointer} (which may be null for a heap
     * buffer) instead of this thread's: for a reader that keeps reading a buffer across threads.
     */
    public static BytesStore<?, ?> view(ByteBuf buf, PointerBytesStore pointer) {
        int n = buf.readableBytes();
        if (!buf.hasMemoryAddress()) {
            byte[] copy = new byte[n];
            buf.getBytes(buf.readerIndex(), copy);
            return BytesStore.wrap(copy);
        }
        pointer.set(buf.memoryAddress() + buf.readerIndex(), n);
        return pointer;
    }

    /**
     * Initializes the Chronicle classes the codec reads batches with. Their first use probes the JVM and the
     * operating system (about 0.1–0.2 s on a small machine), so a client does this while it connects rather than
     * on its first fetch.
     */
    public static void prepare() {
        VIEWS.get();
    }

    private static final ThreadLocal<PointerBytesStore> VIEWS = ThreadLocal.withInitial(PointerBytesStore::new);
}
