package io.rivulet.engine.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * While a node has not registered with its cluster, shakes hands with each controller every few seconds to find a
 * TLS mismatch that would keep it out for ever (see {@link PeerHandshake}); the same mismatch twice in a row is
 * reported once to {@code onMismatch}, and the check stops. Inconclusive outcomes (nobody there yet, no answer)
 * are only remembered, for the message of a node that gives up waiting ({@link #lastOutcomes}).
 *
 * <p>Runs on its own daemon thread {@code rivulet-tls-check-<node>}, as the handshakes block.
 */
final class TransportCheck implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TransportCheck.class);
    /** How long a node waits for registration before the first check, and between checks. */
    static final Duration PERIOD = Duration.ofSeconds(4);
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(2);

    private final ClusterSettings settings;
    private TlsProbe probe; // made on the check's thread, on its first round
    private final Consumer<String> onMismatch;
    private final ScheduledExecutorService thread;
    private final Map<Integer, String> previous = new LinkedHashMap<>();
    private final Map<Integer, String> outcomes = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean done;

    private TransportCheck(ClusterSettings settings, Consumer<String> onMismatch) {
        this.settings = settings;
        this.onMismatch = onMismatch;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rivulet-tls-check-" + settings.nodeId());
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts checking after one {@link #PERIOD}; {@link #close} stops it (on registration, say). */
    static TransportCheck start(ClusterSettings settings, Consumer<String> onMismatch) {
        TransportCheck check = new TransportCheck(settings, onMismatch);
        long period = PERIOD.toMillis();
        check.thread.scheduleWithFixedDelay(check::round, period, period, TimeUnit.MILLISECONDS);
        return check;
    }

    private void round() {
        if (probe == null) {
            try {
                probe = TlsProbe.of(settings.tls(), HANDSHAKE_TIMEOUT);
            } catch (RuntimeException e) {
                log.warn("node {}: no TLS check of the controllers: {}", settings.nodeId(), e.getMessage());
                close();
                return;
            }
        }
        for (ControllerAddress c : settings.controllers()) {
            if (done) {
                return;
            }
            PeerHandshake outcome = probe.probe(c);
            outcomes.put(c.id(), outcome.kind() + " (" + outcome.detail() + ")");
            Optional<String> mismatch = outcome.mismatch(settings.tls() != null, c, settings.tls());
            if (mismatch.isEmpty()) {
                previous.remove(c.id());
                continue;
            }
            log.warn("node {} cannot join its cluster: {}", settings.nodeId(), mismatch.get());
            // twice in a row, so a controller caught mid-start or mid-stop does not decide
            if (mismatch.get().equals(previous.put(c.id(), mismatch.get()))) {
                done = true;
                thread.shutdown();
                onMismatch.accept(mismatch.get());
                return;
            }
        }
    }

    /** What the last handshake with each controller showed, for a node that gave up waiting. */
    String lastOutcomes() {
        return outcomes.isEmpty() ? "no TLS handshake tried yet" : "TLS handshakes with the controllers: " + outcomes;
    }

    @Override
    public void close() {
        done = true;
        thread.shutdownNow();
    }
}
