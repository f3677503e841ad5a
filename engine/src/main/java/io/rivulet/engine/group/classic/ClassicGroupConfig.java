package io.rivulet.engine.group.classic;

import io.rivulet.api.errors.InvalidConfigException;

/**
 * The coordinator's limits for Kafka classic-protocol groups, with Kafka's broker setting names.
 *
 * @param maxSize                 {@code group.max.size}: members (joined or holding a just-issued member id) a
 *                                group may have; a join beyond it gets {@code GROUP_MAX_SIZE_REACHED}. Kafka's
 *                                default is unbounded; Rivulet bounds it so one group cannot grow the
 *                                coordinator's memory without limit
 * @param minSessionTimeoutMs     {@code group.min.session.timeout.ms}: the shortest session a member may ask for
 * @param maxSessionTimeoutMs     {@code group.max.session.timeout.ms}: the longest session a member may ask for
 * @param initialRebalanceDelayMs {@code group.initial.rebalance.delay.ms}: how long the first rebalance of an
 *                                empty group waits for more members (extended by each newcomer, up to the
 *                                rebalance timeout), so consumers started together share one generation
 */
public record ClassicGroupConfig(int maxSize, int minSessionTimeoutMs, int maxSessionTimeoutMs,
                                 int initialRebalanceDelayMs) {
    /** Rivulet's default {@code group.max.size}. */
    public static final int DEFAULT_MAX_SIZE = 1000;
    /** Kafka's default {@code group.min.session.timeout.ms}. */
    public static final int DEFAULT_MIN_SESSION_TIMEOUT_MS = 6_000;
    /** Kafka's default {@code group.max.session.timeout.ms}. */
    public static final int DEFAULT_MAX_SESSION_TIMEOUT_MS = 1_800_000;
    /** Kafka's default {@code group.initial.rebalance.delay.ms}. */
    public static final int DEFAULT_INITIAL_REBALANCE_DELAY_MS = 3_000;

    /** Checks the bounds; a bad value names its setting. */
    public ClassicGroupConfig {
        if (maxSize < 1) {
            throw new InvalidConfigException("group.max.size", maxSize, "an integer >= 1");
        }
        if (minSessionTimeoutMs < 1) {
            throw new InvalidConfigException("group.min.session.timeout.ms", minSessionTimeoutMs,
                    "an integer >= 1 (milliseconds)");
        }
        if (maxSessionTimeoutMs < minSessionTimeoutMs) {
            throw new InvalidConfigException("group.max.session.timeout.ms", maxSessionTimeoutMs,
                    "an integer >= group.min.session.timeout.ms (" + minSessionTimeoutMs + ")");
        }
        if (initialRebalanceDelayMs < 0) {
            throw new InvalidConfigException("group.initial.rebalance.delay.ms", initialRebalanceDelayMs,
                    "an integer >= 0 (milliseconds)");
        }
    }

    /** Every limit at its default. */
    public static ClassicGroupConfig defaults() {
        return new ClassicGroupConfig(DEFAULT_MAX_SIZE, DEFAULT_MIN_SESSION_TIMEOUT_MS, DEFAULT_MAX_SESSION_TIMEOUT_MS,
                DEFAULT_INITIAL_REBALANCE_DELAY_MS);
    }

    /** This config with {@code group.initial.rebalance.delay.ms} set to {@code ms}. */
    public ClassicGroupConfig withInitialRebalanceDelayMs(int ms) {
        return new ClassicGroupConfig(maxSize, minSessionTimeoutMs, maxSessionTimeoutMs, ms);
    }

    /** This config with {@code group.max.size} set to {@code n}. */
    public ClassicGroupConfig withMaxSize(int n) {
        return new ClassicGroupConfig(n, minSessionTimeoutMs, maxSessionTimeoutMs, initialRebalanceDelayMs);
    }
}
