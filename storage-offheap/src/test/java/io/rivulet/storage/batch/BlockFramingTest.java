package io.rivulet.storage.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rivulet.storage.CorruptBatchException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import net.jpountz.lz4.LZ4FrameOutputStream;
import net.jpountz.lz4.LZ4FrameOutputStream.BLOCKSIZE;
import net.jpountz.lz4.LZ4FrameOutputStream.FLG.Bits;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.SnappyOutputStream;

/**
 * The lz4 frame and snappy stream decoders on the framing features Kafka's producer does not use
 * (block and content checksums, stored blocks, larger blocks, several frames or streams in a row),
 * as the codec libraries' own writers produce them; and what they refuse.
 */
class BlockFramingTest {
    private static final byte[] DATA = data();

    @Test
    void lz4FramesWithEveryOptionalFieldDecode() throws IOException {
        Bits[][] options = {
                {Bits.BLOCK_INDEPENDENCE},
                {Bits.BLOCK_INDEPENDENCE, Bits.BLOCK_CHECKSUM},
                {Bits.BLOCK_INDEPENDENCE, Bits.CONTENT_CHECKSUM, Bits.CONTENT_SIZE},
                {Bits.BLOCK_INDEPENDENCE, Bits.BLOCK_CHECKSUM, Bits.CONTENT_CHECKSUM},
        };
        for (BLOCKSIZE size : BLOCKSIZE.values()) {
            for (Bits[] bits : options) {
                byte[] frame = lz4(DATA, size, bits);
                assertArrayEquals(DATA, decodeLz4(frame, frame.length), size + " " + Arrays.toString(bits));
            }
        }
    }

    @Test
    void lz4FramesInARowDecodeToTheirContentsInOrder() throws IOException {
        byte[] a = lz4(Arrays.copyOf(DATA, 1000), BLOCKSIZE.SIZE_64KB, Bits.BLOCK_INDEPENDENCE);
        byte[] b = lz4(Arrays.copyOfRange(DATA, 1000, DATA.length), BLOCKSIZE.SIZE_64KB, Bits.BLOCK_INDEPENDENCE);
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        assertArrayEquals(DATA, decodeLz4(both, both.length));
    }

    @Test
    void lz4DependentBlocksAreRefusedSayingWhy() throws IOException {
        byte[] frame = lz4(DATA, BLOCKSIZE.SIZE_64KB, Bits.BLOCK_INDEPENDENCE);
        frame[4] &= ~0x20; // lz4-java writes no dependent blocks: clear the flag, then fix the header checksum
        frame[6] = (byte) (net.jpountz.xxhash.XXHashFactory.safeInstance().hash32().hash(frame, 4, 2, 0) >> 8);
        CorruptBatchException e = assertThrows(CorruptBatchException.class, () -> decodeLz4(frame, frame.length));
        assertTrue(e.getMessage().contains("dependent blocks"), e.getMessage());
    }

    @Test
    void lz4DamageCaughtByItsChecksumsIsRefused() throws IOException {
        byte[] frame = lz4(DATA, BLOCKSIZE.SIZE_64KB, Bits.BLOCK_INDEPENDENCE, Bits.BLOCK_CHECKSUM, Bits.CONTENT_CHECKSUM);
        for (int i : new int[] {5, 6, 20, frame.length / 2, frame.length - 2}) {
            byte[] damaged = frame.clone();
            damaged[i] ^= 0x01;
            assertThrows(CorruptBatchException.class, () -> decodeLz4(damaged, damaged.length), "byte " + i);
        }
        assertThrows(CorruptBatchException.class, () -> decodeLz4(frame, frame.length - 5), "cut short");
    }

    @Test
    void snappyStreamsOfManyChunksAndInARowDecode() throws IOException {
        byte[] one = snappy(DATA, 1024); // chunks of at most 1 KiB: many of them
        byte[] two = snappy(Arrays.copyOf(DATA, 3000), 32 * 1024);
        assertArrayEquals(DATA, decodeSnappy(one, one.length));
        byte[] both = Arrays.copyOf(one, one.length + two.length);
        System.arraycopy(two, 0, both, one.length, two.length);
        byte[] expected = Arrays.copyOf(DATA, DATA.length + 3000);
        System.arraycopy(DATA, 0, expected, DATA.length, 3000);
        assertArrayEquals(expected, decodeSnappy(both, both.length));
    }

    @Test
    void snappyWithoutItsStreamHeaderOrCutShortIsRefused() throws IOException {
        byte[] stream = snappy(DATA, 1024);
        byte[] headless = Arrays.copyOfRange(stream, SnappyStream.HEADER_SIZE, stream.length);
        assertThrows(CorruptBatchException.class, () -> decodeSnappy(headless, headless.length));
        assertThrows(CorruptBatchException.class, () -> decodeSnappy(stream, stream.length - 1));
        assertThrows(CorruptBatchException.class, () -> decodeSnappy(stream, SnappyStream.HEADER_SIZE + 2));
    }

    private static byte[] decodeLz4(byte[] in, int length) {
        DecompressionBuffer out = new DecompressionBuffer(1 << 24);
        out.clear(0);
        Lz4Frame.decode(in, length, out);
        return Arrays.copyOf(out.array(), out.length());
    }

    private static byte[] decodeSnappy(byte[] in, int length) throws IOException {
        DecompressionBuffer out = new DecompressionBuffer(1 << 24);
        out.clear(0);
        SnappyStream.decode(in, length, out);
        return Arrays.copyOf(out.array(), out.length());
    }

    private static byte[] lz4(byte[] data, BLOCKSIZE size, Bits... bits) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean contentSize = Arrays.asList(bits).contains(Bits.CONTENT_SIZE);
        try (LZ4FrameOutputStream out = new LZ4FrameOutputStream(bytes, size, contentSize ? data.length : -1L, bits)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static byte[] snappy(byte[] data, int blockSize) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (SnappyOutputStream out = new SnappyOutputStream(bytes, blockSize)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    /** 300 KiB: text-like runs that compress, and random stretches that lz4 stores as they are. */
    private static byte[] data() {
        Random r = new Random(3);
        byte[] d = new byte[300 * 1024];
        for (int i = 0; i < d.length; i++) {
            d[i] = (i / 4096) % 3 == 0 ? (byte) r.nextInt() : (byte) ('a' + (i * 7 + i / 13) % 11);
        }
        return d;
    }
}
