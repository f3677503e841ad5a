package io.rivulet.engine.testing;

import io.rivulet.api.PartitionDescription;
import io.rivulet.api.Rivulet;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.fail;

/** What the cluster tests ask of a cluster while nodes come and go. */
public final class ClusterChecks {
    private ClusterChecks() {
    }

    /** Partition 0 of {@code topic}, as the node the client asks describes it. */
    public static PartitionDescription partition(Rivulet client, String topic) {
        return client.admin().describeTopic(topic).block(Duration.ofSeconds(10)).partitions().get(0);
    }

    /** As {@link #await(String, Duration, BooleanSupplier)}, for up to 45 s. */
    public static void await(String what, BooleanSupplier condition) throws InterruptedException {
        await(what, Duration.ofSeconds(45), condition);
    }

    /**
     * Waits until {@code condition} holds, asking again when it throws (the node asked may be on its way down
     * or up); fails naming {@code what} after {@code timeout}.
     */
    public static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        await(what, timeout, condition, () -> "");
    }

    /**
     * As {@link #await(String, Duration, BooleanSupplier)}, and a timeout's message ends with {@code state}, what
     * the test saw at that moment, so a failure on a machine nobody can look at still tells where it stood.
     */
    public static void await(String what, Duration timeout, BooleanSupplier condition, Supplier<String> state)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException retried) {
                // ask again
            }
            Thread.sleep(50);
        }
        if (!condition.getAsBoolean()) {
            String seen = state.get();
            fail("timed out waiting: " + what + (seen.isEmpty() ? "" : "; " + seen));
        }
    }
}
