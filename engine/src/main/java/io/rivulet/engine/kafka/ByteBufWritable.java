package io.rivulet.engine.kafka;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import org.apache.kafka.common.protocol.Writable;
import org.apache.kafka.common.record.internal.BaseRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;

/**
 * kafka-clients' {@link Writable} over a Netty {@link CompositeByteBuf}: the generated message classes write
 * their fields into the current component, and a record set becomes a component of its own, so fetched batches
 * are not copied again on their way out.
 */
final class ByteBufWritable implements Writable {
    private final CompositeByteBuf out;
    private ByteBuf current;

    ByteBufWritable(CompositeByteBuf out, ByteBuf first) {
        this.out = out;
        this.current = first;
    }

    @Override
    public void writeByte(byte val) {
        current.writeByte(val);
    }

    @Override
    public void writeShort(short val) {
        current.writeShort(val);
    }

    @Override
    public void writeInt(int val) {
        current.writeInt(val);
    }

    @Override
    public void writeLong(long val) {
        current.writeLong(val);
    }

    @Override
    public void writeDouble(double val) {
        current.writeDouble(val);
    }

    @Override
    public void writeByteArray(byte[] arr) {
        current.writeBytes(arr);
    }

    @Override
    public void writeByteBuffer(ByteBuffer buf) {
        current.writeBytes(buf.duplicate());
    }

    @Override
    public void writeUnsignedVarint(int i) {
        while ((i & 0xffffff80) != 0) {
            current.writeByte((i & 0x7f) | 0x80);
            i >>>= 7;
        }
        current.writeByte(i);
    }

    @Override
    public void writeVarint(int i) {
        writeUnsignedVarint((i << 1) ^ (i >> 31));
    }

    @Override
    public void writeVarlong(long v) {
        long z = (v << 1) ^ (v >> 63);
        while ((z & 0xffffffffffffff80L) != 0L) {
            current.writeByte(((int) z & 0x7f) | 0x80);
            z >>>= 7;
        }
        current.writeByte((int) z);
    }

    @Override
    public void writeRecords(BaseRecords records) {
        if (records instanceof SliceRecords slice) {
            if (slice.sizeInBytes() > 0) {
                out.addComponent(true, current);
                out.addComponent(true, slice.take());
                current = out.alloc().buffer(256);
            }
            return;
        }
        if (!(records instanceof MemoryRecords memory)) {
            throw new IllegalArgumentException("cannot write records of type " + records.getClass().getName());
        }
        ByteBuffer view = memory.buffer();
        if (!view.hasRemaining()) {
            return;
        }
        out.addComponent(true, current);
        out.addComponent(true, Unpooled.wrappedBuffer(view));
        current = out.alloc().buffer(256);
    }

    /** Ends the writing: the composite holds everything written. */
    CompositeByteBuf finish() {
        out.addComponent(true, current);
        current = null;
        return out;
    }
}
