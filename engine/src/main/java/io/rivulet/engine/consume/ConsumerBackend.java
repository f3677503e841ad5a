package io.rivulet.engine.consume;

import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.TopicPartition;
import io.rivulet.engine.group.GroupCoordinator;
import reactor.core.scheduler.Scheduler;

/**
 * What a {@link GroupConsumer} needs from whatever serves it: a group coordinator and partition readers. The
 * embedded engine serves them from this process; the network client from a node.
 */
public interface ConsumerBackend {
    /** The coordinator of every group this consumer may join. */
    GroupCoordinator coordinator();

    /** Where group members run their heartbeats and commits. */
    Scheduler groupScheduler();

    /** Where the consumer runs, as group descriptions show it (e.g. {@code embedded}, a host name). */
    String host();

    /**
     * A reader of {@code tp}; fails (in its streams) with {@link io.rivulet.api.errors.UnknownTopicException}
     * for a topic that does not exist and is not created on first use.
     */
    <K, V> PartitionReader<K, V> reader(TopicPartition tp, ConsumerOptions<K, V> options);

    /** Called once when the consumer has closed, so the backend stops tracking it. */
    void closed(AutoCloseable consumer);
}
