package io.rivulet.engine.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledUnsafeDirectByteBuf;
import io.netty.util.internal.PlatformDependent;
import io.rivulet.storage.log.LogSlice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;

/**
 * Committed batches of the log on their way to a socket, as a Netty buffer. Where the JVM allows it the buffer is
 * the log's mapped memory itself (zero-copy): it holds the slice, and so the segment's mapping, until Netty
 * releases it after the write, so retention, the mapped-segment bound or a close cannot unmap memory a send still
 * reads. Otherwise — without {@code --add-opens=java.base/java.nio=ALL-UNNAMED} and
 * {@code -Dio.netty.tryReflectionSetAccessible=true}, which the {@code rivulet} command sets, or with
 * {@code -Drivulet.fetch.copy=true} — the bytes are copied once into a pooled direct buffer.
 *
 * <p>Only for bytes below the high watermark. Those are never rewritten: a log is truncated only above it,
 * where a new leader's log differs. Bytes above it may be cut and overwritten while a send is queued, so a
 * replica's stream copies them.
 */
public final class SliceBuffers {
    private static final Logger log = LoggerFactory.getLogger(SliceBuffers.class);
    private static final boolean WRAP = wrapPossible();

    private SliceBuffers() {
    }

    /** Whether {@link #of} hands out the mapping itself rather than a copy. */
    public static boolean zeroCopy() {
        return WRAP;
    }

    /**
     * Bytes {@code [position, position + length)} of {@code slice}'s memory. Takes the slice over: it is closed when
     * the returned buffer is released, or at once when the bytes are copied.
     */
    public static ByteBuf of(LogSlice slice, long position, int length, ByteBufAllocator alloc) {
        if (WRAP && slice.store().isDirectMemory()) {
            ByteBuffer view = PlatformDependent.directBuffer(slice.store().addressForRead(position), length);
            return new MappedBuf(view, slice);
        }
        return copy(slice, position, length, alloc);
    }

    /** As {@link #of}, but always one copy into a buffer of {@code alloc}; closes the slice. */
    public static ByteBuf copy(LogSlice slice, long position, int length, ByteBufAllocator alloc) {
        try (slice) {
            ByteBuf bytes = alloc.directBuffer(length);
            try {
                OffHeapCopy.copy(slice.store(), position, length, bytes);
            } catch (RuntimeException e) {
                bytes.release();
                throw e;
            }
            return bytes;
        }
    }

    private static boolean wrapPossible() {
        if (Boolean.getBoolean("rivulet.fetch.copy")) {
            log.info("fetches copy stored batches (rivulet.fetch.copy=true)");
            return false;
        }
        boolean possible = PlatformDependent.hasUnsafe() && PlatformDependent.hasDirectBufferNoCleanerConstructor();
        if (!possible) {
            log.info("fetches copy stored batches: this JVM does not let Netty wrap mapped memory (run with "
                    + "--add-opens=java.base/java.nio=ALL-UNNAMED -Dio.netty.tryReflectionSetAccessible=true)");
        }
        return possible;
    }

    /** A direct buffer over mapped memory that owns no memory of its own, and closes its slice when released. */
    private static final class MappedBuf extends UnpooledUnsafeDirectByteBuf {
        private final LogSlice slice;

        MappedBuf(ByteBuffer view, LogSlice slice) {
            super(UnpooledByteBufAllocator.DEFAULT, view, view.capacity());
            this.slice = slice;
        }

        @Override
        protected void deallocate() {
            try {
                super.deallocate(); // frees nothing: the buffer was wrapped, not allocated
            } finally {
                slice.close();
            }
        }
    }
}
