package io.rivulet.engine.group;

import io.rivulet.api.AssignmentStrategy;
import io.rivulet.api.ConsumerConfig;
import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.errors.InvalidConfigException;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The settings a {@link GroupMember} runs with, taken from {@link ConsumerOptions} by {@link #from}.
 *
 * @param groupId            {@code group.id}
 * @param clientId           {@code client.id}
 * @param host               where the member runs, for group descriptions
 * @param topics             the topics to consume
 * @param strategy           {@code partition.assignment.strategy}
 * @param sessionTimeout     {@code session.timeout.ms}
 * @param heartbeatInterval  {@code heartbeat.interval.ms}
 * @param autoCommitInterval {@code auto.commit.interval.ms}; zero commits whenever a position advances
 * @param maxAckAhead        {@code max.ack.ahead}
 */
public record MemberConfig(String groupId, String clientId, String host, List<String> topics,
                           AssignmentStrategy strategy, Duration sessionTimeout, Duration heartbeatInterval,
                           Duration autoCommitInterval, int maxAckAhead) {

    /** Checks what {@link ConsumerOptions} cannot: that a group and topics are set. */
    public MemberConfig {
        if (groupId == null || groupId.isBlank()) {
            throw new InvalidConfigException(ConsumerConfig.GROUP_ID.name(), groupId,
                    "set group.id to consume as a member of a group");
        }
        if (topics == null || topics.isEmpty()) {
            throw new InvalidConfigException(ConsumerConfig.TOPICS.name(), topics,
                    "set the topics the group consumes");
        }
        topics = List.copyOf(topics);
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(autoCommitInterval, "autoCommitInterval");
        if (heartbeatInterval.isZero() || heartbeatInterval.isNegative()) {
            throw new InvalidConfigException(ConsumerConfig.HEARTBEAT_INTERVAL_MS.name(), heartbeatInterval.toMillis(),
                    "a positive interval");
        }
    }

    /**
     * The member settings of a consumer.
     *
     * @param defaultClientId the client id to use when {@code client.id} is not set
     * @param host            where the consumer runs (e.g. {@code "embedded"})
     * @throws InvalidConfigException without {@code group.id} or {@code topics}
     */
    public static MemberConfig from(ConsumerOptions<?, ?> options, String defaultClientId, String host) {
        return new MemberConfig(options.groupId().orElse(null), options.clientId().orElse(defaultClientId), host,
                options.topics(), options.assignmentStrategy(), options.sessionTimeout(), options.heartbeatInterval(),
                options.autoCommitInterval(), options.maxAckAhead());
    }
}
