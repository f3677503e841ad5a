package io.rivulet.engine.metrics;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProducerStallTest {
    private final AtomicLong now = new AtomicLong();

    @Test
    void aProducerWaitingOnItsInFlightBoundPastTheThresholdShowsAsStalled() {
        try (EngineMetrics metrics = new EngineMetrics(Duration.ofSeconds(5), now::get)) {
            StallWatch.Waiter producer = metrics.producerStalls().register("producer to orders");
            producer.waiting("max.in.flight.records");
            now.addAndGet(Duration.ofSeconds(4).toNanos());
            assertEquals(0, stalled(metrics));

            now.addAndGet(Duration.ofSeconds(1).toNanos());
            assertEquals(1, stalled(metrics));

            producer.resumed();
            assertEquals(0, stalled(metrics));
            producer.close();
        }
    }

    @Test
    void theEngineChecksProducersAndListenersAlikeAndStopsOnceClosed() {
        EngineMetrics metrics = new EngineMetrics(Duration.ofSeconds(5), now::get);
        metrics.producerStalls().register("p").waiting("max.in.flight.records");
        ListenerMetrics.Stream s = metrics.listener(ListenerMetrics.Listener.NATIVE).streamOpened("t-0 to /1.2.3.4:5");
        s.waiting("credits");
        now.addAndGet(Duration.ofSeconds(6).toNanos());

        metrics.checkStalls();

        // each watch reported its stall once; a second check has nothing new to say
        assertEquals(0, metrics.producerStalls().check());
        assertEquals(0, metrics.listener(ListenerMetrics.Listener.NATIVE).stalls().check());
        metrics.close();
        metrics.checkStalls(); // after close: a no-op, not an error
    }

    private static double stalled(EngineMetrics metrics) {
        return metrics.registry().get("rivulet.producer.stalled").gauge().value();
    }
}
