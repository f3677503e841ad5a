package io.rivulet.engine.net;

import io.netty.buffer.ByteBuf;
import io.rivulet.api.TopicPartition;

/**
 * Bodies of the produce-side requests.
 *
 * <pre>
 * TOPIC_METADATA     string topic                   → int32 partition count (the topic is created first when the
 *                                                     node auto-creates topics)
 * PRODUCE            partition, int8 acks, then one record batch in the storage format, unchanged
 *                                                   → int64 base offset (-1 with acks=0)
 * PARTITION_OFFSETS  partition                      → int64 log start offset, int64 high watermark
 * </pre>
 *
 * The batch is appended as it arrives: the server validates its length, magic and CRC, then stamps the
 * base offset, which the CRC does not cover.
 */
public final class ProduceCodec {
    private ProduceCodec() {
    }

    /** The head of a produce request; the batch is what is left of the payload after it. */
    public record ProduceHead(TopicPartition partition, int acks) {
    }

    public static void writeProduceHead(ByteBuf out, TopicPartition tp, int acks) {
        WireFormat.writePartition(out, tp);
        out.writeByte(acks);
    }

    public static ProduceHead readProduceHead(ByteBuf in) {
        TopicPartition tp = WireFormat.readPartition(in);
        return new ProduceHead(tp, (byte) WireFormat.readUnsignedByte(in));
    }
}
