package io.rivulet.engine.kafka;

import io.rivulet.engine.lifecycle.Engine;
import io.rivulet.engine.partition.Partition;
import io.rivulet.engine.topic.Topic;
import io.rivulet.storage.batch.BatchRecord;
import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.batch.RecordIterator;
import io.rivulet.storage.log.LogSlice;
import java.util.Iterator;
import java.util.OptionalLong;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsPartition;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsTopic;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.message.ListOffsetsResponseData.ListOffsetsPartitionResponse;
import org.apache.kafka.common.message.ListOffsetsResponseData.ListOffsetsTopicResponse;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import reactor.core.publisher.Mono;

/**
 * ListOffsets: the earliest offset (-2, and -4 / -5, which have no tiered storage to differ by here), the
 * latest (-1: the high watermark, the end a consumer can read), or the first offset whose record is at or after
 * a timestamp, found through the log's time index. The newest-timestamp query (-3) is not served.
 */
final class ListOffsetsHandler implements ApiHandler {
    static final long LATEST = -1;
    static final long EARLIEST = -2;
    static final long MAX_TIMESTAMP = -3;
    static final long EARLIEST_LOCAL = -4;
    static final long EARLIEST_PENDING_UPLOAD = -5;
    static final long LATEST_TIERED = -6;

    private final Engine engine;

    ListOffsetsHandler(Engine engine) {
        this.engine = engine;
    }

    @Override
    public Mono<ApiMessage> handle(KafkaRequest request) {
        ListOffsetsRequestData in = (ListOffsetsRequestData) request.body();
        short v = request.version();
        return Mono.fromCallable(() -> {
            ListOffsetsResponseData out = new ListOffsetsResponseData();
            for (ListOffsetsTopic t : in.topics()) {
                ListOffsetsTopicResponse topic = new ListOffsetsTopicResponse().setName(t.name());
                for (ListOffsetsPartition p : t.partitions()) {
                    topic.partitions().add(answer(t.name(), p, v));
                }
                out.topics().add(topic);
            }
            return (ApiMessage) out;
        }).subscribeOn(engine.fetchScheduler());
    }

    private ListOffsetsPartitionResponse answer(String name, ListOffsetsPartition p, short v) {
        ListOffsetsPartitionResponse out = new ListOffsetsPartitionResponse()
                .setPartitionIndex(p.partitionIndex()).setTimestamp(-1).setOffset(-1);
        Topic topic = engine.topics().find(name);
        if (topic == null || p.partitionIndex() < 0 || p.partitionIndex() >= topic.partitionCount()) {
            return out.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
        }
        Partition partition = topic.hosted(p.partitionIndex()).orElse(null);
        if (partition == null || !partition.isLeader()) { // a follower, or no replica on this node
            return out.setErrorCode(Errors.NOT_LEADER_OR_FOLLOWER.code());
        }
        if (v >= 4) {
            out.setLeaderEpoch(Math.max(0, partition.leaderEpoch()));
        }
        long ts = p.timestamp();
        try {
            if (ts == LATEST || ts == LATEST_TIERED) {
                return out.setOffset(partition.highWatermark());
            }
            if (ts == EARLIEST || ts == EARLIEST_LOCAL || ts == EARLIEST_PENDING_UPLOAD) {
                return out.setOffset(partition.logStartOffset());
            }
            if (ts < 0) {
                return out.setErrorCode(Errors.UNSUPPORTED_VERSION.code());
            }
            OptionalLong found = partition.offsetForTimestamp(ts);
            if (found.isEmpty()) {
                return out; // no record that new: offset -1, as Kafka answers
            }
            return out.setOffset(found.getAsLong()).setTimestamp(timestampAt(partition, found.getAsLong(), ts));
        } catch (RuntimeException e) {
            return out.setErrorCode(KafkaErrors.answer("list offsets of " + partition.id(), e).code());
        }
    }

    /** The timestamp of the record at {@code offset}; {@code fallback} if it cannot be read in place. */
    private static long timestampAt(Partition partition, long offset, long fallback) {
        try (LogSlice slice = partition.read(offset, 1)) {
            for (Iterator<RecordBatch> it = slice.batches(); it.hasNext(); ) {
                RecordBatch b = it.next();
                if (b.compression() != 0) {
                    return fallback;
                }
                RecordIterator records = b.records();
                while (records.hasNext()) {
                    BatchRecord r = records.next();
                    if (r.offset() == offset) {
                        return r.timestamp();
                    }
                }
            }
        }
        return fallback;
    }
}
