package io.rivulet.engine.fetch;

import io.rivulet.api.ConsumerRecord;
import io.rivulet.api.PartitionFlux;
import io.rivulet.api.StartAt;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.serde.Serde;
import io.rivulet.engine.partition.Partition;
import reactor.core.CoreSubscriber;
import reactor.core.scheduler.Scheduler;

import java.util.function.Function;

/**
 * A partition read as a {@code Flux} of records, pulled by demand: each subscriber gets its own
 * {@link Cursor} that reads whole batches from the log only when records are requested, decodes them
 * lazily, and parks on the partition's append signal when it has caught up with the high watermark.
 * No thread is held per subscriber and nothing is buffered beyond one zero-copy slice of the log.
 */
public final class PartitionStream<K, V> extends PartitionFlux<K, V> {
    /** How much log one read maps into view; a slice is a window on the mapping, not a copy. */
    static final int SLICE_BYTES = 256 * 1024;

    private final Partition partition;
    private final StartAt start;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private final Function<TopicPartition, RecordHandles> handles;
    private final Scheduler scheduler;

    /**
     * @param handles makes the offset handles of one subscription (called once per subscriber)
     * @param scheduler where reading and decoding run; each subscriber uses one of its workers
     */
    public PartitionStream(Partition partition, StartAt start, Serde<K> keySerde, Serde<V> valueSerde,
                           Function<TopicPartition, RecordHandles> handles, Scheduler scheduler) {
        this.partition = partition;
        this.start = start;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.handles = handles;
        this.scheduler = scheduler;
    }

    @Override
    public TopicPartition topicPartition() {
        return partition.id();
    }

    @Override
    public void subscribe(CoreSubscriber<? super ConsumerRecord<K, V>> actual) {
        Cursor<K, V> cursor = new Cursor<>(actual, partition, start, keySerde, valueSerde,
                handles.apply(partition.id()), scheduler.createWorker());
        actual.onSubscribe(cursor);
    }
}
