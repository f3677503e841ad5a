package io.rivulet.engine.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
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
     * A Chronicle view of {@code buf}'s readable bytes, for reading a batch in place. The view is this
     * thread's own and is re-pointed by the next call on the same thread, so use it before calling again
     * and do not release it: it owns no memory. Reused because releasing a Chronicle store per batch hands
     * work to Chronicle's background releaser thread, a wake-up per request. A heap buffer is copied into
     * this thread's scratch memory first; a direct one is read where it is.
     */
    public static BytesStore<?, ?> view(ByteBuf buf) {
        int n = buf.readableBytes();
        Views v = VIEWS.get();
        if (buf.hasMemoryAddress()) {
            v.view.set(buf.memoryAddress() + buf.readerIndex(), n);
        } else {
            if (v.scratch.capacity() < n) {
                v.scratch.release();
                v.scratch = Unpooled.directBuffer(Math.max(n, 2 * v.scratch.capacity()));
            }
            v.scratch.clear().writeBytes(buf, buf.readerIndex(), n);
            v.view.set(v.scratch.memoryAddress(), n);
        }
        return v.view;
    }

    private static final ThreadLocal<Views> VIEWS = ThreadLocal.withInitial(Views::new);

    private static final class Views {
        final PointerBytesStore view = new PointerBytesStore();
        ByteBuf scratch = Unpooled.directBuffer(64 * 1024);
    }
}
