package io.rivulet.engine.produce;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where records without a key go: to one partition until about a batch worth of bytes has gone there,
 * then to another chosen at random. Sticking fills batches (fewer, larger appends); moving on spreads
 * the load. The same idea as the Kafka client's built-in partitioner for null keys.
 */
final class StickyPartitioner {
    private final int batchSize;
    private final Map<String, Sticky> byTopic = new ConcurrentHashMap<>();

    StickyPartitioner(int batchSize) {
        this.batchSize = Math.max(1, batchSize);
    }

    int partition(String topic, int partitionCount, int recordBytes) {
        if (partitionCount == 1) {
            return 0;
        }
        Sticky s = byTopic.computeIfAbsent(topic, t -> new Sticky());
        synchronized (s) {
            if (s.partition < 0 || s.partition >= partitionCount || s.bytes >= batchSize) {
                s.partition = next(s.partition, partitionCount);
                s.bytes = 0;
            }
            s.bytes += recordBytes;
            return s.partition;
        }
    }

    private static int next(int current, int partitionCount) {
        int p = ThreadLocalRandom.current().nextInt(current < 0 ? partitionCount : partitionCount - 1);
        return current >= 0 && p >= current ? p + 1 : p;
    }

    private static final class Sticky {
        int partition = -1;
        long bytes;
    }
}
