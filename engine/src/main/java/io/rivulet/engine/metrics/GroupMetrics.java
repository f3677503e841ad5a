package io.rivulet.engine.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.rivulet.api.TopicPartition;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Consumer-group meters, fed by the group coordinator: members, rebalances and commits per group, and
 * the lag of each partition a group has committed (high watermark minus committed offset).
 *
 * <p><b>Lifetime.</b> A group's meters exist while it has members: {@link #groupChanged} registers them
 * on the first change that leaves the group non-empty, {@link #groupRemoved} removes them all once it is
 * empty — committed offsets outlive the group, series do not, so a dead group costs nothing. A partition's
 * lag gauge is added the first time the live group has a committed offset for it, and removed with the
 * group or when its topic is deleted. Cardinality: live groups × partitions they committed.
 *
 * <p>Threading: thread-safe; the coordinator calls it under the group's monitor, scrapes call the lag
 * function from any thread (it must be lock-free).
 */
public final class GroupMetrics implements AutoCloseable {
    /** Computes a partition's lag for a group, lock-free; NaN when unknown (no commit, topic gone). */
    @FunctionalInterface
    public interface Lag {
        double of(String groupId, TopicPartition tp);
    }

    private final MeterRegistry registry;
    private final Map<String, GroupMeters> groups = new ConcurrentHashMap<>();
    private volatile Lag lag = (g, tp) -> Double.NaN;

    GroupMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Meters that go nowhere, for a coordinator run without an engine (tests, tools). */
    public static GroupMetrics none() {
        return new GroupMetrics(new CompositeMeterRegistry());
    }

    /** Where lag gauges read their value; the coordinator sets it once it is open. */
    public void lagFrom(Lag lag) {
        this.lag = lag;
    }

    /**
     * The group changed (joined, heartbeat, left, expired, rebalanced): records its member count and any
     * rebalance since the last call (its generation moved), registering its meters if it had none; then
     * {@code committed} is asked for the partitions it has committed offsets for, to add their lag gauges.
     */
    public void groupChanged(String groupId, int members, int generation,
                             Supplier<? extends Collection<TopicPartition>> committed) {
        GroupMeters m = groups.get(groupId);
        if (m == null) {
            m = groups.computeIfAbsent(groupId, GroupMeters::new);
            committed.get().forEach(m::lagGauge); // offsets committed before the group had members this time
        }
        m.members.set(members);
        int rebalances = generation - m.generation;
        if (rebalances > 0) {
            m.rebalances.increment(rebalances);
        }
        m.generation = Math.max(m.generation, generation);
    }

    /** A commit of {@code partitions} by the group was stored. */
    public void committed(String groupId, Collection<TopicPartition> partitions) {
        GroupMeters m = groups.get(groupId);
        if (m != null) { // a commit for a group with no members is refused before it gets here
            m.commits.increment();
            partitions.forEach(m::lagGauge);
        }
    }

    /** The group has no members any more: removes all its meters. */
    public void groupRemoved(String groupId) {
        GroupMeters m = groups.remove(groupId);
        if (m != null) {
            m.remove();
        }
    }

    /** A topic was deleted: removes every group's lag gauges of it. */
    public void topicDeleted(String topic) {
        groups.values().forEach(m -> m.removeTopic(topic));
    }

    /** Removes every group meter. */
    @Override
    public void close() {
        List.copyOf(groups.keySet()).forEach(this::groupRemoved);
    }

    private final class GroupMeters {
        final String groupId;
        final AtomicInteger members = new AtomicInteger();
        final Counter rebalances;
        final Counter commits;
        final Gauge membersGauge;
        final Map<TopicPartition, Gauge> lags = new ConcurrentHashMap<>();
        int generation; // written under the group's monitor

        GroupMeters(String groupId) {
            this.groupId = groupId;
            Tags tags = Tags.of("group", groupId);
            membersGauge = Gauge.builder("rivulet.group.members", members, AtomicInteger::get).tags(tags)
                    .strongReference(true).description("Members of the consumer group").register(registry);
            rebalances = Counter.builder("rivulet.group.rebalances").tags(tags)
                    .description("Times the group's assignment was recomputed (its generation moved)")
                    .register(registry);
            commits = Counter.builder("rivulet.group.commits").tags(tags)
                    .description("Offset commits of the group stored").register(registry);
        }

        void lagGauge(TopicPartition tp) {
            lags.computeIfAbsent(tp, p -> Gauge.builder("rivulet.consumer.lag", () -> lag.of(groupId, p))
                    .tags("group", groupId, "topic", p.topic(), "partition", Integer.toString(p.partition()))
                    .strongReference(true)
                    .description("Records between the group's committed offset and the partition's high watermark")
                    .register(registry));
        }

        void removeTopic(String topic) {
            lags.entrySet().removeIf(e -> {
                if (e.getKey().topic().equals(topic)) {
                    registry.remove(e.getValue());
                    return true;
                }
                return false;
            });
        }

        void remove() {
            lags.values().forEach(registry::remove);
            lags.clear();
            List<Meter> own = List.of(membersGauge, rebalances, commits);
            own.forEach(registry::remove);
        }
    }
}
