package io.rivulet.engine.kafka;

import io.rivulet.engine.lifecycle.EngineConfig;
import io.rivulet.engine.topic.TopicSettings;
import io.rivulet.storage.log.LogConfig;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigSource;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Which source and type each setting shows with, without a node. */
class ConfigViewTest {

    private static Map<String, ConfigView.Entry> byName(List<ConfigView.Entry> entries) {
        return entries.stream().collect(Collectors.toMap(ConfigView.Entry::name, Function.identity()));
    }

    @Test
    void topicOverridesNodeSettingsAndDefaultsHaveTheirOwnSource() {
        LogConfig node = LogConfig.defaults().with("retention.ms", 60_000);
        Map<String, String> overrides = Map.of("segment.bytes", "1048576");
        Map<String, ConfigView.Entry> view = byName(ConfigView.topic(overrides, TopicSettings.apply(node, overrides), node));

        assertEquals(new ConfigView.Entry("segment.bytes", "1048576", ConfigSource.TOPIC_CONFIG, ConfigType.INT),
                view.get("segment.bytes"));
        assertEquals(new ConfigView.Entry("retention.ms", "60000", ConfigSource.STATIC_BROKER_CONFIG, ConfigType.LONG),
                view.get("retention.ms"));
        assertEquals(new ConfigView.Entry("preallocate", "true", ConfigSource.DEFAULT_CONFIG, ConfigType.BOOLEAN),
                view.get("preallocate"));
        assertEquals(new ConfigView.Entry("min.insync.replicas", "1", ConfigSource.DEFAULT_CONFIG, ConfigType.INT),
                view.get("min.insync.replicas"));
        assertEquals(new ConfigView.Entry("unclean.leader.election.enable", "false", ConfigSource.DEFAULT_CONFIG,
                ConfigType.BOOLEAN), view.get("unclean.leader.election.enable"));
        assertEquals(LogConfig.SETTINGS.size() + 2, view.size(), "every log setting and the two of replication");
    }

    @Test
    void nodeSettingsUseKafkasBrokerWideNames() {
        EngineConfig config = EngineConfig.from(Map.of("num.partitions", "3", "log.retention.bytes", "1000"));
        Map<String, ConfigView.Entry> view = byName(ConfigView.node(config));
        assertEquals("3", view.get("num.partitions").value());
        assertEquals(ConfigSource.STATIC_BROKER_CONFIG, view.get("num.partitions").source());
        assertEquals("1000", view.get("log.retention.bytes").value());
        assertEquals(ConfigSource.DEFAULT_CONFIG, view.get("log.segment.bytes").source());
        assertEquals("true", view.get("auto.create.topics.enable").value());
        for (ConfigView.Entry e : view.values()) {
            assertNotNull(ConfigView.documentation(e.name()), e.name() + " is documented");
        }
    }
}
