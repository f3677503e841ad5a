package io.rivulet.storage.batch;

import io.rivulet.storage.UnsupportedCompressionException;

/**
 * The compression codec of a record batch: bits 0-2 of its attributes, with Kafka's ids. The
 * records section (bytes 61 to the end) of a batch with a codec other than {@link #NONE} is one
 * compressed stream of the records, in the framing Kafka's producer writes for that codec:
 *
 * <pre>
 * id name    framing of the records section
 * -- ------- -------------------------------------------------------------------------
 *  0 none    the records themselves
 *  1 gzip    a gzip stream (RFC 1952)
 *  2 snappy  snappy-java's stream: 16-byte header, then chunks of [int32 length, block]
 *  3 lz4     an LZ4 frame (magic 0x184D2204, correct header checksum as of magic 2)
 *  4 zstd    a zstd frame
 * 5-7        not defined: rejected with {@link UnsupportedCompressionException}
 * </pre>
 */
public enum CompressionCodec {
    NONE(0, "none"),
    GZIP(1, "gzip"),
    SNAPPY(2, "snappy"),
    LZ4(3, "lz4"),
    ZSTD(4, "zstd");

    private static final CompressionCodec[] BY_ID = values();
    private static final String SUPPORTED = "0 (none), 1 (gzip), 2 (snappy), 3 (lz4) and 4 (zstd)";

    private final int id;
    private final String label;

    CompressionCodec(int id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The id in the batch attributes. */
    public int id() {
        return id;
    }

    /** Kafka's name for it, as in the producer's {@code compression.type}. */
    public String label() {
        return label;
    }

    /**
     * The codec with attribute id {@code id} (0 to 7, the batch attributes' bits 0-2).
     *
     * @throws UnsupportedCompressionException for ids 5 to 7, naming the supported ones
     */
    public static CompressionCodec of(int id) {
        if (id >= 0 && id < BY_ID.length) {
            return BY_ID[id];
        }
        throw new UnsupportedCompressionException(id, SUPPORTED);
    }
}
