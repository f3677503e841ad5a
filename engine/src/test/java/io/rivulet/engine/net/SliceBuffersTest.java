package io.rivulet.engine.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.rivulet.storage.batch.RecordBatchBuilder;
import io.rivulet.storage.log.LogConfig;
import io.rivulet.storage.log.LogSlice;
import io.rivulet.storage.log.PartitionLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stored batches as Netty buffers: the mapping itself, kept alive by the buffer, and copies where asked. */
class SliceBuffersTest {
    private static final LogConfig CONFIG = LogConfig.from(Map.of("preallocate", "0", "segment.bytes", "1048576",
            "retention.ms", "-1"));

    @TempDir
    Path dir;

    @Test
    void theTestJvmLetsNettyWrapMappedMemory() {
        // surefire runs with the flags the rivulet command sets; without them every fetch would copy
        assertTrue(SliceBuffers.zeroCopy());
    }

    @Test
    void aWrappedSliceIsTheMappingAndOutlivesTheLogUntilReleased() {
        ByteBuf buf;
        byte[] expected;
        try (PartitionLog log = PartitionLog.open(dir, CONFIG)) {
            appendBatches(log, 3);
            LogSlice slice = log.read(0, 1 << 20);
            expected = slice.toByteArray();
            long address = slice.store().addressForRead(slice.position());
            buf = SliceBuffers.of(slice, slice.position(), slice.sizeInBytes(), PooledByteBufAllocator.DEFAULT);
            assertTrue(buf.hasMemoryAddress());
            assertEquals(address, buf.memoryAddress(), "no copy: the buffer is the log's memory");
            log.deleteBefore(log.logEndOffset()); // retention and close drop only the log's own references
        }
        try {
            byte[] read = new byte[buf.readableBytes()];
            buf.getBytes(buf.readerIndex(), read);
            assertArrayEquals(expected, read, "still mapped while a send holds the buffer");
        } finally {
            assertTrue(buf.release());
        }
    }

    @Test
    void aCopyIsIndependentOfTheLogAndClosesTheSliceAtOnce() {
        try (PartitionLog log = PartitionLog.open(dir, CONFIG)) {
            appendBatches(log, 2);
            LogSlice slice = log.read(0, 1 << 20);
            byte[] expected = slice.toByteArray();
            long address = slice.store().addressForRead(slice.position());
            ByteBuf buf = SliceBuffers.copy(slice, slice.position(), slice.sizeInBytes(), PooledByteBufAllocator.DEFAULT);
            try {
                assertFalse(buf.hasMemoryAddress() && buf.memoryAddress() == address, "a copy, not the mapping");
                byte[] read = new byte[buf.readableBytes()];
                buf.getBytes(buf.readerIndex(), read);
                assertArrayEquals(expected, read);
            } finally {
                buf.release();
            }
        }
    }

    private static void appendBatches(PartitionLog log, int batches) {
        RecordBatchBuilder builder = new RecordBatchBuilder(4096);
        for (int b = 0; b < batches; b++) {
            builder.reset();
            for (int i = 0; i < 10; i++) {
                builder.append(1_700_000_000_000L + i, null, ("v" + b + "-" + i).getBytes(StandardCharsets.UTF_8));
            }
            log.append(builder.build());
        }
    }
}
