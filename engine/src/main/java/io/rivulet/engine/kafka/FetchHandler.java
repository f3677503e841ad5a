package io.rivulet.engine.kafka;

import io.netty.buffer.PooledByteBufAllocator;
import io.rivulet.engine.lifecycle.Engine;
import io.rivulet.engine.net.SliceBuffers;
import io.rivulet.engine.partition.Partition;
import io.rivulet.engine.topic.Topic;
import io.rivulet.storage.log.LogSlice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchRequestData.FetchPartition;
import org.apache.kafka.common.message.FetchRequestData.FetchTopic;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.FetchResponseData.FetchableTopicResponse;
import org.apache.kafka.common.message.FetchResponseData.PartitionData;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import reactor.core.publisher.Mono;

/**
 * Fetch: whole stored batches from each partition's fetch offset, below the high watermark, as stored — never
 * re-encoded, copied once from the mapping into a pooled direct buffer that goes to the socket as it is
 * ({@link SliceRecords}). A fetch that finds fewer than {@code min.bytes} parks on the partitions' append signals until
 * data arrives or {@code max.wait.ms} passes (no polling, no thread held). Every response is a full fetch with
 * session id 0, which tells clients to send full fetches; incremental fetch sessions are not implemented.
 */
final class FetchHandler implements ApiHandler {
    private final Engine engine;
    private final KafkaMetadata metadata;

    FetchHandler(Engine engine, KafkaMetadata metadata) {
        this.engine = engine;
        this.metadata = metadata;
    }

    /** One partition's read: where it stands and what was read (or why nothing was). */
    private record Read(String topic, Uuid topicId, int partition, Partition source, Errors error, long highWatermark,
                        long logStartOffset, SliceRecords records) {
        int bytes() {
            return records == null ? 0 : records.sizeInBytes();
        }

        void release() {
            if (records != null) {
                records.release();
            }
        }
    }

    @Override
    public Mono<ApiMessage> handle(KafkaRequest request) {
        FetchRequestData in = (FetchRequestData) request.body();
        short v = request.version();
        long deadline = System.nanoTime() + Duration.ofMillis(Math.max(0, in.maxWaitMs())).toNanos();
        return attempt(in, v, deadline).map(reads -> answer(reads, v));
    }

    private Mono<List<Read>> attempt(FetchRequestData in, short v, long deadline) {
        return Mono.fromCallable(() -> readAll(in, v)).subscribeOn(engine.fetchScheduler()).flatMap(reads -> {
            long left = deadline - System.nanoTime();
            if (left <= 0 || enough(reads, in.minBytes())) {
                return Mono.just(reads);
            }
            reads.forEach(Read::release); // read again, whole, once more data is there
            return Mono.firstWithSignal(dataArrives(reads), Mono.delay(Duration.ofNanos(left)).then())
                    .then(Mono.defer(() -> attempt(in, v, deadline)));
        });
    }

    private static boolean enough(List<Read> reads, int minBytes) {
        int bytes = 0;
        for (Read r : reads) {
            if (r.error() != Errors.NONE) {
                return true; // errors go back at once, as Kafka does
            }
            bytes += r.bytes();
        }
        return bytes > 0 && bytes >= minBytes;
    }

    /** Completes when any of the partitions has records past what was read. */
    private static Mono<Void> dataArrives(List<Read> reads) {
        return Mono.create(sink -> {
            List<Runnable> cancels = new ArrayList<>(reads.size());
            for (Read r : reads) {
                if (r.source() != null) {
                    cancels.add(r.source().awaitData(r.highWatermark(), sink::success));
                }
            }
            sink.onDispose(() -> cancels.forEach(Runnable::run));
        });
    }

    private List<Read> readAll(FetchRequestData in, short v) {
        List<Read> reads = new ArrayList<>();
        long budget = v >= 3 ? in.maxBytes() : Integer.MAX_VALUE;
        for (FetchTopic t : in.topics()) {
            String name = v >= 13 ? metadata.topicName(MetadataHandler.fromKafka(t.topicId())).orElse(null) : t.topic();
            for (FetchPartition p : t.partitions()) {
                Read r = read(name, t.topicId(), p, budget);
                budget -= r.bytes();
                reads.add(r);
            }
        }
        return reads;
    }

    private Read read(String name, Uuid id, FetchPartition p, long budget) {
        if (name == null) {
            return failed(null, id, p, Errors.UNKNOWN_TOPIC_ID);
        }
        Topic topic = engine.topics().find(name);
        if (topic == null || p.partition() < 0 || p.partition() >= topic.partitionCount()) {
            return failed(name, id, p, Errors.UNKNOWN_TOPIC_OR_PARTITION);
        }
        Partition partition = topic.hosted(p.partition()).orElse(null);
        if (partition == null || !partition.isLeader()) { // a follower, or no replica on this node
            return failed(name, id, p, Errors.NOT_LEADER_OR_FOLLOWER);
        }
        int epoch = partition.leaderEpoch();
        if (epoch >= 0 && p.currentLeaderEpoch() >= 0 && p.currentLeaderEpoch() != epoch) {
            return failed(name, id, p, p.currentLeaderEpoch() < epoch ? Errors.FENCED_LEADER_EPOCH : Errors.UNKNOWN_LEADER_EPOCH);
        }
        long hw = partition.highWatermark();
        long start = partition.logStartOffset();
        long offset = p.fetchOffset();
        if (offset < start || offset > partition.logEndOffset()) {
            return new Read(name, id, p.partition(), partition, Errors.OFFSET_OUT_OF_RANGE, hw, start, null);
        }
        if (offset >= hw || budget <= 0) {
            return new Read(name, id, p.partition(), partition, Errors.NONE, hw, start, null);
        }
        try {
            return new Read(name, id, p.partition(), partition, Errors.NONE, hw, start,
                    records(partition.read(offset, (int) Math.min(p.partitionMaxBytes(), budget))));
        } catch (RuntimeException e) {
            return new Read(name, id, p.partition(), partition, KafkaErrors.answer("fetch from " + partition.id(), e),
                    hw, start, null);
        }
    }

    /** The slice's batches (below the high watermark) as the log's memory or one copy, or null when it holds none. */
    private static SliceRecords records(LogSlice slice) {
        if (slice.isEmpty()) {
            slice.close();
            return null;
        }
        return new SliceRecords(SliceBuffers.of(slice, slice.position(), slice.sizeInBytes(),
                PooledByteBufAllocator.DEFAULT));
    }

    private static Read failed(String name, Uuid id, FetchPartition p, Errors error) {
        return new Read(name, id, p.partition(), null, error, -1, -1, null);
    }

    private static FetchResponseData answer(List<Read> reads, short v) {
        FetchResponseData out = new FetchResponseData();
        Map<String, FetchableTopicResponse> topics = new LinkedHashMap<>();
        for (Read r : reads) {
            FetchableTopicResponse topic = topics.computeIfAbsent(r.topic() + "/" + r.topicId(), k -> {
                FetchableTopicResponse added = v >= 13
                        ? new FetchableTopicResponse().setTopicId(r.topicId())
                        : new FetchableTopicResponse().setTopic(r.topic());
                out.responses().add(added);
                return added;
            });
            topic.partitions().add(new PartitionData()
                    .setPartitionIndex(r.partition())
                    .setErrorCode(r.error().code())
                    .setHighWatermark(r.highWatermark())
                    .setLastStableOffset(r.highWatermark())
                    .setLogStartOffset(r.logStartOffset())
                    .setRecords(r.records() == null ? MemoryRecords.EMPTY : r.records()));
        }
        return out;
    }
}
