package io.rivulet.engine.kafka;

import io.rivulet.api.GroupDescription;
import io.rivulet.api.NewTopic;
import io.rivulet.api.PartitionLag;
import io.rivulet.engine.testing.KafkaDoor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Stock kafka-clients 4.4.0 consumers in classic groups against a node's Kafka door: partitions shared and moved
 * on join and leave, commits that survive a restart, and the admin client's view of groups matching Rivulet's.
 * Waits are for conditions (with a generous bound that only turns a hang into a failure), never for times.
 */
class KafkaConsumerGroupTest {
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path dir;
    private KafkaDoor door;

    @BeforeEach
    void open() {
        // the initial delay only slows a test's first join; the barrier itself is what is tested
        door = KafkaDoor.open(dir, Map.of("group.initial.rebalance.delay.ms", "0"));
    }

    @AfterEach
    void close() {
        door.close();
    }

    private Properties consumerProperties(String group) {
        Properties p = door.clientProperties();
        p.put("group.id", group);
        p.put("enable.auto.commit", "false");
        p.put("auto.offset.reset", "earliest");
        p.put("heartbeat.interval.ms", "300");
        return p;
    }

    private void createTopic(String name, int partitions) {
        door.rivulet().admin().createTopic(NewTopic.of(name).withPartitions(partitions)).block();
    }

