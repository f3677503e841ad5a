package io.rivulet.engine.kafka;

import io.netty.buffer.ByteBuf;
import org.apache.kafka.common.record.internal.BaseRecords;
import org.apache.kafka.common.record.internal.RecordsSend;

/**
 * Stored batches on their way out in a fetch response: the log's mapped memory itself, or one copy of it in a
 * pooled direct buffer ({@link io.rivulet.engine.net.SliceBuffers}), which becomes a component of the response
 * ({@link ByteBufWritable#writeRecords}) and is released once written. Not Kafka's own {@code MemoryRecords}
 * because that would need a heap array per partition — a 1 MiB one is a humongous allocation for G1 — and a
 * second copy into the socket.
 */
final class SliceRecords implements BaseRecords {
    private final int size;
    private ByteBuf bytes;

    /** Takes ownership of {@code bytes}. */
    SliceRecords(ByteBuf bytes) {
        this.bytes = bytes;
        this.size = bytes.readableBytes();
    }

    @Override
    public int sizeInBytes() {
        return size;
    }

    /** Hands the buffer over to the caller, once. */
    ByteBuf take() {
        ByteBuf b = bytes;
        if (b == null) {
            throw new IllegalStateException("these records were written already");
        }
        bytes = null;
        return b;
    }

    /** Releases the buffer if it was never taken. */
    void release() {
        ByteBuf b = bytes;
        bytes = null;
        if (b != null) {
            b.release();
        }
    }

    @Override
    public RecordsSend<? extends BaseRecords> toSend() {
        throw new UnsupportedOperationException("written through ByteBufWritable, not Kafka's own network layer");
    }
}
