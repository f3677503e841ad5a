package io.rivulet.engine.embedded;

import io.rivulet.engine.consume.GroupConsumer;
import io.rivulet.api.Consumer;
import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.ConsumerRecord;
import io.rivulet.api.NewTopic;
import io.rivulet.api.OffsetReset;
import io.rivulet.api.PartitionLag;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.Rivulet;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.serde.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroupConsumeTest {
    private static final String TOPIC = "shared";

    @TempDir
    Path dir;

    /** What every member saw: (partition, offset) → how many times delivered, and who holds what now. */
    static final class Tally {
        final Map<TopicPartition, Map<Long, AtomicInteger>> deliveries = new ConcurrentHashMap<>();
        final List<Set<Integer>> owned = new ArrayList<>();

        void delivered(ConsumerRecord<String, String> r) {
            deliveries.computeIfAbsent(r.topicPartition(), k -> new ConcurrentHashMap<>())
                    .computeIfAbsent(r.offset(), k -> new AtomicInteger()).incrementAndGet();
        }

        long distinct() {
            return deliveries.values().stream().mapToLong(Map::size).sum();
        }

        long duplicates() {
            return deliveries.values().stream().flatMap(m -> m.values().stream()).filter(c -> c.get() > 1).count();
        }

        int holders() {
            return owned.stream().mapToInt(Set::size).sum();
        }
    }

    private static ConsumerOptions<String, String> member(String clientId) {
        return ConsumerOptions.builder(Serdes.string(), Serdes.string())
                .groupId("g").topics(TOPIC).clientId(clientId).autoOffsetReset(OffsetReset.EARLIEST)
                .sessionTimeout(Duration.ofMillis(600)).heartbeatInterval(Duration.ofMillis(50))
                .autoCommitInterval(Duration.ofMillis(50)).build();
    }

    private static Disposable join(Consumer<String, String> c, Tally tally) {
        Set<Integer> mine = ConcurrentHashMap.newKeySet();
        tally.owned.add(mine);
        return c.receivePartitions().flatMap(p -> {
            mine.add(p.topicPartition().partition());
            return p.doOnNext(r -> {
                tally.delivered(r);
                r.acknowledge();
            }).doFinally(s -> mine.remove(p.topicPartition().partition()));
        }, 64).subscribe();
    }

    private static void produce(Rivulet r, int from, int count) {
        r.producer(EngineFixtures.strings()).send(Flux.range(from, count)
                .map(i -> ProducerRecord.of(TOPIC, "k" + i, "v" + i))).blockLast(Duration.ofSeconds(30));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void threeMembersShareSixPartitionsAndAGracefulLeaveRedeliversNothing(Mode mode) throws Exception {
        try (Rivulet r = mode.open(dir)) {
            r.admin().createTopic(NewTopic.of(TOPIC).withPartitions(6)).block();
            Tally tally = new Tally();
            List<Consumer<String, String>> consumers = new ArrayList<>();
            List<Disposable> subs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                consumers.add(r.consumer(member("m" + i)));
                subs.add(join(consumers.get(i), tally));
            }
            await("each member holds 2 partitions",
                    () -> tally.holders() == 6 && tally.owned.stream().allMatch(s -> s.size() == 2));
            Set<Integer> union = new HashSet<>();
            tally.owned.forEach(union::addAll);
            assertEquals(Set.of(0, 1, 2, 3, 4, 5), union);

            produce(r, 0, 3000);
            await("3000 records seen", () -> tally.distinct() == 3000);
            var d = r.admin().describeGroup("g").block();
            assertEquals(3, d.members().size());

            consumers.get(0).close(); // leaves: revoke, final commit, leave
            subs.get(0).dispose();
            await("two members hold 3 each", () -> tally.owned.get(1).size() == 3 && tally.owned.get(2).size() == 3);
            produce(r, 3000, 3000);
            await("6000 records seen", () -> tally.distinct() == 6000);
            assertEquals(0, tally.duplicates(), "acknowledged records were committed on leave and not sent again");
            await("lag reaches 0", () -> r.admin().describeGroup("g").block().totalLag() == 0);
            subs.forEach(Disposable::dispose);
            consumers.forEach(Consumer::close);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aKilledMembersPartitionsMoveAfterTheSessionTimeoutWithNoneSkipped(Mode mode) throws Exception {
        try (Rivulet r = mode.open(dir)) {
            r.admin().createTopic(NewTopic.of(TOPIC).withPartitions(6)).block();
            Tally tally = new Tally();
            GroupConsumer<String, String> doomed = (GroupConsumer<String, String>) r.consumer(member("doomed"));
            Consumer<String, String> survivor = r.consumer(member("survivor"));
            Consumer<String, String> other = r.consumer(member("other"));
            Disposable doomedStream = join(doomed, tally);
            join(survivor, tally);
            join(other, tally);
            await("each of the three holds 2", () -> tally.owned.stream().allMatch(owned -> owned.size() == 2));
            produce(r, 0, 2000);
            await("2000 records seen", () -> tally.distinct() == 2000);
            await("everything acknowledged is committed", () -> r.admin().describeGroup("g").block().totalLag() == 0);

            doomed.halt(); // no leave, no heartbeats: the coordinator must notice by the session timeout
            doomedStream.dispose(); // and it processes nothing more, like a dead process
            produce(r, 2000, 2000);
            await("the two left took all 6", () -> tally.owned.get(1).size() + tally.owned.get(2).size() == 6
                    && tally.owned.get(1).size() == 3 && tally.owned.get(2).size() == 3);
            await("4000 records seen", () -> tally.distinct() == 4000);
            // everything the dead member acknowledged was committed before it died: nothing is sent again
            assertEquals(0, tally.duplicates());
            for (PartitionLag lag : r.admin().describeGroup("g").block().partitions()) {
                assertTrue(lag.committedOffset() <= lag.endOffset());
            }
            survivor.close();
            other.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void committedOffsetsSurviveARestartAndTheNextMemberResumesThere(Mode mode) throws Exception {
        try (Rivulet r = mode.open(dir)) {
            r.admin().createTopic(NewTopic.of(TOPIC).withPartitions(2)).block();
            produce(r, 0, 1000);
            Consumer<String, String> c = r.consumer(member("first"));
            List<ConsumerRecord<String, String>> got = c.receive().take(600)
                    .doOnNext(ConsumerRecord::acknowledge).collectList().block(Duration.ofSeconds(20));
            assertEquals(600, got.size());
            c.close(); // final commit covers the 600 acknowledged records
        }
        try (Rivulet r = mode.open(dir)) {
            var lag = r.admin().describeGroup("g").block();
            assertEquals(400, lag.totalLag(), "committed 600 of 1000 before the restart");
            Consumer<String, String> c = r.consumer(member("second"));
            long rest = c.receive().take(Duration.ofSeconds(2)).doOnNext(ConsumerRecord::acknowledge)
                    .count().block(Duration.ofSeconds(20));
            assertEquals(400, rest, "resumes at the committed offsets: none skipped, none sent again");
            c.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void recordsAcknowledgedOutOfOrderCommitOnlyTheContiguousPrefix(Mode mode) throws Exception {
        try (Rivulet r = mode.open(dir)) {
            r.admin().createTopic(NewTopic.of(TOPIC).withPartitions(1)).block();
            produce(r, 0, 10);
            Consumer<String, String> c = r.consumer(member("picky"));
            List<ConsumerRecord<String, String>> got = new java.util.concurrent.CopyOnWriteArrayList<>();
            Disposable stream = c.receive().subscribe(got::add);
            await("10 records delivered", () -> got.size() == 10);
            for (ConsumerRecord<String, String> rec : got) {
                if (rec.offset() != 4) {
                    rec.acknowledge(); // everything but offset 4
                }
            }
            c.commit().block(Duration.ofSeconds(5));
            assertEquals(4, r.admin().describeGroup("g").block().partitions().get(0).committedOffset(),
                    "the commit stops before the first unacknowledged record");
            got.get(4).commit().block(Duration.ofSeconds(5));
            assertEquals(10, r.admin().describeGroup("g").block().partitions().get(0).committedOffset());
            stream.dispose();
            c.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aConsumerStreamThatFailsCanBeRetriedAndResumesFromTheCommittedPosition(Mode mode) {
        try (Rivulet r = mode.open(dir)) {
            r.admin().createTopic(NewTopic.of(TOPIC).withPartitions(1)).block();
            produce(r, 0, 20);
            Consumer<String, String> c = r.consumer(member("retrying"));
            AtomicInteger failures = new AtomicInteger();
            List<Long> processed = new ArrayList<>();
            c.receive()
                    .doOnNext(rec -> {
                        if (rec.offset() == 10 && failures.getAndIncrement() == 0) {
                            throw new IllegalStateException("a user error at 10, once");
                        }
                        processed.add(rec.offset());
                        rec.acknowledge();
                    })
                    .retry(1)
                    .take(20 - 10 + 10)
                    .take(Duration.ofSeconds(5))
                    .blockLast(Duration.ofSeconds(20));
            assertEquals(2, failures.get(), "offset 10 came twice: it failed, and the retry delivered it again");
            assertEquals(20, new HashSet<>(processed).size(), "every record processed, the failed one on retry");
            assertEquals(10L, processed.get(10), "the retry resumed at the committed position, the failed record");
            c.close();
        }
    }
}
