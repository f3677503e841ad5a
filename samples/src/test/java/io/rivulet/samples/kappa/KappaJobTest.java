package io.rivulet.samples.kappa;

import io.rivulet.api.GroupDescription;
import io.rivulet.api.NewTopic;
import io.rivulet.api.PartitionLag;
import io.rivulet.api.Producer;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.Rivulet;
import io.rivulet.api.serde.Serdes;
import io.rivulet.samples.clicks.ClickGenerator;
import io.rivulet.samples.clicks.Clickstream;
import io.rivulet.samples.window.Aggregate;
import io.rivulet.samples.window.BruteForce;
import io.rivulet.samples.window.Click;
import io.rivulet.test.RivuletTest;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@RivuletTest
class KappaJobTest {
    static final String INPUT = "clicks";
    static final long START = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    static final Duration CATCH_UP = Duration.ofSeconds(60);

    /**
     * Half the clicks, the job, a stop in the middle of its work, the other half, a new instance of the
     * job: the last aggregate per key is the brute-force answer over the same input, late and
     * out-of-order clicks included, as if the job had never stopped.
     */
    @Test
    void windowedCountsAndTopPagesEqualTheBruteForceAnswerAcrossARestart(Rivulet rivulet) {
        rivulet.admin().createTopic(NewTopic.of(INPUT).withPartitions(4)).block();
        List<Click> clicks = new ClickGenerator(42, 4_000, 40_000).take(8_000, START, 15);
        Producer<String, String> producer = rivulet.producer(ProducerOptions.of(Serdes.string(), Serdes.string()));
        JobVersion v1 = JobVersion.v1(INPUT);

        send(producer, clicks.subList(0, 4_000));
        KappaJob first = KappaJob.start(rivulet, v1);
        awaitSomeCheckpoint(first);
        first.close(); // wherever it was: a chunk's outputs may be written without its checkpoint
        Map<Integer, Long> checkpointed = first.positions();
        GroupDescription group = rivulet.admin().describeGroup(v1.groupId()).block();
        for (PartitionLag lag : group.partitions()) {
            assertTrue(lag.committedOffset() <= checkpointed.getOrDefault(lag.topicPartition().partition(), 0L),
                    "offsets are committed only once the state covering them is written: " + lag + " " + checkpointed);
        }

        send(producer, clicks.subList(4_000, clicks.size()));
        try (KappaJob second = KappaJob.start(rivulet, v1)) {
            second.awaitCaughtUp(rivulet, CATCH_UP);
        }

        Map<Integer, List<Click>> input = KappaOutputs.inputByPartition(rivulet, INPUT);
        BruteForce expected = BruteForce.of(input, v1.logic());
        Map<String, Aggregate> outputs = KappaOutputs.latest(rivulet, v1.outputTopic());
        Map<Integer, Aggregate.Progress> progress = KappaOutputs.takeProgress(outputs);
        KappaOutputs.assertSameOutputs(expected.expectedOutputs(), outputs);
        Map<Integer, Long> late = new TreeMap<>();
        progress.forEach((p, pr) -> late.put(p, pr.lateClicks()));
        assertEquals(expected.late, late);
        assertTrue(expected.late.values().stream().mapToLong(Long::longValue).sum() > 50,
                "the input has late clicks: " + expected.late);
        assertTrue(outOfOrder(input) > 500, "the input has out-of-order clicks");
        assertEquals(4, input.size(), "the clicks spread over every partition");
    }

    static void send(Producer<String, String> producer, List<Click> clicks) {
        producer.send(Flux.fromIterable(clicks).map(c -> Clickstream.record(INPUT, c))).blockLast();
    }

    static void awaitSomeCheckpoint(KappaJob job) {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        while (job.positions().isEmpty() && System.nanoTime() < deadline) {
            sleep(5);
        }
        assertTrue(!job.positions().isEmpty(), "the job wrote no checkpoint");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static long outOfOrder(Map<Integer, List<Click>> input) {
        long n = 0;
        for (List<Click> clicks : input.values()) {
            long max = Long.MIN_VALUE;
            for (Click c : clicks) {
                if (c.eventTime() < max) {
                    n++;
                }
                max = Math.max(max, c.eventTime());
            }
        }
        return n;
    }
}
