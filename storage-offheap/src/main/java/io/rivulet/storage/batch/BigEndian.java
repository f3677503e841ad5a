package io.rivulet.storage.batch;

import java.nio.ByteOrder;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.RandomDataOutput;

/**
 * Big-endian reads and writes over Chronicle memory.
 *
 * <p>Chronicle Bytes reads and writes in the platform's native order (little-endian on x86 and
 * ARM), while Kafka's batch format and our index files are big-endian. Every multi-byte field of a
 * persisted format goes through here, so the order is chosen in exactly one place. The byte swap
 * compiles to a single instruction.
 */
public final class BigEndian {
    private static final boolean SWAP = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private BigEndian() {
    }

    public static short readShort(BytesStore<?, ?> s, long offset) {
        short v = s.readShort(offset);
        return SWAP ? Short.reverseBytes(v) : v;
    }

    public static int readInt(BytesStore<?, ?> s, long offset) {
        int v = s.readInt(offset);
        return SWAP ? Integer.reverseBytes(v) : v;
    }

    public static long readLong(BytesStore<?, ?> s, long offset) {
        long v = s.readLong(offset);
        return SWAP ? Long.reverseBytes(v) : v;
    }

    public static void writeShort(RandomDataOutput<?> s, long offset, short v) {
        s.writeShort(offset, SWAP ? Short.reverseBytes(v) : v);
    }

    public static void writeInt(RandomDataOutput<?> s, long offset, int v) {
        s.writeInt(offset, SWAP ? Integer.reverseBytes(v) : v);
    }

    public static void writeLong(RandomDataOutput<?> s, long offset, long v) {
        s.writeLong(offset, SWAP ? Long.reverseBytes(v) : v);
    }
}
