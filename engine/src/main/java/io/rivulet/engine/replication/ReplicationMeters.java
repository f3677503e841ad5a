package io.rivulet.engine.replication;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The replication meters of a node: ISR shrinks and expands of the partitions it leads (whoever made them: the
 * leader asking, or the controller fencing a node), and how many partitions it leads with fewer in-sync
 * replicas than replicas.
 */
public final class ReplicationMeters {
    private final Counter shrinks;
    private final Counter expands;
    private final AtomicInteger underReplicated = new AtomicInteger();

    public ReplicationMeters(MeterRegistry registry) {
        this.shrinks = Counter.builder("rivulet.replication.isr.shrinks")
                .description("ISR shrinks of partitions this node leads: a follower fell behind or its node was fenced")
                .register(registry);
        this.expands = Counter.builder("rivulet.replication.isr.expands")
                .description("ISR expands of partitions this node leads: a follower caught up again")
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
