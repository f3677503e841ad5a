package io.rivulet.engine.produce;

/**
 * MurmurHash2 (32-bit) with the seed and final mix the Kafka Java client uses for keys, so that a key
 * lands on the same partition number here as with a Kafka producer. Checked against kafka-clients
 * in the tests.
 */
public final class Murmur2 {
    private static final int SEED = 0x9747b28c;
    private static final int M = 0x5bd1e995;
    private static final int R = 24;

    private Murmur2() {
    }

    public static int hash(byte[] data) {
        int length = data.length;
        int h = SEED ^ length;
        int whole = length & ~3;
        for (int i = 0; i < whole; i += 4) {
            int k = (data[i] & 0xff) | (data[i + 1] & 0xff) << 8 | (data[i + 2] & 0xff) << 16 | (data[i + 3] & 0xff) << 24;
            k *= M;
            k ^= k >>> R;
            k *= M;
            h *= M;
            h ^= k;
        }
        int tail = length & 3;
        if (tail == 3) {
            h ^= (data[whole + 2] & 0xff) << 16;
        }
        if (tail >= 2) {
            h ^= (data[whole + 1] & 0xff) << 8;
        }
        if (tail >= 1) {
            h ^= data[whole] & 0xff;
            h *= M;
        }
        h ^= h >>> 13;
        h *= M;
        h ^= h >>> 15;
        return h;
    }

    /** The partition of a non-null key among {@code partitionCount}, as Kafka's default partitioner picks it. */
    public static int partition(byte[] key, int partitionCount) {
        return (hash(key) & 0x7fffffff) % partitionCount;
    }
}
