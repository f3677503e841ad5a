package io.rivulet.engine.embedded;

import io.rivulet.api.Consumer;
import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.NewTopic;
import io.rivulet.api.OffsetReset;
import io.rivulet.api.PartitionLag;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.Rivulet;
import io.rivulet.api.StartAt;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.InvalidOffsetException;
import io.rivulet.api.errors.RivuletException;
import io.rivulet.api.errors.UnknownTopicException;
import io.rivulet.api.serde.Serdes;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Moving and deleting groups through the Admin api, in process and over the native protocol. */
class GroupAdminTest {
    private static final String TOPIC = "clicks";
    private static final TopicPartition P0 = TopicPartition.of(TOPIC, 0);
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    private static ConsumerOptions<String, String> member() {
        return ConsumerOptions.builder(Serdes.string(), Serdes.string())
                .groupId("g").topics(TOPIC).autoOffsetReset(OffsetReset.EARLIEST)
                .sessionTimeout(Duration.ofMillis(600)).heartbeatInterval(Duration.ofMillis(50)).build();
    }

    /** Ten records on partition 0, stamped T0, T0 + 1000, … */
    private static void produce(Rivulet r) {
        r.admin().createTopic(NewTopic.of(TOPIC).withPartitions(2)).block();
        r.producer(EngineFixtures.strings()).send(Flux.range(0, 10)
                        .map(i -> new ProducerRecord<String, String>(TOPIC, 0, "k" + i, "v" + i, T0 + i * 1000L, null)))
                .blockLast(Duration.ofSeconds(30));
    }

    private static long committed(Rivulet r, TopicPartition tp) {
        return r.admin().describeGroup("g").block().partitions().stream()
                .filter(l -> l.topicPartition().equals(tp)).mapToLong(PartitionLag::committedOffset).findFirst()
                .orElse(PartitionLag.NO_OFFSET);
    }

    private static void awaitSize(List<?> list, int size) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (list.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(size, list.size());
    }

    private static ErrorCode code(Runnable call) {
        return assertThrows(RivuletException.class, call::run).code();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void positionsAreResolvedLikeAReadersStart(Mode mode) {
        try (Rivulet r = mode.open(dir)) {
            produce(r);
            assertEquals(0L, r.admin().offsetOf(P0, StartAt.earliest()).block());
            assertEquals(10L, r.admin().offsetOf(P0, StartAt.latest()).block());
            assertEquals(4L, r.admin().offsetOf(P0, StartAt.timestamp(T0 + 3500)).block(), "first at or after");
            assertEquals(10L, r.admin().offsetOf(P0, StartAt.timestamp(T0 + 99_000)).block(), "none yet: the end");
            assertEquals(7L, r.admin().offsetOf(P0, StartAt.offset(7)).block());
            assertEquals(ErrorCode.OFFSET_OUT_OF_RANGE, code(() -> r.admin().offsetOf(P0, StartAt.offset(11)).block()));
            assertThrows(UnknownTopicException.class,
                    () -> r.admin().offsetOf(TopicPartition.of("nope", 0), StartAt.earliest()).block());
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anEmptyGroupIsMovedAndItsNextMemberStartsThere(Mode mode) throws Exception {
        try (Rivulet r = mode.open(dir)) {
            produce(r);
            Consumer<String, String> c = r.consumer(member());
            List<Long> read = new CopyOnWriteArrayList<>();
            Disposable first = c.receive().subscribe(rec -> {
                read.add(rec.offset());
                rec.acknowledge();
            });
            awaitSize(read, 10);
            // a member is in the group as long as its stream is subscribed
            assertEquals(ErrorCode.GROUP_NOT_EMPTY, code(() -> r.admin().alterGroupOffsets("g", Map.of(P0, 2L)).block()));
            assertEquals(ErrorCode.GROUP_NOT_EMPTY, code(() -> r.admin().deleteGroup("g").block()));
            first.dispose();
            c.close();
            assertEquals(10, committed(r, P0), "the refusals changed nothing");

            r.admin().alterGroupOffsets("g", Map.of(P0, r.admin().offsetOf(P0, StartAt.timestamp(T0 + 6000)).block()))
                    .block();
            assertEquals(6, committed(r, P0));

            Consumer<String, String> again = r.consumer(member());
            List<Long> offsets = new CopyOnWriteArrayList<>();
            Disposable stream = again.receive().subscribe(rec -> {
                offsets.add(rec.offset());
                rec.acknowledge();
            });
            awaitSize(offsets, 4);
            Thread.sleep(200); // and nothing more arrives
            stream.dispose();
            again.close();
            assertEquals(List.of(6L, 7L, 8L, 9L), offsets, "resumes where the group was moved, nothing more");
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void badPositionsAreRefusedAndNothingIsStored(Mode mode) {
        try (Rivulet r = mode.open(dir)) {
            produce(r);
            assertThrows(UnknownTopicException.class,
                    () -> r.admin().alterGroupOffsets("g", Map.of(TopicPartition.of("nope", 0), 1L)).block());
            assertEquals(ErrorCode.UNKNOWN_PARTITION,
                    code(() -> r.admin().alterGroupOffsets("g", Map.of(TopicPartition.of(TOPIC, 5), 1L)).block()));
            assertThrows(InvalidOffsetException.class,
                    () -> r.admin().alterGroupOffsets("g", Map.of(P0, 1L, TopicPartition.of(TOPIC, 1), -1L)).block());
            assertEquals(ErrorCode.UNKNOWN_GROUP, code(() -> r.admin().describeGroup("g").block()),
                    "not even the valid position of a refused request was stored");
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aDeletedGroupIsGoneAndStartsOverFromTheResetPolicy(Mode mode) {
        try (Rivulet r = mode.open(dir)) {
            produce(r);
            r.admin().alterGroupOffsets("g", Map.of(P0, 8L)).block();
            assertTrue(r.admin().listGroups().block().contains("g"));
            r.admin().deleteGroup("g").block();
            assertEquals(ErrorCode.UNKNOWN_GROUP, code(() -> r.admin().describeGroup("g").block()));
            assertEquals(List.of(), r.admin().listGroups().block());
            assertEquals(ErrorCode.UNKNOWN_GROUP, code(() -> r.admin().deleteGroup("g").block()), "deleted once");
        }
    }
}
