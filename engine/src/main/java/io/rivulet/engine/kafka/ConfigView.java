package io.rivulet.engine.kafka;

import io.rivulet.engine.lifecycle.EngineConfig;
import io.rivulet.engine.topic.TopicSettings;
import io.rivulet.storage.log.LogConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigSource;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigType;

/**
 * A topic's or a node's settings as Kafka's admin tools show them: Kafka's names, each value with where it comes
 * from. A topic's own overrides are {@code DYNAMIC_TOPIC_CONFIG}, values from the node's settings
 * {@code STATIC_BROKER_CONFIG}, and the rest {@code DEFAULT_CONFIG}. Every entry is read-only: this door does
 * not alter configs. Pure.
 */
final class ConfigView {
    /** One setting. */
    record Entry(String name, String value, ConfigSource source, ConfigType type) {
    }

    private ConfigView() {
    }

    /**
     * The effective settings of a topic created with {@code overrides}, whose log config is {@code effective}, on a
     * node whose topics start from {@code nodeDefaults}.
     */
    static List<Entry> topic(Map<String, String> overrides, LogConfig effective, LogConfig nodeDefaults) {
        List<Entry> out = new ArrayList<>();
        Map<String, String> values = effective.toMap();
        Map<String, String> node = nodeDefaults.toMap();
        Map<String, String> builtIn = LogConfig.defaults().toMap();
        for (LogConfig.Setting s : LogConfig.SETTINGS) {
            String name = s.name();
            ConfigSource source = overrides.containsKey(name) ? ConfigSource.TOPIC_CONFIG
                    : node.get(name).equals(builtIn.get(name)) ? ConfigSource.DEFAULT_CONFIG
                    : ConfigSource.STATIC_BROKER_CONFIG;
            out.add(entry(s, values.get(name), source));
        }
        String minIsr = TopicSettings.MIN_INSYNC_REPLICAS;
        out.add(new Entry(minIsr, String.valueOf(TopicSettings.minInsyncReplicas(overrides)),
                overrides.containsKey(minIsr) ? ConfigSource.TOPIC_CONFIG : ConfigSource.DEFAULT_CONFIG, ConfigType.INT));
        String unclean = TopicSettings.UNCLEAN_LEADER_ELECTION_ENABLE;
        out.add(new Entry(unclean, String.valueOf(TopicSettings.uncleanLeaderElection(overrides)),
                overrides.containsKey(unclean) ? ConfigSource.TOPIC_CONFIG : ConfigSource.DEFAULT_CONFIG,
                ConfigType.BOOLEAN));
        return out;
    }

    /** A few of a node's settings, under the broker-wide names Kafka's tools know. */
    static List<Entry> node(EngineConfig config) {
        List<Entry> out = new ArrayList<>();
        out.add(new Entry("node.id", String.valueOf(config.nodeId()), ConfigSource.STATIC_BROKER_CONFIG, ConfigType.INT));
        out.add(new Entry("num.partitions", String.valueOf(config.numPartitions()),
                source(config.numPartitions(), EngineConfig.defaults().numPartitions()), ConfigType.INT));
        out.add(new Entry("auto.create.topics.enable", String.valueOf(config.autoCreateTopics()),
                source(config.autoCreateTopics(), EngineConfig.defaults().autoCreateTopics()), ConfigType.BOOLEAN));
        out.add(new Entry("default.replication.factor", String.valueOf(TopicCreation.DEFAULT_REPLICATION_FACTOR),
                ConfigSource.DEFAULT_CONFIG, ConfigType.INT));
        Map<String, String> values = config.logDefaults().toMap();
        Map<String, String> builtIn = LogConfig.defaults().toMap();
        EngineConfig.LOG_DEFAULT_KEYS.forEach((brokerName, topicName) -> {
            LogConfig.Setting s = LogConfig.SETTINGS.stream().filter(x -> x.name().equals(topicName)).findFirst()
                    .orElseThrow();
            Entry e = entry(s, values.get(topicName), source(values.get(topicName), builtIn.get(topicName)));
            out.add(new Entry(brokerName, e.value(), e.source(), e.type()));
        });
        return out;
    }

    /** One line on what {@code name} does, from where the setting is declared; null for one without. */
    static String documentation(String name) {
        String topicName = EngineConfig.LOG_DEFAULT_KEYS.getOrDefault(name, name);
        for (LogConfig.Setting s : LogConfig.SETTINGS) {
            if (s.name().equals(topicName)) {
                return s.doc();
            }
        }
        for (EngineConfig.Setting s : EngineConfig.ENGINE_SETTINGS) {
            if (s.name().equals(name)) {
                return s.doc();
            }
        }
        if (name.equals(TopicSettings.MIN_INSYNC_REPLICAS)) {
            return "How many in-sync replicas an acks=all write needs.";
        }
        if (name.equals(TopicSettings.UNCLEAN_LEADER_ELECTION_ENABLE)) {
            return "Whether a replica outside the ISR may lead when every in-sync replica is down.";
        }
        return name.equals("default.replication.factor") ? "Replicas of a topic created without a replication factor."
                : null;
    }

    private static ConfigSource source(Object value, Object builtIn) {
        return value.equals(builtIn) ? ConfigSource.DEFAULT_CONFIG : ConfigSource.STATIC_BROKER_CONFIG;
    }

    private static Entry entry(LogConfig.Setting s, String value, ConfigSource source) {
        if (s.min() == 0 && s.max() == 1) {
            // a switch stored as 0/1 (preallocate): Kafka's tools show and accept true/false
            return new Entry(s.name(), String.valueOf(!"0".equals(value)), source, ConfigType.BOOLEAN);
        }
        return new Entry(s.name(), value, source, s.max() <= Integer.MAX_VALUE ? ConfigType.INT : ConfigType.LONG);
    }
}
