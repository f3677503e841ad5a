package io.rivulet.storage.batch;

import io.rivulet.storage.CorruptBatchException;
import java.io.IOException;
import org.xerial.snappy.Snappy;

/**
 * Decodes the snappy framing Kafka's producer writes (snappy-java's stream format), using only the
 * library's raw block decoder, so every length is checked here against the bytes actually present
 * and the output limit before anything is allocated.
 *
 * <pre>
 * offset size field
 * ------ ---- -------------------------------------------------------------
 *      0    8 magic: 0x82 'S' 'N' 'A' 'P' 'P' 'Y' 0x00
 *      8    4 version (1), big-endian
 *     12    4 oldest compatible version (1), big-endian
 *     16      chunks, each: int32 big-endian length n, then n bytes of one raw snappy block
 * </pre>
 *
 * A second header may follow a chunk (two streams written one after the other); it is skipped.
 * Stateless.
 */
final class SnappyStream {
    private static final byte[] MAGIC = {(byte) 0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0};
    static final int HEADER_SIZE = 16;

    private SnappyStream() {
    }

    /** Decompresses {@code [0, length)} of {@code in} into {@code out}. */
    static void decode(byte[] in, int length, DecompressionBuffer out) throws IOException {
        if (!isHeaderAt(in, 0, length)) {
            throw new CorruptBatchException("snappy records do not start with the snappy stream header");
        }
        int p = HEADER_SIZE;
        while (p < length) {
            if (isHeaderAt(in, p, length)) {
                p += HEADER_SIZE;
                continue;
            }
            if (length - p < 4) {
                throw new CorruptBatchException("snappy records end inside a chunk length at byte " + p);
            }
            int chunk = readInt(in, p);
            p += 4;
            if (chunk < 0 || chunk > length - p) {
                throw new CorruptBatchException("snappy chunk at byte " + (p - 4) + " declares " + chunk
                        + " bytes but " + (length - p) + " remain");
            }
            int decoded = Snappy.uncompressedLength(in, p, chunk);
            if (decoded < 0) {
                throw new CorruptBatchException("snappy chunk at byte " + (p - 4) + " declares a negative length");
            }
            out.reserve(decoded);
            int written = Snappy.uncompress(in, p, chunk, out.array(), out.length());
            if (written != decoded) {
                throw new CorruptBatchException("snappy chunk at byte " + (p - 4) + " decoded to " + written
                        + " bytes but declares " + decoded);
            }
            out.advance(written);
            p += chunk;
        }
    }

    private static boolean isHeaderAt(byte[] in, int p, int length) {
        if (length - p < HEADER_SIZE) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (in[p + i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static int readInt(byte[] in, int p) {
        return (in[p] & 0xff) << 24 | (in[p + 1] & 0xff) << 16 | (in[p + 2] & 0xff) << 8 | (in[p + 3] & 0xff);
    }
}
