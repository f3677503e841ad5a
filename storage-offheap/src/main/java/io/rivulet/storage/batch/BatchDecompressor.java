package io.rivulet.storage.batch;

import com.github.luben.zstd.RecyclingBufferPool;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import io.rivulet.storage.CorruptBatchException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * Decompresses the records section (byte 61 to the end) of a compressed batch into a reused
 * {@link DecompressionBuffer}, for {@link RecordIterator} to parse as if the batch were
 * uncompressed. Only readers use it: the append path checks a compressed batch's frame and header
 * and never decompresses it (see {@link BatchValidator#validate}).
 *
 * <p>Any failure of a codec (a damaged stream, a truncated one, one that decompresses past the
 * limit) becomes a {@link CorruptBatchException} naming the batch and the codec; the stream
 * objects are per batch and closed before returning, so native codec memory never outlives the
 * call. Snappy and lz4 are decoded block by block straight into the buffer ({@link SnappyStream},
 * {@link Lz4Frame}) from a heap copy of the payload; gzip and zstd stream from the payload where it
 * lies. zstd's own memory is bounded by zstd-jni's default window limit of 2^27 bytes, and its
 * stream buffers come from zstd-jni's recycling pool rather than being allocated per batch.
 *
 * <p>Not thread-safe: one per reader.
 */
final class BatchDecompressor {
    /** The smallest record: length, attributes, timestamp delta, offset delta, key and value lengths, header count. */
    static final int MIN_RECORD_BYTES = 7;

    private final DecompressionBuffer out;
    private byte[] compressed = new byte[0]; // the snappy and lz4 block decoders take their input on the heap

    BatchDecompressor(int maxDecompressedBytes) {
        this.out = new DecompressionBuffer(maxDecompressedBytes);
    }

    /**
     * Decompresses the records of {@code batch}, compressed with {@code codec}, and returns the
     * memory holding them at {@code [0, length())}; valid until the next call.
     */
    BytesStore<?, byte[]> decompress(RecordBatch batch, CompressionCodec codec) {
        long from = batch.position() + RecordBatch.RECORDS;
        long to = batch.position() + batch.sizeInBytes();
        int compressedBytes = (int) (to - from);
        out.clear((int) Math.min(4L * compressedBytes, Integer.MAX_VALUE));
        try {
            switch (codec) {
                case GZIP -> drain(new GZIPInputStream(new BytesStoreInputStream(batch.store(), from, to), 8192));
                case LZ4 -> Lz4Frame.decode(heapCopy(batch.store(), from, compressedBytes), compressedBytes, out);
                case ZSTD -> drain(new ZstdInputStreamNoFinalizer(new BytesStoreInputStream(batch.store(), from, to),
                        RecyclingBufferPool.INSTANCE));
                case SNAPPY -> SnappyStream.decode(heapCopy(batch.store(), from, compressedBytes), compressedBytes, out);
                case NONE -> throw new IllegalArgumentException("batch at offset " + batch.baseOffset()
                        + " is not compressed");
            }
        } catch (CorruptBatchException e) {
            throw corrupt(batch, codec, e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            // the codec libraries signal bad input with IOExceptions and runtime exceptions of their own
            throw corrupt(batch, codec, e.toString(), e);
        }
        long minimum = (long) batch.recordCount() * MIN_RECORD_BYTES;
        if (out.length() < minimum) {
            throw corrupt(batch, codec, "decompressed to " + out.length() + " bytes, too few for "
                    + batch.recordCount() + " records", null);
        }
        return out.store();
    }

    /** Bytes of records the last {@link #decompress} produced. */
    int length() {
        return out.length();
    }

    private void drain(InputStream codecStream) throws IOException {
        try (InputStream in = codecStream) {
            out.readFully(in);
        }
    }

    private byte[] heapCopy(BytesStore<?, ?> store, long from, int n) {
        if (compressed.length < n || compressed.length > DecompressionBuffer.RETAINED_BYTES) {
            compressed = new byte[n];
        }
        store.read(from, compressed, 0, n);
        return compressed;
    }

    private static CorruptBatchException corrupt(RecordBatch batch, CompressionCodec codec, String why, Throwable cause) {
        return new CorruptBatchException("batch at offset " + batch.baseOffset() + " (" + codec.label()
                + "-compressed, " + batch.recordCount() + " records): " + why, cause);
    }
}
