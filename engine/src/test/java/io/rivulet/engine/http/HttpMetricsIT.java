package io.rivulet.engine.http;

import io.rivulet.engine.metrics.EngineMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The listener reports to the node's metrics, read back through its own {@code /metrics}. */
class HttpMetricsIT {
    @TempDir
    Path dir;

    /** The value of one series of the scrape, e.g. {@code rivulet_listener_connections{listener="ws"}}. */
    private static double series(String scrape, String name, String labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name + "{" + labels) + "[^}]*} (\\S+)$").matcher(scrape);
        assertTrue(m.find(), name + "{" + labels + "} not in the scrape");
        return Double.parseDouble(m.group(1));
    }

    private static double awaitSeries(HttpFixture fx, String name, String labels, double expected) throws InterruptedException {
        long deadline = System.nanoTime() + HttpFixture.TIMEOUT.toNanos();
        double value;
        do {
            value = series(fx.get("/metrics").body(), name, labels);
            if (value == expected) {
                return value;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        return value;
    }

    @Test
    void aWebSocketSessionAndItsStreamAreCountedWhileOpenAndGoneOnceClosed() throws Exception {
        try (HttpFixture fx = HttpFixture.secured(dir, null, null, null)) {
            fx.postJson("/topics", "{\"name\":\"t\",\"partitions\":1}");
            assertEquals(0.0, series(fx.get("/metrics").body(), "rivulet_listener_connections", "listener=\"ws\""));
            try (TestSocket ws = TestSocket.connect(fx.client, fx.wsUri("/ws/consume?topic=t&from=earliest"))) {
                fx.postJson("/topics/t/records", "{\"value\":\"v\"}");
                ws.next(); // the session is running
                String scrape = fx.get("/metrics").body();
                assertEquals(1.0, series(scrape, "rivulet_listener_connections", "listener=\"ws\""));
                assertEquals(1.0, series(scrape, "rivulet_listener_streams", "listener=\"ws\""));
                assertTrue(series(scrape, "rivulet_listener_connections", "listener=\"http\"") >= 1.0);
            }
            assertEquals(0.0, awaitSeries(fx, "rivulet_listener_connections", "listener=\"ws\"", 0.0));
            assertEquals(0.0, awaitSeries(fx, "rivulet_listener_streams", "listener=\"ws\"", 0.0));
            assertEquals(1.0, series(fx.get("/metrics").body(), "rivulet_listener_connections_closed_total", "listener=\"ws\""));
        }
    }

    @Test
    void theListenersOwnRefusalsCountAsInvalidRequest() {
        try (HttpFixture fx = HttpFixture.secured(dir, null, null, null)) {
            assertEquals(400, fx.postJson("/topics", "{\"name\":").status());
            assertEquals(404, fx.get("/no/such/endpoint").status());
            String scrape = EngineMetrics.of(fx.rivulet).scrape();
            assertEquals(2.0, series(scrape, "rivulet_errors_total", "code=\"INVALID_REQUEST\""));
        }
    }

    @Test
    void aRefusedTokenCountsAsAuthenticationFailed() {
        try (HttpFixture fx = HttpFixture.secured(dir, "t0ken", null, null)) {
            assertEquals(401, fx.get("/topics").status());
            String scrape = EngineMetrics.of(fx.rivulet).scrape();
            assertEquals(1.0, series(scrape, "rivulet_errors_total", "code=\"AUTHENTICATION_FAILED\""));
        }
    }
}
