package io.rivulet.engine.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Settings for an in-process cluster on loopback: controllers 1..n on free ports, each with its own
 * metadata directory under a test's temporary directory, fast timeouts.
 */
final class QuorumFixture {

    static final Duration HEARTBEAT = Duration.ofMillis(100);
    static final Duration SESSION = Duration.ofMillis(1000);

    final List<ControllerAddress> controllers;
    private final Path root;

    QuorumFixture(Path root, int controllerCount) {
        this.root = root;
        List<ControllerAddress> list = new ArrayList<>();
        for (int id = 1; id <= controllerCount; id++) {
            list.add(new ControllerAddress(id, "127.0.0.1", freePort()));
        }
        this.controllers = List.copyOf(list);
    }

    /** Settings of node {@code id} (a controller if {@code id <= controllerCount}). */
    ClusterSettings settings(int id) {
        return settings(id, SESSION);
    }

    /** Settings of node {@code id} with another session timeout. */
    ClusterSettings settings(int id, Duration sessionTimeout) {
        return new ClusterSettings(id, controllers, root.resolve("node-" + id),
                new NodeEndpoint(id, "127.0.0.1", 7000 + id, 8000 + id),
                HEARTBEAT, sessionTimeout, Duration.ofMillis(150), Duration.ofMillis(300));
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls {@code condition} until it holds, failing with {@code what} after {@code timeout}. */
    static void await(Duration timeout, String what, BooleanSupplier condition) {
        await(timeout, () -> what, condition);
    }

    static void await(Duration timeout, Supplier<String> what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toMillis() + " ms: " + what.get());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what.get());
            }
        }
    }
}
