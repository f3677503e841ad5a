package io.rivulet.engine.kafka;

import io.rivulet.api.NewTopic;
import io.rivulet.api.PartitionDescription;
import io.rivulet.api.Rivulet;
import io.rivulet.engine.testing.ClusterChecks;
import io.rivulet.engine.testing.TestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stock Kafka clients against a three-node cluster's Kafka doors: Metadata names each partition's leader at its
 * Kafka listener, and when the leader is killed the idempotent {@code acks=all} producer finds the new one (the
 * old answers no more, the others say NOT_LEADER_OR_FOLLOWER until the metadata moves) and goes on; every
 * acknowledged record is read back once, in order.
 */
class KafkaClusterIT {
    /** Leader kills per run; more (-Drivulet.test.kafka-cluster.rounds=20) to hunt a rare failure. */
    private static final int ROUNDS = Integer.getInteger("rivulet.test.kafka-cluster.rounds", 2);

    @TempDir
    Path dir;

    @Test
    void anIdempotentKafkaProducerSurvivesLeaderKillsWithoutLossOrDuplicates() throws Exception {
        try (TestCluster cluster = TestCluster.start(dir, 3, TestCluster.FAST, true);
             Rivulet admin = Rivulet.connect(cluster.bootstrap(), Map.of("request.timeout.ms", "5000"))) {
            admin.admin().createTopic(NewTopic.of("orders").withPartitions(1).withReplicationFactor(3)
                    .withConfig("min.insync.replicas", "2")).block(Duration.ofSeconds(30));
            ClusterChecks.await("every replica in sync", Duration.ofSeconds(30), () -> partition(admin).isr().size() == 3);
            int firstLeader = partition(admin).leader();
            for (int node = 1; node <= 3; node++) {
                if (node != firstLeader) {
                    assertFollowerRefuses(cluster.kafkaPort(node));
                }
            }

            Properties p = new Properties();
            p.put("bootstrap.servers", cluster.kafkaBootstrap());
            p.put("acks", "all");
            p.put("linger.ms", "2");
            p.put("request.timeout.ms", "5000");
            p.put("retry.backoff.ms", "50");
            p.put("reconnect.backoff.max.ms", "200");
            AtomicLong acked = new AtomicLong();
            AtomicReference<Exception> failed = new AtomicReference<>();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
                List<PartitionInfo> info = producer.partitionsFor("orders");
                assertEquals(partition(admin).leader(), info.get(0).leader().id(), "Kafka metadata names Rivulet's leader");

                Thread writer = new Thread(() -> {
                    for (int i = 0; failed.get() == null && !Thread.currentThread().isInterrupted(); i++) {
                        producer.send(new ProducerRecord<>("orders", 0, "k", Integer.toString(i)), (m, e) -> {
                            if (e != null) {
                                failed.compareAndSet(null, e);
                            } else {
                                acked.incrementAndGet();
                            }
                        });
                        if (i % 50 == 0) {
                            try {
                                Thread.sleep(10);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    }
                }, "kafka-writer");
                writer.start();
                try {
                    for (int round = 1; round <= ROUNDS; round++) {
                        long before = acked.get();
                        ClusterChecks.await("writes flow before round " + round, Duration.ofSeconds(30),
                                () -> failed.get() != null || acked.get() >= before + 200,
                                () -> stateOf(admin, before, acked, failed));
                        int leader = partition(admin).leader();
                        cluster.kill(leader);
                        long atKill = acked.get();
                        long killedAt = System.nanoTime();
                        ClusterChecks.await("writes resume after killing node " + leader + " in round " + round,
                                Duration.ofSeconds(60), () -> failed.get() != null || acked.get() >= atKill + 200,
                                () -> stateOf(admin, atKill, acked, failed));
                        assertNull(failed.get(), () -> "the producer failed: " + failed.get());
                        System.out.printf("kafka failover round %d: node %d killed, 200 more records acknowledged"
                                + " %d ms later%n", round, leader, (System.nanoTime() - killedAt) / 1_000_000);
                        cluster.restart(leader);
                        ClusterChecks.await("node " + leader + " back in the ISR", Duration.ofSeconds(60),
                                () -> partition(admin).isr().size() == 3);
                        assertNull(failed.get(), () -> "the producer failed: " + failed.get());
                    }
                } catch (AssertionError e) {
                    cluster.saveLogs(Path.of("target", "cluster-logs", "KafkaClusterIT"));
                    cluster.printLogs();
                    throw e;
                } finally {
                    writer.interrupt();
                    writer.join();
                    producer.flush();
                }
            }
            assertNull(failed.get(), () -> "the producer failed: " + failed.get());
            long count = acked.get();

            // a group consumer: FindCoordinator names the leader of __consumer_offsets-0, wherever it is
            Properties c = new Properties();
            c.put("bootstrap.servers", cluster.kafkaBootstrap());
            c.put("group.id", "audit");
            c.put("auto.offset.reset", "earliest");
            c.put("enable.auto.commit", "false");
            List<Integer> values = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("orders"));
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (values.size() < count && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                        values.add(Integer.parseInt(r.value()));
                    }
                }
                consumer.commitSync();
                assertEquals(values.size(), consumer.committed(java.util.Set.of(new TopicPartition("orders", 0)))
                        .get(new TopicPartition("orders", 0)).offset(), "the commit went through the cluster's coordinator");
            }
            assertTrue(values.size() >= count, "acknowledged " + count + " but read " + values.size());
            for (int i = 0; i < values.size(); i++) {
                assertEquals(i, values.get(i), "record " + i + " once and in order");
            }
        }
    }

    /**
     * A follower's Kafka door answers a produce and a fetch for the partition with NOT_LEADER_OR_FOLLOWER, the code
     * that makes a client refresh its metadata, and appends nothing.
     */
    private static void assertFollowerRefuses(int kafkaPort) throws Exception {
        short produceV = 9;
        short fetchV = 12;
        try (RawKafkaClient c = new RawKafkaClient(kafkaPort)) {
            ProduceRequestData produce = new ProduceRequestData().setAcks((short) -1).setTimeoutMs(30_000);
            ProduceRequestData.TopicProduceData t = new ProduceRequestData.TopicProduceData().setName("orders");
            t.partitionData().add(new ProduceRequestData.PartitionProduceData().setIndex(0).setRecords(
                    MemoryRecords.withRecords(Compression.NONE, new SimpleRecord("stray".getBytes(StandardCharsets.UTF_8)))));
            produce.topicData().add(t);
            int id = c.send(ApiKeys.PRODUCE, produceV, produce);
            ProduceResponseData produced = new ProduceResponseData(new ByteBufferAccessor(
                    c.receive(ApiKeys.PRODUCE, produceV, id)), produceV);
            assertEquals(Errors.NOT_LEADER_OR_FOLLOWER.code(),
                    produced.responses().iterator().next().partitionResponses().get(0).errorCode(), "produce to a follower");

            FetchRequestData fetch = new FetchRequestData().setMaxWaitMs(0).setMinBytes(1).setMaxBytes(1 << 20)
                    .setSessionId(0).setSessionEpoch(-1);
            FetchRequestData.FetchTopic ft = new FetchRequestData.FetchTopic().setTopic("orders");
            ft.partitions().add(new FetchRequestData.FetchPartition().setPartition(0).setFetchOffset(0)
                    .setPartitionMaxBytes(1 << 20));
            fetch.topics().add(ft);
            id = c.send(ApiKeys.FETCH, fetchV, fetch);
            FetchResponseData fetched = new FetchResponseData(new ByteBufferAccessor(
                    c.receive(ApiKeys.FETCH, fetchV, id)), fetchV);
            assertEquals(Errors.NOT_LEADER_OR_FOLLOWER.code(),
                    fetched.responses().get(0).partitions().get(0).errorCode(), "fetch from a follower");
        }
    }

    /** Where the writes and the partition stood, for a timeout's message. */
    private static String stateOf(Rivulet admin, long from, AtomicLong acked, AtomicReference<Exception> failed) {
        String partition;
        try {
            PartitionDescription d = partition(admin);
            partition = "leader " + d.leader() + ", isr " + d.isr();
        } catch (RuntimeException e) {
            partition = "partition not described: " + e;
        }
        return "acknowledged " + (acked.get() - from) + " since; " + partition + "; producer error: " + failed.get();
    }

    private static PartitionDescription partition(Rivulet admin) {
        return ClusterChecks.partition(admin, "orders");
    }
}
