package io.rivulet.engine.embedded;

import io.rivulet.api.NewTopic;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.Rivulet;
import io.rivulet.api.StartAt;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.OffsetOutOfRangeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

class RetentionAndIdleTest {
    @TempDir
    Path dir;

    @Test
    void retentionRunsOnTheEnginesScheduleAndReadersBelowTheNewStartGetATypedError() throws Exception {
        try (Rivulet r = EngineFixtures.open(dir, Map.of("log.retention.check.interval.ms", "50"))) {
            r.admin().createTopic(NewTopic.of("short").withConfig("segment.bytes", "65536").withConfig("max.message.bytes", "16384")
                    .withConfig("retention.bytes", "131072")).block();
            r.producer(EngineFixtures.strings()).send(Flux.range(0, 2000)
                    .map(i -> ProducerRecord.of("short", "x".repeat(500)))).blockLast();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            long start = 0;
            while (start == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
                start = r.admin().describeTopic("short").block().partitions().get(0).logStartOffset();
            }
            assertTrue(start > 0, "retention moved the log start");
            StepVerifier.create(r.consumer(EngineFixtures.reader()).read(new TopicPartition("short", 0), StartAt.offset(0)))
                    .expectError(OffsetOutOfRangeException.class).verify(Duration.ofSeconds(5));
            // retention may move the start further while we look; earliest is never below what it reported
            long first = r.consumer(EngineFixtures.reader()).read(new TopicPartition("short", 0),
                    StartAt.earliest()).blockFirst(Duration.ofSeconds(5)).offset();
            assertTrue(first >= start, "earliest " + first + " is at or after the reported start " + start);
        }
    }

    @Test
    void parkedTailsCostNoCpu() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (Rivulet r = EngineFixtures.open(dir)) {
            r.admin().createTopic(NewTopic.of("quiet").withPartitions(4)).block();
            List<Disposable> tails = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                tails.add(r.consumer(EngineFixtures.reader())
                        .read(new TopicPartition("quiet", i % 4), StartAt.latest()).subscribe());
            }
            Thread.sleep(200); // let every tail reach the end and park
            long before = fetchCpuNanos(threads);
            Thread.sleep(1000);
            long used = fetchCpuNanos(threads) - before;
            tails.forEach(Disposable::dispose);
            // a polling loop would burn most of a core here; parked tails hold no thread at all
            assertTrue(used < Duration.ofMillis(50).toNanos(), "fetch threads used " + used / 1_000_000 + " ms of CPU");
        }
    }

    private static long fetchCpuNanos(ThreadMXBean threads) {
        return Arrays.stream(threads.getThreadInfo(threads.getAllThreadIds()))
                .filter(t -> t != null && t.getThreadName().startsWith("rivulet-fetch"))
                .mapToLong(t -> Math.max(0, threads.getThreadCpuTime(t.getThreadId())))
                .sum();
    }
}
