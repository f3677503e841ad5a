package io.rivulet.engine.metrics;

import io.rivulet.api.AssignmentStrategy;
import io.rivulet.api.Consumer;
import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.ConsumerRecord;
import io.rivulet.api.NewTopic;
import io.rivulet.api.OffsetReset;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.serde.Serdes;
import io.rivulet.engine.group.CommitRequest;
import io.rivulet.engine.group.CommitResponse;
import io.rivulet.engine.group.GroupError;
import io.rivulet.engine.group.HeartbeatRequest;
import io.rivulet.engine.group.JoinRequest;
import io.rivulet.engine.group.JoinResponse;
import io.rivulet.engine.group.LeaveRequest;
import io.rivulet.engine.group.LocalGroupCoordinator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroupMetersTest {
    private static final TopicPartition P0 = new TopicPartition("orders", 0);
    private static final TopicPartition P1 = new TopicPartition("orders", 1);

    @TempDir
    Path dir;

    @Test
    void lagIsTheHighWatermarkMinusWhatTheGroupCommitted() {
        try (MeteredEngine m = MeteredEngine.open(dir)) {
            produceTo(m, 0, 70);
            produceTo(m, 1, 30);
            LocalGroupCoordinator groups = m.engine.groups();
            JoinResponse joined = join(groups, "dashboard");

            CommitResponse committed = groups.commit(new CommitRequest("dashboard", joined.memberId(),
                    joined.assignment().generation(), Map.of(P0, 25L, P1, 30L))).block();
            assertEquals(GroupError.NONE, committed.error());
            assertEquals(Map.of(), committed.partitionErrors());

            assertEquals(70 - 25, m.gauge("rivulet.consumer.lag", "group", "dashboard", "topic", "orders", "partition", "0"));
            assertEquals(0, m.gauge("rivulet.consumer.lag", "group", "dashboard", "topic", "orders", "partition", "1"));
            produceTo(m, 1, 12);
            assertEquals(12, m.gauge("rivulet.consumer.lag", "group", "dashboard", "topic", "orders", "partition", "1"),
                    "read at scrape time: new records show as lag at once");
            assertEquals(1, m.counter("rivulet.group.commits", "group", "dashboard"));
        }
    }

    @Test
    void membersAndRebalancesFollowJoinsAndLeaves() {
        try (MeteredEngine m = MeteredEngine.open(dir)) {
            produceTo(m, 0, 1);
            LocalGroupCoordinator groups = m.engine.groups();
            JoinResponse a = join(groups, "g");
            assertEquals(1, m.gauge("rivulet.group.members", "group", "g"));
            assertEquals(1, m.counter("rivulet.group.rebalances", "group", "g"));

            JoinResponse b = join(groups, "g");
            assertEquals(2, m.gauge("rivulet.group.members", "group", "g"));
            assertEquals(2, m.counter("rivulet.group.rebalances", "group", "g"));
            // a heartbeat that changes nothing is no rebalance
            groups.heartbeat(new HeartbeatRequest("g", a.memberId(), b.assignment().generation(), a.assignment().assigned()))
                    .block();
            assertEquals(2, m.counter("rivulet.group.rebalances", "group", "g"));

            groups.leave(new LeaveRequest("g", b.memberId())).block();
            assertEquals(1, m.gauge("rivulet.group.members", "group", "g"));
            assertEquals(3, m.counter("rivulet.group.rebalances", "group", "g"));
        }
    }

    @Test
    void anEmptyGroupLeavesNoSeriesBehindButItsLagReturnsWithItsNextMember() {
        try (MeteredEngine m = MeteredEngine.open(dir)) {
            produceTo(m, 0, 10);
            LocalGroupCoordinator groups = m.engine.groups();
            JoinResponse a = join(groups, "g");
            groups.commit(new CommitRequest("g", a.memberId(), a.assignment().generation(), Map.of(P0, 4L))).block();
            assertTrue(m.metersTagged("group", "g").size() >= 4);

            groups.leave(new LeaveRequest("g", a.memberId())).block();
            assertEquals(List.of(), m.metersTagged("group", "g"));

            join(groups, "g");
            assertEquals(6, m.gauge("rivulet.consumer.lag", "group", "g", "topic", "orders", "partition", "0"),
                    "the committed offset outlived the members");
        }
    }

    @Test
    void deletingATopicRemovesEveryGroupsLagOnIt() {
        try (MeteredEngine m = MeteredEngine.open(dir)) {
            produceTo(m, 0, 10);
            LocalGroupCoordinator groups = m.engine.groups();
            JoinResponse a = join(groups, "g");
            groups.commit(new CommitRequest("g", a.memberId(), a.assignment().generation(), Map.of(P0, 4L))).block();

            m.rivulet.admin().deleteTopic("orders").block();

            assertEquals(List.of(), m.metersTagged("topic", "orders"));
            assertEquals(1, m.gauge("rivulet.group.members", "group", "g"), "the group itself lives on");
        }
    }

    @Test
    void aConsumerThatAcknowledgesEverythingBringsItsLagToZeroAndTakesItsSeriesWithItWhenItCloses() {
        try (MeteredEngine m = MeteredEngine.open(dir)) {
            produceTo(m, 0, 300);
            produceTo(m, 1, 200);
            Consumer<String, String> consumer = m.rivulet.consumer(ConsumerOptions.builder(Serdes.string(), Serdes.string())
                    .groupId("live").topics("orders").autoOffsetReset(OffsetReset.EARLIEST)
                    .heartbeatInterval(Duration.ofMillis(50)).autoCommitInterval(Duration.ofMillis(50)).build());
            Disposable subscription = consumer.receive().doOnNext(ConsumerRecord::acknowledge).subscribe();
            try {
                String[] p0 = {"group", "live", "topic", "orders", "partition", "0"};
                String[] p1 = {"group", "live", "topic", "orders", "partition", "1"};
                MeteredEngine.await("both partitions committed to the end", () ->
                        m.metrics.registry().find("rivulet.consumer.lag").tags(p0).gauge() != null
                                && m.metrics.registry().find("rivulet.consumer.lag").tags(p1).gauge() != null
                                && m.gauge("rivulet.consumer.lag", p0) == 0 && m.gauge("rivulet.consumer.lag", p1) == 0);
                assertEquals(1, m.gauge("rivulet.group.members", "group", "live"));
                assertTrue(m.counter("rivulet.group.commits", "group", "live") >= 1);
            } finally {
                subscription.dispose();
                consumer.close();
            }
            MeteredEngine.await("the group's series are gone", () -> m.metersTagged("group", "live").isEmpty());
        }
    }

    private static void produceTo(MeteredEngine m, int partition, int records) {
        if (!m.engine.topics().exists("orders")) {
            m.rivulet.admin().createTopic(NewTopic.of("orders").withPartitions(2)).block();
        }
        m.rivulet.producer(MeteredEngine.strings())
                .send(Flux.range(0, records).map(i -> ProducerRecord.<String, String>of("orders", "v" + i).withPartition(partition)))
                .blockLast();
    }

    private static JoinResponse join(LocalGroupCoordinator groups, String groupId) {
        JoinResponse r = groups.join(new JoinRequest(groupId, null, "test", "localhost", List.of("orders"),
                AssignmentStrategy.RANGE, 30_000)).block();
        assertEquals(GroupError.NONE, r.error());
        return r;
    }
}
