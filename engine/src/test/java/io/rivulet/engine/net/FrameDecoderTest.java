package io.rivulet.engine.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import io.rivulet.engine.net.ProtocolException.Reason;
import io.rivulet.engine.net.Wire.FrameSpec;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {

    @Test
    void aLengthOfTwoGibibytesIsRejectedFromItsFourBytesWithoutAllocatingForIt() {
        RecordingAllocator allocator = new RecordingAllocator();
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder());
        channel.config().setAllocator(allocator);
        byte[] prefix = {0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};

        // Two pieces, so the decoder has to accumulate (and allocate) to read the length at all.
        channel.writeInbound(Unpooled.wrappedBuffer(prefix, 0, 2));
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> channel.writeInbound(Unpooled.wrappedBuffer(prefix, 2, 2)));

        assertEquals(Reason.FRAME_TOO_LARGE, e.reason());
        assertTrue(e.getMessage().contains("2147483647") && e.getMessage().contains(FrameBounds.CONFIG_NAME),
                e.getMessage());
        assertTrue(allocator.largestRequest.get() < 1024,
                "allocated " + allocator.largestRequest.get() + " bytes for a 4-byte input");
        assertFalse(channel.isOpen(), "the offending connection is closed");
        channel.finishAndReleaseAll();
    }

    @Test
    void theBoundIsInclusive() {
        int bound = 100;
        FrameSpec fits = new FrameSpec(FrameType.STREAM_DATA, 0, 3, new byte[bound - FrameHeader.SIZE]);
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(bound));
        channel.writeInbound(Unpooled.wrappedBuffer(Wire.encode(fits)));
        assertEquals(fits, FrameSpec.takeFrom(channel.readInbound()));

        byte[] tooLong = Wire.rawHeader(bound + 1, 1, FrameType.STREAM_DATA.code(), 0, 3);
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> channel.writeInbound(Unpooled.wrappedBuffer(tooLong)));
        assertEquals(Reason.FRAME_TOO_LARGE, e.reason());
        channel.finishAndReleaseAll();
    }

    @Test
    void aLengthTooShortForTheHeaderIsRejected() {
        for (int length : new int[] {-1, Integer.MIN_VALUE, 0, FrameHeader.SIZE - 1}) {
            EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder());
            byte[] bytes = Wire.rawHeader(length, 1, FrameType.PING.code(), 0, 0);
            ProtocolException e = assertThrows(ProtocolException.class,
                    () -> channel.writeInbound(Unpooled.wrappedBuffer(bytes)));
            assertEquals(Reason.FRAME_TOO_SHORT, e.reason(), "length " + length);
            assertFalse(channel.isOpen());
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void anUnknownVersionIsRejectedByName() {
        for (int version : new int[] {0, 2, 255}) {
            EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder());
            byte[] bytes = Wire.rawHeader(FrameHeader.SIZE, version, FrameType.PING.code(), 0, 0);
            ProtocolException e = assertThrows(ProtocolException.class,
                    () -> channel.writeInbound(Unpooled.wrappedBuffer(bytes)));
            assertEquals(Reason.UNSUPPORTED_VERSION, e.reason());
            assertTrue(e.getMessage().contains("version " + version), e.getMessage());
            assertFalse(channel.isOpen());
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void anUnknownTypeIsRejectedByName() {
        for (int code : new int[] {0, FrameType.values().length + 1, 255}) {
            EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder());
            byte[] bytes = Wire.rawHeader(FrameHeader.SIZE + 3, 1, code, 0, 5);
            ProtocolException e = assertThrows(ProtocolException.class,
                    () -> channel.writeInbound(Unpooled.wrappedBuffer(bytes, 0, bytes.length),
                            Unpooled.wrappedBuffer(new byte[3])));
            assertEquals(Reason.UNKNOWN_FRAME_TYPE, e.reason());
            assertTrue(e.getMessage().contains("type " + code), e.getMessage());
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void nothingIsDecodedAfterAProtocolError() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder());
        byte[] bad = Wire.rawHeader(FrameHeader.SIZE, 9, FrameType.PING.code(), 0, 0);
        byte[] good = Wire.encode(new FrameSpec(FrameType.PING, 0, 0, new byte[8]));
        byte[] both = new byte[bad.length + good.length];
        System.arraycopy(bad, 0, both, 0, bad.length);
        System.arraycopy(good, 0, both, bad.length, good.length);

        assertThrows(ProtocolException.class, () -> channel.writeInbound(Unpooled.wrappedBuffer(both)));

        assertNull(channel.readInbound());
        assertFalse(channel.isOpen());
        channel.finishAndReleaseAll();
    }

    @Test
    void aPartialFrameWaitsForTheRest() {
        byte[] bytes = Wire.encode(new FrameSpec(FrameType.RESPONSE, 0, 42, new byte[20]));
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder());
        channel.writeInbound(Unpooled.wrappedBuffer(bytes, 0, bytes.length - 1));
        assertNull(channel.readInbound());
        assertTrue(channel.isOpen());
        channel.writeInbound(Unpooled.wrappedBuffer(bytes, bytes.length - 1, 1));
        assertEquals(42, FrameSpec.takeFrom(channel.readInbound()).streamId());
        channel.finishAndReleaseAll();
    }

    @Test
    void theEncoderRefusesAFrameOverTheBoundAndReleasesIt() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameEncoder(64));
        ByteBuf payload = Unpooled.buffer(64).writeZero(64 - FrameHeader.SIZE + 1);
        Frame frame = new Frame(FrameHeader.of(FrameType.REQUEST, 0, 1), payload);

        EncoderException e = assertThrows(EncoderException.class, () -> channel.writeOutbound(frame));

        assertTrue(e.getMessage().contains("exceeds the maximum of 64"), e.getMessage());
        assertEquals(0, payload.refCnt());
        assertNull(channel.readOutbound());
        channel.finishAndReleaseAll();
    }

    @Test
    void aBoundOutsideItsRangeIsRefusedWithTheRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FrameDecoder(4));
        assertTrue(e.getMessage().contains(FrameBounds.CONFIG_NAME) && e.getMessage().contains("between 8"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FrameEncoder(Integer.MAX_VALUE));
    }

    /** Delegates to the unpooled allocator and remembers the largest capacity asked for. */
    private static final class RecordingAllocator extends AbstractByteBufAllocator {
        final AtomicInteger largestRequest = new AtomicInteger();

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            largestRequest.accumulateAndGet(initialCapacity, Math::max);
            return UnpooledByteBufAllocator.DEFAULT.heapBuffer(initialCapacity, maxCapacity);
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            largestRequest.accumulateAndGet(initialCapacity, Math::max);
            return UnpooledByteBufAllocator.DEFAULT.directBuffer(initialCapacity, maxCapacity);
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }
    }
}
