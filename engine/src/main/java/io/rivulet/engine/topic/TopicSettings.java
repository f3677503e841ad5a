package io.rivulet.engine.topic;

import io.rivulet.api.errors.InvalidConfigException;
import io.rivulet.storage.log.LogConfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns topic-level settings (Kafka's topic config names) into a storage {@link LogConfig}, with api errors.
 * Two settings are not the log's but replication's: {@value #MIN_INSYNC_REPLICAS} and
 * {@value #UNCLEAN_LEADER_ELECTION_ENABLE}.
 */
public final class TopicSettings {
    /** How many in-sync replicas an {@code acks=all} write needs; default 1. */
    public static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";
    /**
     * Whether a partition whose in-sync replicas are all down may be led by a live replica outside them, trading the
     * records only they held for availability; default false, so such a partition waits for one of them.
     */
    public static final String UNCLEAN_LEADER_ELECTION_ENABLE = "unclean.leader.election.enable";
    /** The settings that are replication's, not the log's. */
    public static final List<String> REPLICATION = List.of(MIN_INSYNC_REPLICAS, UNCLEAN_LEADER_ELECTION_ENABLE);
    /** Every topic-level setting name a topic config may carry. */
    public static final Set<String> NAMES = Stream.concat(LogConfig.SETTINGS.stream().map(LogConfig.Setting::name),
            REPLICATION.stream()).collect(Collectors.toUnmodifiableSet());

    private TopicSettings() {
    }

    /** {@code base} with {@code overrides} applied; unknown names and bad values fail naming the key. */
    public static LogConfig apply(LogConfig base, Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>(base.toMap());
        merged.putAll(overrides);
        replicationValues(merged); // validates them
        merged.keySet().removeAll(REPLICATION);
        return logConfig(merged, "topic config");
    }

    /** The topic's {@value #MIN_INSYNC_REPLICAS}: 1 when not set; a whole number of at least 1. */
    public static int minInsyncReplicas(Map<String, String> overrides) {
        String v = overrides.get(MIN_INSYNC_REPLICAS);
        if (v == null) {
            return 1;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidConfigException(MIN_INSYNC_REPLICAS, v, "a whole number of at least 1 (how many in-sync "
                + "replicas an acks=all write needs)");
    }

    /** The effective value of each {@link #REPLICATION} setting for a topic created with {@code overrides}, in order. */
    public static Map<String, String> replicationValues(Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(MIN_INSYNC_REPLICAS, String.valueOf(minInsyncReplicas(overrides)));
        values.put(UNCLEAN_LEADER_ELECTION_ENABLE, String.valueOf(uncleanLeaderElection(overrides)));
        return values;
    }

    /** The topic's {@value #UNCLEAN_LEADER_ELECTION_ENABLE}: false when not set; {@code true} or {@code false}. */
    public static boolean uncleanLeaderElection(Map<String, String> overrides) {
        String v = overrides.get(UNCLEAN_LEADER_ELECTION_ENABLE);
        if (v == null) {
            return false;
        }
        String flag = v.trim();
        if (flag.equalsIgnoreCase("true") || flag.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(flag);
        }
        throw new InvalidConfigException(UNCLEAN_LEADER_ELECTION_ENABLE, v, "true or false (whether a replica outside "
                + "the in-sync replicas may lead when they are all down, losing what only they held)");
    }

    public static LogConfig logConfig(Map<String, String> values, String what) {
        for (String key : values.keySet()) {
            if (!LogConfig.SETTINGS.stream().anyMatch(setting -> setting.name().equals(key))) {
                throw new InvalidConfigException(key, values.get(key), "a known " + what + ": one of "
                        + LogConfig.SETTINGS.stream().map(LogConfig.Setting::name).collect(Collectors.joining(", ")));
            }
        }
        try {
            return LogConfig.from(values);
        } catch (LogConfig.InvalidLogConfigException e) {
            String key = e.getMessage().split("=", 2)[0];
            throw new InvalidConfigException(key, values.get(key), e.getMessage(), e);
        }
    }
}
