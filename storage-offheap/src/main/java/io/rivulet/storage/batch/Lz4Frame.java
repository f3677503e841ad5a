package io.rivulet.storage.batch;

import io.rivulet.storage.CorruptBatchException;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

/**
 * Decodes LZ4 frames, the framing Kafka's producer writes for codec 3, block by block straight into
 * the reader's {@link DecompressionBuffer} with lz4-java's safe block decoder: no stream object, no
 * intermediate buffer, and every length checked here against the bytes present and the output limit.
 *
 * <pre>
 * offset size field
 * ------ ---- ---------------------------------------------------------------------
 *      0    4 magic 0x184D2204, little-endian (0x184D2A50-5F: a skippable frame)
 *      4    1 FLG: bits 7-6 version (01), 5 block independence, 4 block checksum,
 *             3 content size present, 2 content checksum, 1 reserved (0), 0 dictionary id
 *      5    1 BD: bits 6-4 block maximum size (4: 64 KiB .. 7: 4 MiB), others reserved (0)
 *      6  0|8 content size, if FLG bit 3
 *      .    1 header checksum: (xxHash32 of FLG..content size, seed 0) &gt;&gt; 8 &amp; 0xFF
 *      .      blocks, each: int32 little-endian size (bit 31 set: stored uncompressed), the
 *             data, then a 4-byte xxHash32 of the data if FLG bit 4
 *      .    4 end mark 0
 *      .    4 xxHash32 of the decompressed content, if FLG bit 2
 * </pre>
 *
 * Kafka writes version 01 with independent 64 KiB blocks and no checksums but the header's (whose
 * bytes were computed wrongly only by pre-0.10 brokers for magic 0 and 1 batches, never for magic
 * 2). Dependent blocks and dictionaries are refused, as Kafka's own decoder refuses them. Frames may
 * follow one another. Stateless apart from the shared, thread-safe codec instances.
 */
final class Lz4Frame {
    private static final int MAGIC = 0x184D2204;
    private static final int SKIPPABLE_MASK = 0xFFFFFFF0;
    private static final int SKIPPABLE = 0x184D2A50;
    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4Factory.fastestInstance().safeDecompressor();
    private static final XXHash32 XXHASH = XXHashFactory.fastestInstance().hash32();

    private Lz4Frame() {
    }

    /** Decompresses the frames in {@code [0, length)} of {@code in} into {@code out}. */
    static void decode(byte[] in, int length, DecompressionBuffer out) {
        int p = 0;
        do {
            p = frame(in, p, length, out);
        } while (p < length);
    }

    private static int frame(byte[] in, int p, int length, DecompressionBuffer out) {
        need(p, 4, length, "a frame magic");
        int magic = readIntLE(in, p);
        if ((magic & SKIPPABLE_MASK) == SKIPPABLE) {
            need(p + 4, 4, length, "a skippable frame's size");
            int size = readIntLE(in, p + 4);
            need(p + 8, size, length, "a skippable frame");
            return p + 8 + size;
        }
        if (magic != MAGIC) {
            throw corrupt("lz4 records start with 0x" + Integer.toHexString(magic) + " at byte " + p
                    + ", not the LZ4 frame magic 0x184d2204");
        }
        need(p + 4, 3, length, "a frame descriptor");
        int flg = in[p + 4] & 0xff;
        int bd = in[p + 5] & 0xff;
        if (flg >>> 6 != 1 || (flg & 0x02) != 0 || (bd & 0x8f) != 0) {
            throw corrupt("lz4 frame at byte " + p + " has version " + (flg >>> 6) + " or reserved bits set");
        }
        if ((flg & 0x01) != 0 || (flg & 0x20) == 0) {
            throw corrupt("lz4 frame at byte " + p + " uses a dictionary or dependent blocks; Kafka producers"
                    + " write independent blocks without one");
        }
        boolean blockChecksum = (flg & 0x10) != 0;
        boolean contentChecksum = (flg & 0x04) != 0;
        int descriptor = 2 + ((flg & 0x08) != 0 ? 8 : 0);
        int maxBlock = 1 << (8 + 2 * ((bd >>> 4) & 0x07));
        if (maxBlock < 64 * 1024) {
            throw corrupt("lz4 frame at byte " + p + " has an undefined block maximum size code " + ((bd >>> 4) & 0x07));
        }
        need(p + 4, descriptor + 1, length, "a frame descriptor");
        int headerChecksum = (XXHASH.hash(in, p + 4, descriptor, 0) >> 8) & 0xff;
        if (headerChecksum != (in[p + 4 + descriptor] & 0xff)) {
            throw corrupt("lz4 frame at byte " + p + " has a bad header checksum");
        }
        p += 4 + descriptor + 1;
        int contentStart = out.length();
        for (;;) {
            need(p, 4, length, "a block size");
            int word = readIntLE(in, p);
            p += 4;
            if (word == 0) {
                break; // end mark
            }
            int size = word & 0x7fffffff;
            if (size > maxBlock) {
                throw corrupt("lz4 block at byte " + (p - 4) + " has " + size + " bytes, more than the frame's "
                        + maxBlock + "-byte blocks");
            }
            need(p, size + (blockChecksum ? 4 : 0), length, "a block");
            if (blockChecksum && XXHASH.hash(in, p, size, 0) != readIntLE(in, p + size)) {
                throw corrupt("lz4 block at byte " + (p - 4) + " has a bad checksum");
            }
            if (word < 0) { // bit 31: stored as is
                out.reserve(size);
                System.arraycopy(in, p, out.array(), out.length(), size);
                out.advance(size);
            } else {
                int room = out.reserveUpTo(maxBlock);
                try {
                    out.advance(DECOMPRESSOR.decompress(in, p, size, out.array(), out.length(), room));
                } catch (LZ4Exception e) {
                    throw corrupt("lz4 block at byte " + (p - 4) + " does not decode"
                            + (room < maxBlock ? " into the " + room + " bytes left under the reader's limit (it is"
                                    + " corrupt, or decompresses to more than " + out.maxBytes() + " bytes)" : "")
                            + ": " + e.getMessage());
                }
            }
            p += size + (blockChecksum ? 4 : 0);
        }
        if (contentChecksum) {
            need(p, 4, length, "a content checksum");
            if (XXHASH.hash(out.array(), contentStart, out.length() - contentStart, 0) != readIntLE(in, p)) {
                throw corrupt("lz4 frame content checksum does not match its decompressed bytes");
            }
            p += 4;
        }
        return p;
    }

    private static void need(int p, int n, int length, String what) {
        if (n < 0 || p > length - n) {
            throw corrupt("lz4 records end inside " + what + " at byte " + p);
        }
    }

    private static int readIntLE(byte[] in, int p) {
        return (in[p] & 0xff) | (in[p + 1] & 0xff) << 8 | (in[p + 2] & 0xff) << 16 | (in[p + 3] & 0xff) << 24;
    }

    private static CorruptBatchException corrupt(String message) {
        return new CorruptBatchException(message);
    }
}
