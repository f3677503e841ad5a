package io.rivulet.samples.lambda;

import io.rivulet.api.ConsumerRecord;
import io.rivulet.api.NewTopic;
import io.rivulet.api.Producer;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.Rivulet;
import io.rivulet.api.serde.Serdes;
import io.rivulet.samples.TopicReads;
import io.rivulet.samples.clicks.ClickGenerator;
import io.rivulet.samples.clicks.Clickstream;
import io.rivulet.samples.window.Click;
import io.rivulet.test.RivuletTest;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@RivuletTest
class LambdaTest {
    static final String INPUT = "clicks";
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    /**
     * While clicks are written, the serving view is asked again and again — before, during and after a
     * new batch view is installed, and after the view restarts from the recorded batch: each answer
     * equals a full recomputation of exactly the log prefix it says it covers, and the last one equals
     * the count of every click sent.
     */
    @Test
    void theMergedAnswerEqualsAFullRecomputationAtAnyMoment(Rivulet rivulet) throws Exception {
        rivulet.admin().createTopic(NewTopic.of(INPUT).withPartitions(4)).block();
        List<Click> clicks = new ClickGenerator(11, 4_000, 20_000).take(9_000, 1_767_225_600_000L, 15);
        Producer<String, String> producer = rivulet.producer(ProducerOptions.of(Serdes.string(), Serdes.string()));
        send(producer, clicks.subList(0, 3_000)).join();

        BatchView first = BatchLayer.recomputeAndRecord(rivulet, producer, INPUT).block();
        assertEquals(3_000, first.records());
        assertEquals(bruteForce(clicks.subList(0, 3_000)), first.totals());

        int checked = 0;
        long speedRecordsSeen = 0;
        ServingView view = new ServingView(rivulet, INPUT, first);
        try {
            CompletableFuture<Void> sending = send(producer, clicks.subList(3_000, 6_000));
            for (int i = 0; i < 30; i++) {
                if (i == 15) {
                    view.install(BatchLayer.recomputeAndRecord(rivulet, producer, INPUT).block());
                }
                ServingView.Answer answer = view.query();
                assertEquals(fullRecomputation(rivulet, answer.positions()), answer.totals(), "answer " + i);
                speedRecordsSeen = Math.max(speedRecordsSeen, answer.records() - sum(answer.batchCovered()));
                checked++;
            }
            sending.join();
        } finally {
            view.close();
        }
        assertTrue(speedRecordsSeen > 0, "some answers had a speed-layer part");

        // A restart: the serving view comes back from the recorded batch view, while clicks keep coming.
        send(producer, clicks.subList(6_000, 9_000)).join();
        BatchView recorded = BatchLayer.latestRecorded(rivulet, INPUT).block();
        assertTrue(recorded.records() >= 3_000, "the latest recorded batch, not the first: " + recorded.records());
        try (ServingView restarted = new ServingView(rivulet, INPUT, recorded)) {
            ServingView.Answer answer = restarted.awaitCovering(TopicReads.endOffsets(rivulet, INPUT).block(), TIMEOUT);
            assertEquals(bruteForce(clicks), answer.totals());
            assertEquals(9_000, answer.records());
        }
        assertEquals(30, checked);
    }

    static CompletableFuture<Void> send(Producer<String, String> producer, List<Click> clicks) {
        return producer.send(Flux.fromIterable(clicks).map(c -> Clickstream.record(INPUT, c))).then().toFuture();
    }

    /** Reads the prefix and counts, in a plain loop. */
    static Map<String, Long> fullRecomputation(Rivulet rivulet, Map<Integer, Long> positions) {
        Map<String, Long> totals = new TreeMap<>();
        for (ConsumerRecord<String, String> r : TopicReads.upTo(rivulet, INPUT, positions).collectList().block()) {
            totals.merge(r.key(), 1L, Long::sum);
        }
        return totals;
    }

    static Map<String, Long> bruteForce(List<Click> clicks) {
        Map<String, Long> totals = new TreeMap<>();
        clicks.forEach(c -> totals.merge(c.page(), 1L, Long::sum));
        return totals;
    }

    static long sum(Map<Integer, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }
}