    /** Sends {@code perPartition} records to each partition, keyed "round-partition-i". */
    private void produce(String topic, int partitions, int perPartition, String round) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(door.clientProperties(),
                new StringSerializer(), new StringSerializer())) {
            for (int p = 0; p < partitions; p++) {
                for (int i = 0; i < perPartition; i++) {
                    producer.send(new ProducerRecord<>(topic, p, round + "-" + p + "-" + i, "v"));
                }
            }
            producer.flush();
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("gave up waiting (" + PATIENCE + ") for: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }

    /** Whether the consumers own disjoint sets of the given sizes that together cover {@code partitions}. */
    private static boolean split(List<GroupConsumer> consumers, int partitions, int each) {
        Set<TopicPartition> all = new HashSet<>();
        for (GroupConsumer c : consumers) {
            if (c.assignment().size() != each) {
                return false;
            }
            all.addAll(c.assignment());
        }
        return all.size() == partitions;
    }

    private static Map<TopicPartition, String> owners(List<GroupConsumer> consumers) {
        Map<TopicPartition, String> out = new HashMap<>();
        consumers.forEach(c -> c.assignment().forEach(tp -> out.put(tp, c.name())));
        return out;
    }

    /** Produces one round and checks each of its records went to the partition's owner of that moment. */
    private void roundOwnedBy(String round, List<GroupConsumer> consumers, ConcurrentLinkedQueue<GroupConsumer.Consumed> sink) {
        Map<TopicPartition, String> owners = owners(consumers);
        int before = sink.size();
        produce("orders", 6, 3, round);
        await("the 18 records of " + round + " consumed", () -> sink.size() >= before + 18);
        for (GroupConsumer.Consumed c : sink) {
            if (c.record().key().startsWith(round + "-")) {
                TopicPartition tp = new TopicPartition(c.record().topic(), c.record().partition());
                assertEquals(owners.get(tp), c.consumer(), round + ": " + tp + " read by its owner");
            }
        }
    }

    @Test
    void threeConsumersShareSixPartitionsAndRebalanceWhenOneJoinsOrLeaves() throws Exception {
        createTopic("orders", 6);
        ConcurrentLinkedQueue<GroupConsumer.Consumed> sink = new ConcurrentLinkedQueue<>();
        Properties props = consumerProperties("billing");
        try (GroupConsumer a = new GroupConsumer("a", props, "orders", sink)) {
            await("a owns all six", () -> split(List.of(a), 6, 6));
            roundOwnedBy("r1", List.of(a), sink);

            try (GroupConsumer b2 = new GroupConsumer("b", props, "orders", sink)) {
                await("a and b own three each", () -> split(List.of(a, b2), 6, 3));
                roundOwnedBy("r2", List.of(a, b2), sink);

                GroupConsumer c = new GroupConsumer("c", props, "orders", sink);
                await("a, b and c own two each", () -> split(List.of(a, b2, c), 6, 2));
                roundOwnedBy("r3", List.of(a, b2, c), sink);

                c.close(); // leaves the group
                await("a and b own three each again", () -> split(List.of(a, b2), 6, 3));
                roundOwnedBy("r4", List.of(a, b2), sink);
            }
        }
        List<String> keys = sink.stream().map(c -> c.record().key()).toList();
        assertEquals(4 * 18, keys.size(), "every record consumed once: no record twice");
        assertEquals(4 * 18, new HashSet<>(keys).size());
        Set<String> offsets = sink.stream().map(c -> c.record().partition() + "@" + c.record().offset())
                .collect(Collectors.toSet());
        assertEquals(4 * 18, offsets.size());
    }

    @Test
    void aNewConsumerResumesAtTheOffsetsCommittedBeforeARestart() throws Exception {
        createTopic("orders", 6);
        produce("orders", 6, 10, "before");
        ConcurrentLinkedQueue<GroupConsumer.Consumed> first = new ConcurrentLinkedQueue<>();
        try (GroupConsumer a = new GroupConsumer("a", consumerProperties("resume"), "orders", first)) {
            await("60 records consumed and committed", () -> first.size() >= 60);
        }
        assertEquals(60, first.size());

        door.restart();
        try (AdminClient admin = AdminClient.create(door.clientProperties())) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("resume")
                    .partitionsToOffsetAndMetadata().get();
            assertEquals(6, committed.size());
            committed.values().forEach(o -> assertEquals(10, o.offset(), "durable across the restart"));
        }
        produce("orders", 6, 5, "after");
        ConcurrentLinkedQueue<GroupConsumer.Consumed> second = new ConcurrentLinkedQueue<>();
        try (GroupConsumer b = new GroupConsumer("b", consumerProperties("resume"), "orders", second)) {
            await("the 30 new records consumed", () -> second.size() >= 30);
        }
        for (GroupConsumer.Consumed c : second) {
            assertTrue(c.record().key().startsWith("after-"), "nothing before the commit is read again: " + c.record());
            assertTrue(c.record().offset() >= 10);
        }
        assertEquals(30, second.size());
    }

    @Test
    void theAdminClientListsAndDescribesGroupsWithTheLagRivuletShows() throws Exception {
        createTopic("lagging", 2);
        produce("lagging", 2, 10, "x");
        Properties props = consumerProperties("lagger");
        props.put("client.id", "lag-client");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer());
             AdminClient admin = AdminClient.create(door.clientProperties())) {
            consumer.subscribe(List.of("lagging"));
            List<ConsumerRecord<String, String>> read = new ArrayList<>();
            await("both partitions assigned and read", () -> {
                consumer.poll(Duration.ofMillis(100)).forEach(read::add);
                return consumer.assignment().size() == 2 && read.size() == 20;
            });
            TopicPartition p0 = new TopicPartition("lagging", 0);
            TopicPartition p1 = new TopicPartition("lagging", 1);
            consumer.commitSync(Map.of(p0, new OffsetAndMetadata(4), p1, new OffsetAndMetadata(7)));

            ConsumerGroupListing listed = admin.listConsumerGroups().all().get().stream()
                    .filter(g -> g.groupId().equals("lagger")).findFirst().orElseThrow();
            assertEquals(GroupState.STABLE, listed.groupState().orElseThrow());

            ConsumerGroupDescription described = admin.describeConsumerGroups(List.of("lagger")).all().get().get("lagger");
            assertEquals(GroupState.STABLE, described.groupState());
            assertEquals("range", described.partitionAssignor());
            assertEquals(1, described.members().size());
            MemberDescription member = described.members().iterator().next();
            assertEquals("lag-client", member.clientId());
            assertEquals(Set.of(p0, p1), member.assignment().topicPartitions());

            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("lagger")
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
                    Map.of(p0, OffsetSpec.latest(), p1, OffsetSpec.latest())).all().get();
            Map<Integer, Long> kafkaLag = new HashMap<>();
            offsets.forEach((tp, o) -> kafkaLag.put(tp.partition(), ends.get(tp).offset() - o.offset()));
            assertEquals(Map.of(0, 6L, 1, 3L), kafkaLag);

            // what `rivulet groups describe lagger` prints comes from Admin.describeGroup
            GroupDescription rivulet = door.rivulet().admin().describeGroup("lagger").block();
            Map<Integer, Long> rivuletLag = rivulet.partitions().stream()
                    .collect(Collectors.toMap(l -> l.topicPartition().partition(), PartitionLag::lag));
            assertEquals(kafkaLag, rivuletLag);
            assertEquals(io.rivulet.api.GroupState.STABLE, rivulet.state());
            assertEquals("lag-client", rivulet.members().get(0).clientId());
            assertEquals(2, rivulet.members().get(0).assignment().size());
            assertTrue(door.rivulet().admin().listGroups().block().contains("lagger"));
            String scrape = door.rivulet().engine().metrics().scrape();
            assertTrue(scrape.lines().anyMatch(l -> l.startsWith("rivulet_consumer_lag") && l.contains("lagger")
                    && l.contains("partition=\"0\"") && l.endsWith(" 6.0")), "the lag gauge of a Kafka group");
        }
    }
}
