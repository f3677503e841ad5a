package io.rivulet.engine.kafka;

import io.rivulet.api.TopicDescription;
import io.rivulet.engine.testing.KafkaDoor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicCollection;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicIdException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kafka's own Admin client against a node's Kafka door, and the same topics seen through the Flux api. */
class KafkaAdminClientTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private KafkaDoor door;
    private Admin admin;

    @BeforeEach
    void open() {
        door = KafkaDoor.open(dir, Map.of("num.partitions", "2", "log.retention.ms", "3600000"));
        admin = Admin.create(door.clientProperties());
    }

    @AfterEach
    void close() {
        admin.close(Duration.ofSeconds(10));
        door.close();
    }

    @Test
    void createdTopicsAreListedDescribedAndAgreeWithTheFluxApi() throws Exception {
        CreateTopicsResult created = admin.createTopics(List.of(
                new NewTopic("orders", 3, (short) 1).configs(Map.of("retention.ms", "60000", "max.message.bytes", "65536")),
                new NewTopic("audit", java.util.Optional.empty(), java.util.Optional.empty())));
        created.all().get(30, TimeUnit.SECONDS);
        assertEquals(3, created.numPartitions("orders").get());
        assertEquals(1, created.replicationFactor("orders").get());
        assertEquals(2, created.numPartitions("audit").get(), "-1 partitions is the node's num.partitions");
        Uuid ordersId = created.topicId("orders").get();
        assertNotEquals(Uuid.ZERO_UUID, ordersId);
        Map<String, ConfigEntry> returned = created.config("orders").get().entries().stream()
                .collect(Collectors.toMap(ConfigEntry::name, Function.identity()));
        assertEquals("60000", returned.get("retention.ms").value());
        assertEquals(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG, returned.get("retention.ms").source());

        assertEquals(Set.of("orders", "audit"), admin.listTopics().names().get(30, TimeUnit.SECONDS));

        var described = admin.describeTopics(List.of("orders", "audit")).allTopicNames().get(30, TimeUnit.SECONDS);
        var orders = described.get("orders");
        assertEquals(ordersId, orders.topicId());
        assertEquals(3, orders.partitions().size());
        for (var p : orders.partitions()) {
            assertEquals(0, p.leader().id());
            assertEquals(List.of(0), p.replicas().stream().map(n -> n.id()).toList());
            assertEquals(List.of(0), p.isr().stream().map(n -> n.id()).toList());
        }
        assertEquals(2, described.get("audit").partitions().size());
        assertEquals(Set.of("orders"), admin.describeTopics(TopicCollection.ofTopicIds(List.of(ordersId)))
                .allTopicIds().get(30, TimeUnit.SECONDS).values().stream().map(d -> d.name()).collect(Collectors.toSet()));

        assertFailsWith(UnknownTopicIdException.class, admin.describeTopics(TopicCollection.ofTopicIds(
                List.of(Uuid.randomUuid()))).allTopicIds());

        TopicDescription flux = door.rivulet().admin().describeTopic("orders").block(WAIT);
        assertEquals(3, flux.partitionCount());
        assertEquals("60000", flux.configs().get("retention.ms"));
        assertEquals("65536", flux.configs().get("max.message.bytes"));
        assertEquals(2, door.rivulet().admin().describeTopic("audit").block(WAIT).partitionCount());
    }

    @Test
    void describeConfigsShowsOverridesNodeSettingsAndDefaultsByKafkaName() throws Exception {
        admin.createTopics(List.of(new NewTopic("orders", 1, (short) 1).configs(Map.of("segment.bytes", "1048576",
                "min.insync.replicas", "1")))).all().get(30, TimeUnit.SECONDS);
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "orders");
        ConfigResource node = new ConfigResource(ConfigResource.Type.BROKER, "0");
        Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(topic, node)).all().get(30, TimeUnit.SECONDS);

        Config t = configs.get(topic);
        assertEntry(t, "segment.bytes", "1048576", ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        assertEntry(t, "min.insync.replicas", "1", ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        assertEntry(t, "retention.ms", "3600000", ConfigEntry.ConfigSource.STATIC_BROKER_CONFIG);
        assertEntry(t, "retention.bytes", "-1", ConfigEntry.ConfigSource.DEFAULT_CONFIG);
        assertEntry(t, "preallocate", "true", ConfigEntry.ConfigSource.DEFAULT_CONFIG);
        assertEquals(ConfigEntry.ConfigType.LONG, t.get("retention.ms").type());
        assertEquals(door.rivulet().admin().describeTopic("orders").block(WAIT).configs().get("segment.bytes"),
                t.get("segment.bytes").value(), "the Flux api sees the same setting");

        Config n = configs.get(node);
        assertEntry(n, "num.partitions", "2", ConfigEntry.ConfigSource.STATIC_BROKER_CONFIG);
        assertEntry(n, "log.retention.ms", "3600000", ConfigEntry.ConfigSource.STATIC_BROKER_CONFIG);
        assertEntry(n, "log.segment.bytes", String.valueOf(1 << 30), ConfigEntry.ConfigSource.DEFAULT_CONFIG);

        ExecutionException missing = assertThrows(ExecutionException.class, () -> admin.describeConfigs(
                List.of(new ConfigResource(ConfigResource.Type.TOPIC, "nope"))).all().get(30, TimeUnit.SECONDS));
        assertInstanceOf(UnknownTopicOrPartitionException.class, missing.getCause());
    }

    @Test
    void validateOnlyChecksWithoutCreating() throws Exception {
        CreateTopicsResult checked = admin.createTopics(List.of(new NewTopic("dry", 4, (short) 1)),
                new CreateTopicsOptions().validateOnly(true));
        checked.all().get(30, TimeUnit.SECONDS);
        assertEquals(4, checked.numPartitions("dry").get());
        assertEquals(Set.of(), admin.listTopics().names().get(30, TimeUnit.SECONDS));
        assertFalse(door.rivulet().engine().topics().exists("dry"));

        admin.createTopics(List.of(new NewTopic("dry", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        assertFailsWith(TopicExistsException.class, admin.createTopics(List.of(new NewTopic("dry", 4, (short) 1)),
                new CreateTopicsOptions().validateOnly(true)).all());
        assertFailsWith(InvalidConfigurationException.class, admin.createTopics(List.of(new NewTopic("bad", 1, (short) 1)
                .configs(Map.of("retention.ms", "soon"))), new CreateTopicsOptions().validateOnly(true)).all());
    }

    @Test
    void eachBadTopicFailsWithItsOwnKafkaErrorAndTheGoodOneIsCreated() throws Exception {
        CreateTopicsResult result = admin.createTopics(List.of(
                new NewTopic("good", 1, (short) 1),
                new NewTopic("a b", 1, (short) 1),
                new NewTopic("zero", 0, (short) 1),
                new NewTopic("triple", 1, (short) 3),
                new NewTopic("unknown-config", 1, (short) 1).configs(Map.of("cleanup.policy.typo", "x")),
                new NewTopic("bad-value", 1, (short) 1).configs(Map.of("segment.bytes", "12"))));
        result.values().get("good").get(30, TimeUnit.SECONDS);
        assertFailsWith(InvalidTopicException.class, result.values().get("a b"));
        assertFailsWith(InvalidPartitionsException.class, result.values().get("zero"));
        Throwable rf = assertFailsWith(InvalidReplicationFactorException.class, result.values().get("triple"));
        assertTrue(rf.getMessage().contains("replication factor 3") && rf.getMessage().contains("1 live node"),
                rf.getMessage());
        Throwable unknown = assertFailsWith(InvalidConfigurationException.class, result.values().get("unknown-config"));
        assertTrue(unknown.getMessage().contains("cleanup.policy.typo"), unknown.getMessage());
        Throwable value = assertFailsWith(InvalidConfigurationException.class, result.values().get("bad-value"));
        assertTrue(value.getMessage().contains("segment.bytes"), value.getMessage());

        assertFailsWith(TopicExistsException.class, admin.createTopics(List.of(new NewTopic("good", 1, (short) 1))).all());
        assertEquals(Set.of("good"), admin.listTopics().names().get(30, TimeUnit.SECONDS));
    }

    @Test
    void deletedTopicsAreGoneByNameOrId() throws Exception {
        CreateTopicsResult created = admin.createTopics(List.of(new NewTopic("a", 1, (short) 1),
                new NewTopic("b", 2, (short) 1)));
        created.all().get(30, TimeUnit.SECONDS);
        Uuid bId = created.topicId("b").get();

        admin.deleteTopics(List.of("a")).all().get(30, TimeUnit.SECONDS);
        admin.deleteTopics(TopicCollection.ofTopicIds(List.of(bId))).all().get(30, TimeUnit.SECONDS);
        assertEquals(Set.of(), admin.listTopics().names().get(30, TimeUnit.SECONDS));
        assertEquals(List.of(), door.rivulet().admin().listTopics().block(WAIT));

        assertFailsWith(UnknownTopicOrPartitionException.class, admin.deleteTopics(List.of("a")).all());
        assertFailsWith(UnknownTopicIdException.class,
                admin.deleteTopics(TopicCollection.ofTopicIds(List.of(bId))).all());
    }

    private static void assertEntry(Config config, String name, String value, ConfigEntry.ConfigSource source) {
        ConfigEntry e = config.get(name);
        assertTrue(e != null, name + " is listed in " + config);
        assertEquals(value, e.value(), name);
        assertEquals(source, e.source(), name);
    }

    private static Throwable assertFailsWith(Class<? extends Throwable> type, KafkaFuture<?> future) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(30, TimeUnit.SECONDS));
        assertInstanceOf(type, e.getCause(), String.valueOf(e.getCause()));
        return e.getCause();
    }

    @Test
    void groupsAreMovedAndDeletedWithTheAdminClientAndRivuletSeesIt() throws Exception {
        admin.createTopics(List.of(new NewTopic("clicks", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        org.apache.kafka.common.TopicPartition p0 = new org.apache.kafka.common.TopicPartition("clicks", 0);
        org.apache.kafka.common.TopicPartition p1 = new org.apache.kafka.common.TopicPartition("clicks", 1);
        admin.alterConsumerGroupOffsets("g", Map.of(p0, new org.apache.kafka.clients.consumer.OffsetAndMetadata(0),
                p1, new org.apache.kafka.clients.consumer.OffsetAndMetadata(0))).all().get(30, TimeUnit.SECONDS);
        assertEquals(2, door.rivulet().admin().describeGroup("g").block(WAIT).partitions().stream()
                .filter(l -> l.committedOffset() == 0).count(), "the commits are Rivulet's");

        admin.deleteConsumerGroupOffsets("g", Set.of(p1)).all().get(30, TimeUnit.SECONDS);
        assertEquals(Set.of(p0), admin.listConsumerGroupOffsets("g").partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS).keySet());

        // a member of the group, through Rivulet's own api: the group is not empty now
        io.rivulet.api.Consumer<byte[], byte[]> member = door.rivulet().consumer(io.rivulet.api.ConsumerOptions
                .builder(io.rivulet.api.serde.Serdes.byteArray(), io.rivulet.api.serde.Serdes.byteArray())
                .groupId("g").topics("clicks").build());
        reactor.core.Disposable subscribed = member.receive().subscribe();
        try {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (door.rivulet().admin().describeGroup("g").block(WAIT).members().isEmpty()
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> admin.deleteConsumerGroups(List.of("g")).all().get(30, TimeUnit.SECONDS));
            assertInstanceOf(org.apache.kafka.common.errors.GroupNotEmptyException.class, refused.getCause());
        } finally {
            subscribed.dispose();
            member.close();
        }
        admin.deleteConsumerGroups(List.of("g")).all().get(30, TimeUnit.SECONDS);
        assertTrue(door.rivulet().admin().listGroups().block(WAIT).isEmpty());
        ExecutionException gone = assertThrows(ExecutionException.class,
                () -> admin.deleteConsumerGroups(List.of("g")).all().get(30, TimeUnit.SECONDS));
        assertInstanceOf(org.apache.kafka.common.errors.GroupIdNotFoundException.class, gone.getCause());
    }

}
