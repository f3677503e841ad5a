package io.rivulet.engine.group;

import io.rivulet.api.TopicPartition;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A consumer stand-in: takes partitions in a shared {@link Ownership} registry when assigned, gives
 * them back after a short drain when revoked, and "processes" records on demand.
 */
final class RecordingHandler implements RebalanceHandler {

    /** Who owns what, across all members of a test; notes any partition given to two at once. */
    static final class Ownership {
        final Map<TopicPartition, String> owners = new ConcurrentHashMap<>();
        final List<String> violations = Collections.synchronizedList(new ArrayList<>());

        void take(String who, TopicPartition tp) {
            String previous = owners.putIfAbsent(tp, who);
            if (previous != null) {
                violations.add(tp + " given to " + who + " while " + previous + " owns it");
            }
        }

        void give(String who, TopicPartition tp) {
            owners.remove(tp, who);
        }

        /** A killed member processes nothing any more. */
        void forget(String who) {
            owners.values().removeIf(who::equals);
        }

        Set<TopicPartition> of(String who) {
            return owners.entrySet().stream().filter(e -> e.getValue().equals(who)).map(Map.Entry::getKey)
                    .collect(Collectors.toSet());
        }
    }

    final String name;
    private final Ownership ownership;
    private final Scheduler time;
    private final Duration drain;
    final Map<TopicPartition, AssignedPartition> assigned = new ConcurrentHashMap<>();
    final List<AssignedPartition> everAssigned = Collections.synchronizedList(new ArrayList<>());
    final List<TopicPartition> lost = Collections.synchronizedList(new ArrayList<>());

    RecordingHandler(String name, Ownership ownership, Scheduler time, Duration drain) {
        this.name = name;
        this.ownership = ownership;
        this.time = time;
        this.drain = drain;
    }

    @Override
    public void onAssigned(List<AssignedPartition> partitions) {
        for (AssignedPartition p : partitions) {
            ownership.take(name, p.topicPartition());
            assigned.put(p.topicPartition(), p);
            everAssigned.add(p);
        }
    }

    @Override
    public Mono<Void> onRevoked(Set<TopicPartition> partitions) {
        return Mono.delay(drain, time).then(Mono.fromRunnable(() -> partitions.forEach(tp -> {
            assigned.remove(tp);
            ownership.give(name, tp);
        })));
    }

    @Override
    public void onLost(Set<TopicPartition> partitions) {
        partitions.forEach(tp -> {
            assigned.remove(tp);
            ownership.give(name, tp);
            lost.add(tp);
        });
    }

    /** Delivers the next {@code n} records of every owned partition; acknowledges them if asked. */
    void process(int n, boolean acknowledge) {
        for (AssignedPartition p : assigned.values()) {
            PartitionAcks acks = p.acks();
            long next = Math.max(0, acks.position()) + acks.inFlight();
            for (int i = 0; i < n && acks.canDeliver(); i++, next++) {
                acks.delivered(next);
                if (acknowledge) {
                    acks.acknowledge(next);
                }
            }
        }
    }
}
