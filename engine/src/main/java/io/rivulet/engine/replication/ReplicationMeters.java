package io.rivulet.engine.replication;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The replication meters of a node: ISR shrinks and expands it asked for and got, and how many partitions it
 * leads with fewer in-sync replicas than replicas.
 */
public final class ReplicationMeters {
    private final Counter shrinks;
    private final Counter expands;
    private final AtomicInteger underReplicated = new AtomicInteger();

    public ReplicationMeters(MeterRegistry registry) {
        this.shrinks = Counter.builder("rivulet.replication.isr.shrinks")
                .description("ISR shrinks this node's leaders made: a follower fell behind or went away")
                .register(registry);
        this.expands = Counter.builder("rivulet.replication.isr.expands")
                .description("ISR expands this node's leaders made: a follower caught up again")
                .register(registry);
        Gauge.builder("rivulet.replication.under.replicated.partitions", underReplicated, AtomicInteger::get)
                .description("Partitions this node leads whose ISR is smaller than their replica list")
                .register(registry);
    }

    void isrChanged(boolean shrink) {
        (shrink ? shrinks : expands).increment();
    }

    void underReplicated(int partitions) {
        underReplicated.set(partitions);
    }
}
