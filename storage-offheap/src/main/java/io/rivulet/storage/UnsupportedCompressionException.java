package io.rivulet.storage;

/**
 * A record batch whose attributes name a compression codec this log does not know (ids 5 to 7;
 * Kafka defines 0 none, 1 gzip, 2 snappy, 3 lz4 and 4 zstd). A {@link CorruptBatchException}, so
 * callers that map corrupt batches to an error code need no new case.
 */
public final class UnsupportedCompressionException extends CorruptBatchException {
    private final int codec;

    public UnsupportedCompressionException(int codec, String supported) {
        super("record batch uses compression codec id " + codec + ", which is not supported; supported are "
                + supported + ": configure the producer's compression.type to one of them");
        this.codec = codec;
    }

    /** The codec id found in the batch attributes (bits 0-2). */
    public int codec() {
        return codec;
    }
}
