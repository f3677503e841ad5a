package io.rivulet.engine.cli;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/**
 * Record values for perf runs: random bytes (so compression or deduplication could not flatter a
 * result), and for e2e a send time stamped into the first 8 bytes.
 */
final class Payloads {
    /** The bytes an e2e value needs for its send time. */
    static final int STAMP_BYTES = Long.BYTES;

    private static final long UNSTAMPED = Long.MIN_VALUE;
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Payloads() {
    }

    /** {@code size} random bytes from a fixed seed. */
    static byte[] random(int size) {
        byte[] bytes = new byte[size];
        SplittableRandom random = new SplittableRandom(0x5EED);
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    /** A copy of {@code template} carrying {@code nanos} in its first 8 bytes. */
    static byte[] stamped(byte[] template, long nanos) {
        byte[] bytes = template.clone();
        LONG.set(bytes, 0, nanos);
        return bytes;
    }

    /** {@code template} marked as carrying no send time: {@link #isStamped} says false of it. */
    static byte[] unstamped(byte[] template) {
        return stamped(template, UNSTAMPED);
    }

    /** Whether {@code bytes} carries a send time ({@link #stamped}) rather than the {@link #unstamped} mark. */
    static boolean isStamped(byte[] bytes) {
        return stamp(bytes) != UNSTAMPED;
    }

    /** The time {@link #stamped} wrote into {@code bytes}. */
    static long stamp(byte[] bytes) {
        return (long) LONG.get(bytes, 0);
    }
}
