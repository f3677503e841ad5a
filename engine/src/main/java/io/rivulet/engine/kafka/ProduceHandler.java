package io.rivulet.engine.kafka;

import io.netty.buffer.Unpooled;
import io.rivulet.api.TopicPartition;
import io.rivulet.engine.lifecycle.Engine;
import io.rivulet.engine.net.OffHeapCopy;
import io.rivulet.engine.partition.Partition;
import io.rivulet.engine.produce.BatchTarget;
import io.rivulet.engine.topic.Topic;
import io.rivulet.storage.batch.RecordBatch;
import java.nio.ByteBuffer;
import java.util.Iterator;
import net.openhft.chronicle.bytes.BytesStore;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceRequestData.PartitionProduceData;
import org.apache.kafka.common.message.ProduceRequestData.TopicProduceData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.message.ProduceResponseData.PartitionProduceResponse;
import org.apache.kafka.common.message.ProduceResponseData.TopicProduceResponse;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Produce: each partition's batch is appended as the client sent it — the log checks its length, CRC and
 * records, stamps the base offset and leader epoch in place, and never decompresses — through
 * {@link Partition#append(RecordBatch, int, BatchTarget.Outcome)}, so {@code acks}, {@code min.insync.replicas}
 * and the idempotent producer's duplicate and sequence checks are the engine's own. acks=0 gets no answer.
 */
final class ProduceHandler implements ApiHandler {
    private final Engine engine;
    private final KafkaMetadata metadata;

    ProduceHandler(Engine engine, KafkaMetadata metadata) {
        this.engine = engine;
        this.metadata = metadata;
    }

    /** One partition's outcome. */
    private record Result(String topic, org.apache.kafka.common.Uuid topicId, int partition, Errors error,
                          String message, long baseOffset, long logStartOffset) {
    }

    @Override
    public Mono<ApiMessage> handle(KafkaRequest request) {
        ProduceRequestData in = (ProduceRequestData) request.body();
        short v = request.version();
        int acks = in.acks();
        Flux<Result> results = Flux.fromIterable(in.topicData())
                .concatMap(t -> Flux.fromIterable(t.partitionData()).concatMap(p -> produce(in, t, p, v)));
        if (acks == 0) {
            return results.then(Mono.empty());
        }
        return results.collectList().map(list -> {
            ProduceResponseData out = new ProduceResponseData();
            java.util.Map<String, TopicProduceResponse> topics = new java.util.HashMap<>();
            for (Result r : list) {
                TopicProduceResponse topic = topics.computeIfAbsent(r.topic() + "/" + r.topicId(), k -> {
                    TopicProduceResponse added = v >= 13
                            ? new TopicProduceResponse().setTopicId(r.topicId())
                            : new TopicProduceResponse().setName(r.topic());
                    out.responses().add(added);
                    return added;
                });
                PartitionProduceResponse p = new PartitionProduceResponse()
                        .setIndex(r.partition())
                        .setErrorCode(r.error().code())
                        .setBaseOffset(r.baseOffset())
                        .setLogStartOffset(r.logStartOffset());
                if (v >= 8 && r.error() != Errors.NONE) {
                    p.setErrorMessage(r.message());
                }
                topic.partitionResponses().add(p);
            }
            return out;
        });
    }

    private Mono<Result> produce(ProduceRequestData in, TopicProduceData t, PartitionProduceData p, short v) {
        String name = v >= 13 ? metadata.topicName(MetadataHandler.fromKafka(t.topicId())).orElse(null) : t.name();
        Result refused = check(in, name, t, p, v);
        if (refused != null) {
            return Mono.just(refused);
        }
        Partition partition = engine.topics().find(name).hosted(p.index()).orElse(null);
        if (partition == null) {
            return Mono.just(result(t, name, p, Errors.NOT_LEADER_OR_FOLLOWER, name + "-" + p.index()
                    + " has no replica on this node", -1, -1));
        }
        MemoryRecords records = (MemoryRecords) p.records();
        ByteBuffer bytes = records.buffer();
        return Mono.<Long>create(sink -> {
            try {
                // a view of the request frame, valid on this thread until the next view: the log copies the batch
                BytesStore<?, ?> view = OffHeapCopy.view(Unpooled.wrappedBuffer(bytes));
                partition.append(new RecordBatch().wrap(view, view.start()), in.acks(),
                        BatchTarget.Outcome.of(sink::success, sink::error));
            } catch (Throwable e) {
                sink.error(e);
            }
        }).subscribeOn(engine.appendScheduler())
                .map(base -> result(t, name, p, Errors.NONE, null, base, partition.logStartOffset()))
                .onErrorResume(e -> Mono.just(result(t, name, p,
                        KafkaErrors.answer("produce to " + name + "-" + p.index(), e), e.getMessage(), -1, -1)));
    }

    /** Why this partition's data cannot be appended, or null if it can. */
    private Result check(ProduceRequestData in, String name, TopicProduceData t, PartitionProduceData p, short v) {
        if (name == null) {
            return result(t, null, p, Errors.UNKNOWN_TOPIC_ID, "no topic has id " + t.topicId(), -1, -1);
        }
        Topic topic = engine.topics().find(name);
        if (topic == null || p.index() < 0 || p.index() >= topic.partitionCount()) {
            return result(t, name, p, Errors.UNKNOWN_TOPIC_OR_PARTITION,
                    topic == null ? "no topic " + name : name + " has partitions 0.." + (topic.partitionCount() - 1), -1, -1);
        }
        if (in.transactionalId() != null) {
            return result(t, name, p, Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
                    "transactions are not supported; produce without transactional.id", -1, -1);
        }
        if (!(p.records() instanceof MemoryRecords records) || records.sizeInBytes() == 0) {
            return result(t, name, p, Errors.INVALID_RECORD, "a produce request needs one record batch per partition", -1, -1);
        }
        Iterator<MutableRecordBatch> batches = records.batches().iterator();
        MutableRecordBatch first = batches.hasNext() ? batches.next() : null;
        if (first == null || batches.hasNext() || first.sizeInBytes() != records.sizeInBytes()) {
            return result(t, name, p, Errors.INVALID_RECORD, "a produce request needs exactly one whole record batch"
                    + " per partition", -1, -1);
        }
        if (first.magic() != RecordBatch.MAGIC_V2) {
            return result(t, name, p, Errors.UNSUPPORTED_FOR_MESSAGE_FORMAT, "record batches need magic 2 (Kafka 0.11+),"
                    + " not " + first.magic(), -1, -1);
        }
        if (first.isTransactional() || first.isControlBatch()) {
            return result(t, name, p, Errors.INVALID_RECORD, "transactional and control batches are not supported", -1, -1);
        }
        return null;
    }

    private static Result result(TopicProduceData t, String name, PartitionProduceData p, Errors error, String message,
                                 long base, long logStart) {
        return new Result(name == null ? "" : name, t.topicId(), p.index(), error, message, base, logStart);
    }

}
