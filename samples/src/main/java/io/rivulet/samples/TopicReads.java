package io.rivulet.samples;

import io.rivulet.api.Consumer;
import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.ConsumerRecord;
import io.rivulet.api.PartitionDescription;
import io.rivulet.api.Rivulet;
import io.rivulet.api.StartAt;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.serde.Serdes;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bounded reads of a whole topic, the way batch jobs and restores read a log: from each partition's
 * first retained record up to an end offset, then complete (a plain {@link Consumer#read} tails
 * forever). Without a group, so nothing is committed. Nothing blocks; the reader's consumer is
 * closed when the read ends (closing may block briefly, so subscribe off Netty's event loops).
 */
public final class TopicReads {
    private TopicReads() {
    }

    /** Each partition's end offset (the high watermark) when subscribed. */
    public static Mono<Map<Integer, Long>> endOffsets(Rivulet rivulet, String topic) {
        return rivulet.admin().describeTopic(topic).map(d -> {
            Map<Integer, Long> ends = new LinkedHashMap<>();
            for (PartitionDescription p : d.partitions()) {
                ends.put(p.partition(), p.endOffset());
            }
            return ends;
        });
    }

    /** Every record of {@code topic} below the end offsets it has when subscribed, partition by partition. */
    public static Flux<ConsumerRecord<String, String>> upToEnd(Rivulet rivulet, String topic) {
        return endOffsets(rivulet, topic).flatMapMany(ends -> upTo(rivulet, topic, ends));
    }

    /**
     * Every record of {@code topic} below {@code ends} (partition → end offset, exclusive), partition by
     * partition, each in offset order; partitions not in {@code ends} are not read.
     */
    public static Flux<ConsumerRecord<String, String>> upTo(Rivulet rivulet, String topic, Map<Integer, Long> ends) {
        return rivulet.admin().describeTopic(topic).flatMapMany(description -> Flux.using(
                () -> rivulet.consumer(ConsumerOptions.builder(Serdes.string(), Serdes.string()).build()),
                consumer -> Flux.fromIterable(ends.entrySet()).concatMap(e -> {
                    long start = description.partitions().get(e.getKey()).logStartOffset();
                    long end = e.getValue();
                    if (end <= start) {
                        return Flux.empty();
                    }
                    return consumer.read(new TopicPartition(topic, e.getKey()), StartAt.earliest())
                            .takeUntil(r -> r.offset() >= end - 1);
                }),
                Consumer::close));
    }
}
