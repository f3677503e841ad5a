package io.rivulet.engine.replication;

import io.rivulet.api.Acks;
import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.NewTopic;
import io.rivulet.api.PartitionDescription;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.Rivulet;
import io.rivulet.api.StartAt;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.serde.Serdes;
import io.rivulet.engine.testing.ClusterChecks;
import io.rivulet.engine.testing.TestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A follower that was down while its leader's retention deleted everything it had not copied yet: the offset it
 * would fetch from next is below the leader's log start, so there is nothing to copy it from. It must start
 * its log over at the leader's log start (as Kafka's followers do) and rejoin the ISR, not ask again forever.
 */
class FollowerBehindLogStartIT {
    private static final TopicPartition TP = new TopicPartition("trimmed", 0);

    @TempDir
    Path dir;

    @Test
    void aFollowerBehindTheLeadersLogStartStartsOverThereAndRejoins() throws Exception {
        Map<String, String> config = new HashMap<>(TestCluster.FAST);
        config.put("log.retention.check.interval.ms", "200");
        try (TestCluster cluster = TestCluster.start(dir, 3, config);
             Rivulet client = Rivulet.connect(cluster.bootstrap(), Map.of("request.timeout.ms", "5000"))) {
            client.admin().createTopic(NewTopic.of("trimmed").withPartitions(1).withReplicationFactor(3)
                    .withConfig("min.insync.replicas", "2")
                    .withConfig("segment.bytes", "65536")
                    .withConfig("max.message.bytes", "32768")
                    .withConfig("retention.bytes", "262144")).block(Duration.ofSeconds(30));
            ClusterChecks.await("every replica in sync", Duration.ofSeconds(30), () -> partition(client).isr().size() == 3);
            var producer = client.producer(ProducerOptions.builder(Serdes.string(), Serdes.string())
                    .acks(Acks.ALL).build());
            String value = "x".repeat(1000);
            producer.send(Flux.range(0, 200).map(i -> ProducerRecord.<String, String>of("trimmed", null, value)))
                    .blockLast(Duration.ofSeconds(60));

            PartitionDescription before = partition(client);
            int follower = before.replicas().stream().filter(r -> r != before.leader()).findFirst().orElseThrow();
            cluster.kill(follower);
            long followerEnd = before.endOffset();
            // ~2 MB more: the leader keeps about 256 KiB, so its log start passes everything the follower holds
            producer.send(Flux.range(0, 2000).map(i -> ProducerRecord.<String, String>of("trimmed", null, value)))
                    .blockLast(Duration.ofSeconds(60));
            ClusterChecks.await("the leader's retention passes the stopped follower's log end", Duration.ofSeconds(30),
                    () -> partition(client).logStartOffset() > followerEnd);

            cluster.restart(follower);
            try {
                ClusterChecks.await("the follower back in the ISR", Duration.ofSeconds(30),
                        () -> partition(client).isr().contains(follower));
            } catch (AssertionError e) {
                cluster.printLog(follower);
                throw e;
            }

            // the follower holds what the leader holds: it can lead, and every retained record is there
            int oldLeader = partition(client).leader();
            cluster.kill(oldLeader);
            ClusterChecks.await("a new leader", Duration.ofSeconds(30), () -> {
                try {
                    int l = partition(client).leader();
                    return l > 0 && l != oldLeader;
                } catch (RuntimeException e) {
                    return false;
                }
            });
            PartitionDescription after = partition(client);
            assertEquals(2200, after.endOffset(), "every acknowledged record is still counted");
            var consumer = client.consumer(ConsumerOptions.builder(Serdes.string(), Serdes.string()).build());
            List<Long> offsets = consumer.read(TP, StartAt.earliest()).map(r -> r.offset())
                    .take(after.endOffset() - after.logStartOffset()).collectList().block(Duration.ofSeconds(30));
            assertTrue(offsets != null && !offsets.isEmpty());
            for (int i = 0; i < offsets.size(); i++) {
                assertEquals(after.logStartOffset() + i, offsets.get(i), "offsets run without a gap from the log start");
            }
            assertEquals(after.endOffset() - 1, offsets.get(offsets.size() - 1));
        }
    }

    private static PartitionDescription partition(Rivulet client) {
        return ClusterChecks.partition(client, "trimmed");
    }
}
