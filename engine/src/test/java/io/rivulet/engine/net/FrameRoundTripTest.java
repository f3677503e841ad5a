package io.rivulet.engine.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.rivulet.engine.net.Wire.FrameSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class FrameRoundTripTest {

    @Example
    void everyFrameTypeSurvivesASplitAtEveryByte() {
        for (FrameType type : FrameType.values()) {
            FrameSpec spec = new FrameSpec(type, 0xA5A5, -7 * type.code(), new byte[] {1, 2, 3, (byte) type.code()});
            assertSurvivesEverySplit(spec);
        }
    }

    @Property(tries = 150)
    void anyFrameSurvivesASplitAtEveryByte(@ForAll("frames") FrameSpec spec) {
        assertSurvivesEverySplit(spec);
    }

    @Property(tries = 150)
    void framesComeOutInOrderWhateverTheChunking(@ForAll @Size(max = 8) List<@From("frames") FrameSpec> specs,
                                                 @ForAll long seed) {
        byte[] stream = concat(specs);
        Random random = new Random(seed);
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder());
        List<FrameSpec> decoded = new ArrayList<>();
        int at = 0;
        while (at < stream.length) {
            int n = 1 + random.nextInt(Math.min(40, stream.length - at));
            channel.writeInbound(Unpooled.wrappedBuffer(stream, at, n));
            at += n;
            drain(channel, decoded);
        }
        channel.finishAndReleaseAll();
        assertEquals(specs, decoded, "seed " + seed);
    }

    @Example
    void theWireIsBigEndianWithTheLengthCountingHeaderAndPayload() {
        byte[] bytes = Wire.encode(new FrameSpec(FrameType.CREDIT, 0x0102, 0x0A0B0C0D, new byte[] {9, 8}));
        byte[] expected = {0, 0, 0, 10, 1, 6, 1, 2, 0x0A, 0x0B, 0x0C, 0x0D, 9, 8};
        assertEquals(Arrays.toString(expected), Arrays.toString(bytes));
    }

    private static void assertSurvivesEverySplit(FrameSpec spec) {
        byte[] bytes = Wire.encode(spec);
        for (int split = 0; split <= bytes.length; split++) {
            EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder());
            if (split > 0) {
                channel.writeInbound(Unpooled.wrappedBuffer(bytes, 0, split));
            }
            if (split < bytes.length) {
                assertNull(channel.readInbound(), "a frame came out of " + split + " of " + bytes.length + " bytes");
                channel.writeInbound(Unpooled.wrappedBuffer(bytes, split, bytes.length - split));
            }
            Frame frame = channel.readInbound();
            assertEquals(spec, FrameSpec.takeFrom(frame), "split at " + split);
            assertNull(channel.readInbound());
            channel.finishAndReleaseAll();
        }
    }

    private static void drain(EmbeddedChannel channel, List<FrameSpec> into) {
        for (Frame f = channel.readInbound(); f != null; f = channel.readInbound()) {
            into.add(FrameSpec.takeFrom(f));
        }
    }

    private static byte[] concat(List<FrameSpec> specs) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        specs.forEach(s -> out.writeBytes(Wire.encode(s)));
        return out.toByteArray();
    }

    @Provide
    Arbitrary<FrameSpec> frames() {
        return Combinators.combine(
                Arbitraries.of(FrameType.class),
                Arbitraries.integers().between(0, 0xFFFF),
                Arbitraries.integers(),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40)).as(FrameSpec::new);
    }
}
