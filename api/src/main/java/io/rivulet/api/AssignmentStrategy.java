package io.rivulet.api;

import io.rivulet.api.errors.InvalidConfigException;

import java.util.Locale;

/**
 * How a group shares its topics' partitions among members ({@code partition.assignment.strategy}).
 * Every member of a group must use the same strategy.
 */
public enum AssignmentStrategy {
    /** Per topic, contiguous ranges of partitions to members in member-id order (Kafka's default). */
    RANGE("range"),
    /** All partitions of all topics dealt to members in turn; evens out counts across topics. */
    ROUND_ROBIN("roundrobin"),
    /**
     * Balanced like round robin but keeps each member's partitions across rebalances where it can, and
     * revokes only the partitions that move, so the others keep flowing during a rebalance.
     */
    COOPERATIVE_STICKY("cooperative-sticky");

    private final String configValue;

    AssignmentStrategy(String configValue) {
        this.configValue = configValue;
    }

    /** The value as written in configuration (Kafka's protocol names): {@code range}, {@code roundrobin}, {@code cooperative-sticky}. */
    public String configValue() {
        return configValue;
    }

    /**
     * Reads a strategy by its config value, its enum name, or the simple or full name of the matching
     * Kafka assignor class ({@code RangeAssignor}, {@code RoundRobinAssignor},
     * {@code CooperativeStickyAssignor}), so existing Kafka properties carry over. Case is ignored.
     *
     * @throws InvalidConfigException naming {@code partition.assignment.strategy} and the accepted values
     */
    public static AssignmentStrategy parse(String value) {
        String v = value == null ? "" : value.trim();
        String simple = v.substring(v.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return switch (simple) {
            case "range", "rangeassignor" -> RANGE;
            case "roundrobin", "round_robin", "round-robin", "roundrobinassignor" -> ROUND_ROBIN;
            case "cooperative-sticky", "cooperative_sticky", "cooperativestickyassignor" -> COOPERATIVE_STICKY;
            default -> throw new InvalidConfigException(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY.name(), value,
                    "expected one of range, roundrobin, cooperative-sticky");
        };
    }
}
