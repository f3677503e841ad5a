package io.rivulet.engine.produce;

import io.rivulet.api.Partitioner;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.RivuletClosedException;
import io.rivulet.api.errors.RivuletException;
import io.rivulet.storage.batch.RecordHeader;
import reactor.core.scheduler.Scheduler;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * One producer's path into the logs: picks each record's partition (explicit, the user's partitioner,
 * murmur2 of the key, or sticky for null keys) and hands it to that partition's {@link PartitionBatcher}.
 * Partitions append in parallel; each partition's batches are appended in order.
 */
public final class RecordAccumulator implements AutoCloseable {
    /** Off-heap batch buffers a producer keeps for reuse across its partitions, about 16 MiB (at least 8). */
    static final int SPARE_BUFFER_BYTES = 16 << 20;

    private final TopicCatalog topics;
    private final int batchSize;
    private final long lingerNanos;
    private final Scheduler appendScheduler;
    private final Partitioner custom;
    private final StickyPartitioner sticky;
    private final Map<BatchTarget, PartitionBatcher> batchers = new ConcurrentHashMap<>();
    private final Semaphore spareBudget;
    private volatile boolean closed;

    public RecordAccumulator(TopicCatalog topics, int batchSize, Duration linger, Partitioner custom,
                             Scheduler appendScheduler) {
        this.topics = topics;
        this.batchSize = batchSize;
        this.lingerNanos = linger.toNanos();
        this.custom = custom;
        this.appendScheduler = appendScheduler;
        this.sticky = new StickyPartitioner(batchSize);
        this.spareBudget = new Semaphore(Math.max(8, SPARE_BUFFER_BYTES / Math.max(1, batchSize)));
    }

    /**
     * Chooses the partition of a record and queues it for its batch; {@code callback} hears the offset (or
     * the failure) once the batch is appended.
     *
     * @param partition the caller's explicit partition, or null to let the partitioners choose
     * @param key       the key object, passed to a user partitioner
     */
    public void append(String topicName, Integer partition, Object key, byte[] keyBytes, byte[] valueBytes,
                       long timestamp, List<RecordHeader> headers, AppendCallback callback) {
        if (closed) {
            throw new RivuletClosedException("the producer");
        }
        TopicCatalog.TopicLayout topic = topics.layout(topicName);
        if (topic == null) {
            // A remote client that has not learnt the topic yet: the record waits for its layout, in order.
            topics.await(topicName,
                    () -> appendOrFail(topicName, partition, key, keyBytes, valueBytes, timestamp, headers, callback),
                    error -> callback.failed(partition == null ? -1 : partition, error));
            return;
        }
        int p = choosePartition(topic, partition, key, keyBytes, valueBytes);
        batcher(topic.partitionTarget(p)).add(timestamp, keyBytes, valueBytes, headers, callback);
    }

    private void appendOrFail(String topicName, Integer partition, Object key, byte[] keyBytes, byte[] valueBytes,
                              long timestamp, List<RecordHeader> headers, AppendCallback callback) {
        try {
            append(topicName, partition, key, keyBytes, valueBytes, timestamp, headers, callback);
        } catch (Throwable t) {
            callback.failed(partition == null ? -1 : partition, t);
        }
    }

    private int choosePartition(TopicCatalog.TopicLayout topic, Integer explicit, Object key, byte[] keyBytes, byte[] valueBytes) {
        int count = topic.partitionCount();
        if (explicit != null) {
            return explicit;
        }
        if (custom != null) {
            int p = custom.partition(topic.name(), key, keyBytes, count);
            if (p != Partitioner.DEFAULT) {
                if (p < 0 || p >= count) {
                    throw new RivuletException(ErrorCode.UNKNOWN_PARTITION, "the partitioner chose partition " + p
                            + " of topic '" + topic.name() + "', which has partitions 0.." + (count - 1));
                }
                return p;
            }
        }
        if (keyBytes != null) {
            return Murmur2.partition(keyBytes, count);
        }
        int size = (valueBytes == null ? 0 : valueBytes.length);
        return sticky.partition(topic.name(), count, size);
    }

    private PartitionBatcher batcher(BatchTarget p) {
        PartitionBatcher b = batchers.get(p);
        if (b == null) {
            b = batchers.computeIfAbsent(p, k -> new PartitionBatcher(k, batchSize, lingerNanos, appendScheduler,
                    spareBudget));
        }
        return b;
    }

    /** Appends everything gathered and frees the batch buffers; later appends fail. */
    @Override
    public void close() {
        closed = true;
        batchers.values().forEach(PartitionBatcher::close);
        batchers.clear();
    }
}
