package io.rivulet.engine.net;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever bytes arrive, the decoder yields valid frames or a {@link ProtocolException}, nothing else. */
class GarbageInputTest {
    private static final int BOUND = 256;

    @Property(tries = 300)
    void randomBytesGiveFramesOrAProtocolErrorOnly(@ForAll("garbage") byte[] bytes, @ForAll long seed) {
        assertOnlyFramesOrProtocolError(bytes, seed);
    }

    /** Lengths within the bound, so the header and payload checks are reached, not only the bound. */
    @Property(tries = 300)
    void plausibleLengthsWithRandomHeadersGiveFramesOrAProtocolErrorOnly(@ForAll("plausible") byte[] bytes,
                                                                        @ForAll long seed) {
        assertOnlyFramesOrProtocolError(bytes, seed);
    }

    private static void assertOnlyFramesOrProtocolError(byte[] bytes, long seed) {
        Random random = new Random(seed);
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(BOUND));
        boolean failed = false;
        int at = 0;
        while (at < bytes.length && !failed) {
            int n = 1 + random.nextInt(bytes.length - at);
            try {
                channel.writeInbound(Unpooled.wrappedBuffer(bytes, at, n));
            } catch (ProtocolException expected) {
                failed = true;
            }
            at += n;
            for (Frame f = channel.readInbound(); f != null; f = channel.readInbound()) {
                assertTrue(f.payload().readableBytes() <= BOUND - FrameHeader.SIZE, f.toString());
                f.release();
            }
        }
        if (failed) {
            assertFalse(channel.isOpen(), "a protocol error closes the connection");
        }
        channel.finishAndReleaseAll();
    }

    @Provide
    Arbitrary<byte[]> garbage() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(600);
    }

    @Provide
    Arbitrary<byte[]> plausible() {
        return Arbitraries.integers().between(-2, BOUND + 2).flatMap(length ->
                Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(300).map(rest -> {
                    byte[] out = new byte[4 + rest.length];
                    out[0] = (byte) (length >>> 24);
                    out[1] = (byte) (length >>> 16);
                    out[2] = (byte) (length >>> 8);
                    out[3] = length.byteValue();
                    if (rest.length > 0 && (rest[0] & 0x3) != 0) {
                        rest[0] = 1; // mostly the right version, so the type check is reached
                    }
                    System.arraycopy(rest, 0, out, 4, rest.length);
                    return out;
                }));
    }
}
