package io.rivulet.storage.batch;

import net.openhft.chronicle.bytes.RandomDataOutput;

/**
 * Zig-zag variable-length integers as Kafka's record format uses them (the protobuf encoding):
 * seven bits a byte, low bits first, the high bit set on every byte but the last, and the sign
 * folded into the lowest bit so small negative numbers (a null key is length -1) stay one byte.
 *
 * <p>Writes live here; reads are done by {@link ByteCursor}, which tracks where the next field
 * starts, because a foreign writer may use longer encodings than the minimal one.
 */
public final class Varint {
    private Varint() {
    }

    public static int sizeOfInt(int value) {
        int v = (value << 1) ^ (value >> 31);
        int bytes = 1;
        while ((v & 0xffffff80) != 0) {
            bytes++;
            v >>>= 7;
        }
        return bytes;
    }

    public static int sizeOfLong(long value) {
        long v = (value << 1) ^ (value >> 63);
        int bytes = 1;
        while ((v & 0xffffffffffffff80L) != 0L) {
            bytes++;
            v >>>= 7;
        }
        return bytes;
    }

    /** Writes {@code value} at {@code offset}; returns the offset after it. */
    public static long writeInt(RandomDataOutput<?> out, long offset, int value) {
        int v = (value << 1) ^ (value >> 31);
        while ((v & 0xffffff80) != 0) {
            out.writeByte(offset++, (byte) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.writeByte(offset++, (byte) v);
        return offset;
    }

    /** Writes {@code value} at {@code offset}; returns the offset after it. */
    public static long writeLong(RandomDataOutput<?> out, long offset, long value) {
        long v = (value << 1) ^ (value >> 63);
        while ((v & 0xffffffffffffff80L) != 0L) {
            out.writeByte(offset++, (byte) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.writeByte(offset++, (byte) v);
        return offset;
    }
}
