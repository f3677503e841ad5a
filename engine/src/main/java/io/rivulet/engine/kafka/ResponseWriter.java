package io.rivulet.engine.kafka;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ObjectSerializationCache;

/**
 * Encodes a response: a 4-byte size, the response header at the version the API and request version call for,
 * then the body. Record sets become their own buffer components ({@link ByteBufWritable}).
 */
final class ResponseWriter {
    /** More components than a fetch of many partitions needs, so Netty never consolidates (copies) them. */
    private static final int MAX_COMPONENTS = 4096;

    private ResponseWriter() {
    }

    /** The frame answering {@code correlationId} with {@code body} at {@code version} of {@code api}. */
    static ByteBuf write(ByteBufAllocator alloc, ApiKeys api, short version, int correlationId, ApiMessage body) {
        short headerVersion = api.responseHeaderVersion(version);
        ResponseHeaderData header = new ResponseHeaderData().setCorrelationId(correlationId);
        // one cache for sizing and writing: the write reuses the string encodings the sizing made
        ObjectSerializationCache cache = new ObjectSerializationCache();
        int size = header.size(cache, headerVersion) + body.size(cache, version);
        CompositeByteBuf out = alloc.compositeBuffer(MAX_COMPONENTS);
        ByteBuf first = alloc.buffer(Math.min(size, 64 * 1024) + Integer.BYTES);
        try {
            first.writeInt(size);
            ByteBufWritable writable = new ByteBufWritable(out, first);
            header.write(writable, cache, headerVersion);
            body.write(writable, cache, version);
            return writable.finish();
        } catch (RuntimeException e) {
            if (first.refCnt() > 0 && out.numComponents() == 0) {
                first.release();
            }
            out.release();
            throw e;
        }
    }
}
