package io.rivulet.engine.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ListenerMetricsTest {
    private final AtomicLong now = new AtomicLong();
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final ListenerMetrics nativeListener = new ListenerMetrics(registry, ListenerMetrics.Listener.NATIVE,
            new StallWatch("native stream", Duration.ofSeconds(5), Duration.ofSeconds(30), now::get, new CapturingLogger()));

    @Test
    void openConnectionsGoUpAndDownWhileOpenedAndClosedOnlyCount() {
        nativeListener.connectionOpened();
        nativeListener.connectionOpened();
        nativeListener.connectionOpened();
        nativeListener.connectionClosed();

        assertEquals(2, gauge("rivulet.listener.connections"));
        assertEquals(3, registry.get("rivulet.listener.connections.opened").tag("listener", "native").counter().count());
        assertEquals(1, registry.get("rivulet.listener.connections.closed").tag("listener", "native").counter().count());
    }

    @Test
    void creditsAreSummedOverOpenStreamsAndLeaveWithAClosedStream() {
        ListenerMetrics.Stream a = nativeListener.streamOpened("orders-0 to /10.0.0.7:5000");
        ListenerMetrics.Stream b = nativeListener.streamOpened("orders-1 to /10.0.0.7:5000");
        a.credits(100);
        b.credits(50);
        a.credits(60); // a used 40
        assertEquals(2, gauge("rivulet.listener.streams"));
        assertEquals(110, gauge("rivulet.listener.credits"));

        a.close();
        a.close(); // idempotent
        assertEquals(1, gauge("rivulet.listener.streams"));
        assertEquals(50, gauge("rivulet.listener.credits"));
        a.credits(500); // a late update from a closed stream changes nothing
        assertEquals(50, gauge("rivulet.listener.credits"));
    }

    @Test
    void aStreamWaitingOnCreditsPastTheThresholdShowsAsStalled() {
        ListenerMetrics.Stream s = nativeListener.streamOpened("orders-0 to /10.0.0.7:5000");
        s.credits(0);
        s.waiting("credits");
        now.addAndGet(Duration.ofSeconds(6).toNanos());
        assertEquals(1, gauge("rivulet.listener.streams.stalled"));

        s.resumed();
        assertEquals(0, gauge("rivulet.listener.streams.stalled"));
        s.waiting("credits");
        now.addAndGet(Duration.ofSeconds(6).toNanos());
        s.close();
        assertEquals(0, gauge("rivulet.listener.streams.stalled"), "a closed stream is not stalled");
    }

    @Test
    void closingTheListenerRemovesItsMeters() {
        nativeListener.close();
        assertEquals(List.of(), registry.getMeters());
    }

    @Test
    void theEngineMakesOneListenerMetricsPerListener() {
        try (EngineMetrics metrics = new EngineMetrics()) {
            ListenerMetrics http = metrics.listener(ListenerMetrics.Listener.HTTP);
            assertEquals(http, metrics.listener(ListenerMetrics.Listener.HTTP));
            http.connectionOpened();
            assertEquals(1, metrics.registry().get("rivulet.listener.connections").tag("listener", "http").gauge().value());
        }
    }

    private double gauge(String name) {
        return registry.get(name).tag("listener", "native").gauge().value();
    }
}
