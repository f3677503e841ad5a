package io.rivulet.api;

import java.util.List;

/**
 * The consumer's settings, declared once with their Kafka-style names, defaults and documentation.
 * {@link ConsumerOptions#fromProperties} reads exactly these keys.
 */
public final class ConsumerConfig {
    /** Default of {@code session.timeout.ms}. */
    public static final long DEFAULT_SESSION_TIMEOUT_MS = 10_000;
    /** Default of {@code heartbeat.interval.ms}. */
    public static final long DEFAULT_HEARTBEAT_INTERVAL_MS = 3_000;
    /** Default of {@code max.poll.records}. */
    public static final int DEFAULT_MAX_POLL_RECORDS = 500;
    /** Default of {@code max.ack.ahead}. */
    public static final int DEFAULT_MAX_ACK_AHEAD = 10_000;
    /** Default of {@code auto.commit.interval.ms}. */
    public static final long DEFAULT_AUTO_COMMIT_INTERVAL_MS = 5_000;

    /** {@code group.id}: the consumer group this consumer joins. */
    public static final ConfigKey GROUP_ID = new ConfigKey("group.id", null,
            "The consumer group to join; required by receive() and receivePartitions(), unused by read().");
    /** {@code topics}: the topics the group consumes, comma-separated. */
    public static final ConfigKey TOPICS = new ConfigKey("topics", null,
            "The topics to consume with the group, comma-separated; required by receive() and receivePartitions().");
    /** {@code auto.offset.reset}: where to start without a usable committed offset. */
    public static final ConfigKey AUTO_OFFSET_RESET = new ConfigKey("auto.offset.reset", OffsetReset.LATEST.configValue(),
            "Where to start a partition with no committed offset, or whose committed offset is no longer in the "
                    + "log: earliest, latest, or none (fail the stream).");
    /** {@code session.timeout.ms}: how long a silent member stays in the group. */
    public static final ConfigKey SESSION_TIMEOUT_MS = new ConfigKey("session.timeout.ms",
            String.valueOf(DEFAULT_SESSION_TIMEOUT_MS),
            "A member that sends no heartbeat for this long is removed and its partitions reassigned. "
                    + "Processing time and backpressure never count: liveness rests on heartbeats alone.");
    /** {@code heartbeat.interval.ms}: how often a member sends heartbeats. */
    public static final ConfigKey HEARTBEAT_INTERVAL_MS = new ConfigKey("heartbeat.interval.ms",
            String.valueOf(DEFAULT_HEARTBEAT_INTERVAL_MS),
            "How often a member tells the coordinator it is alive; must be below session.timeout.ms, "
                    + "ideally a third of it or less.");
    /** {@code max.poll.records}: the most records the consumer prefetches. */
    public static final ConfigKey MAX_POLL_RECORDS = new ConfigKey("max.poll.records",
            String.valueOf(DEFAULT_MAX_POLL_RECORDS),
            "The most records the consumer fetches ahead of the subscriber's demand (its prefetch); it bounds "
                    + "the memory a slow subscriber can make the consumer hold.");
    /** {@code max.ack.ahead}: how far acknowledgements may run ahead of the commit position. */
    public static final ConfigKey MAX_ACK_AHEAD = new ConfigKey("max.ack.ahead", String.valueOf(DEFAULT_MAX_ACK_AHEAD),
            "Per partition, the most records delivered past the oldest unacknowledged one. When reached, "
                    + "delivery from that partition pauses until the gap is acknowledged; it bounds redelivery "
                    + "after a crash and the commit tracker's memory.");
    /** {@code partition.assignment.strategy}: how partitions are shared among members. */
    public static final ConfigKey PARTITION_ASSIGNMENT_STRATEGY = new ConfigKey("partition.assignment.strategy",
            AssignmentStrategy.RANGE.configValue(),
            "How the group shares partitions among members: range, roundrobin or cooperative-sticky.");
    /** {@code auto.commit.interval.ms}: how often acknowledged records are committed. */
    public static final ConfigKey AUTO_COMMIT_INTERVAL_MS = new ConfigKey("auto.commit.interval.ms",
            String.valueOf(DEFAULT_AUTO_COMMIT_INTERVAL_MS),
            "How often the contiguous acknowledged prefix of each partition is committed; 0 commits as soon as "
                    + "the prefix advances. Commits also happen on revoke, on close and on commit().");
    /** {@code client.id}: a name for this consumer in logs and metrics. */
    public static final ConfigKey CLIENT_ID = new ConfigKey("client.id", null,
            "A name for this consumer in logs, metrics and group descriptions; the engine assigns one when unset.");

    /** Every consumer setting, in documentation order. */
    public static final List<ConfigKey> ALL = List.of(GROUP_ID, TOPICS, AUTO_OFFSET_RESET, SESSION_TIMEOUT_MS,
            HEARTBEAT_INTERVAL_MS, MAX_POLL_RECORDS, MAX_ACK_AHEAD, PARTITION_ASSIGNMENT_STRATEGY,
            AUTO_COMMIT_INTERVAL_MS, CLIENT_ID);

    private ConsumerConfig() {
    }
}
