package io.rivulet.engine.net.server;

import io.rivulet.api.TopicPartition;
import reactor.core.scheduler.Scheduler;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs appends off the event loop while keeping each partition's produce requests in the order they
 * arrived: every partition's appends go to one worker of the append scheduler, whose tasks run one at a time
 * in submission order. Partitions append in parallel. Keyed by name, not by the open partition, so
 * that the first request to a topic that is still being created cannot be overtaken. Thread-safe.
 */
final class OrderedAppends implements AutoCloseable {
    private final Scheduler scheduler;
    private final Map<TopicPartition, Scheduler.Worker> workers = new ConcurrentHashMap<>();

    OrderedAppends(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Queues {@code task} behind the earlier appends to {@code partition}. */
    void submit(TopicPartition partition, Runnable task) {
        workers.computeIfAbsent(partition, p -> scheduler.createWorker()).schedule(task);
    }

    @Override
    public void close() {
        workers.values().forEach(Scheduler.Worker::dispose);
        workers.clear();
    }
}
