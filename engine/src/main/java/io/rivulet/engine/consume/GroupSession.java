package io.rivulet.engine.consume;

import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.PartitionFlux;
import io.rivulet.api.TopicPartition;
import io.rivulet.engine.group.AssignedPartition;
import io.rivulet.engine.group.GroupMember;
import io.rivulet.engine.group.MemberConfig;
import io.rivulet.engine.group.RebalanceHandler;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One subscription of a consumer to its group: a {@link GroupMember} and the partition streams it has
 * been assigned. Emits one {@link PartitionFlux} per assigned partition; completes a partition's Flux
 * when the group takes the partition away. The queue of not-yet-taken partition streams is bounded by
 * the number of partitions.
 */
final class GroupSession<K, V> implements RebalanceHandler {
    private final ConsumerBackend backend;
    private final ConsumerOptions<K, V> options;
    private final GroupMember member;
    private final Map<TopicPartition, AssignedStream<K, V>> assigned = new ConcurrentHashMap<>();
    private final Sinks.Many<PartitionFlux<K, V>> out = Sinks.many().unicast().onBackpressureBuffer();
    private volatile Mono<Void> closing;

    GroupSession(ConsumerBackend backend, ConsumerOptions<K, V> options, String clientId) {
        this.backend = backend;
        this.options = options;
        this.member = new GroupMember(backend.coordinator(), MemberConfig.from(options, clientId, backend.host()), this,
                backend.groupScheduler());
    }

    GroupMember member() {
        return member;
    }

    /** Joins, then emits partition streams as they are assigned. */
    Flux<PartitionFlux<K, V>> partitions() {
        return member.start().thenMany(out.asFlux());
    }

    @Override
    public void onAssigned(List<AssignedPartition> partitions) {
        for (AssignedPartition p : partitions) {
            TopicPartition tp = p.topicPartition();
            AssignedStream<K, V> stream = new AssignedStream<>(backend.reader(tp, options), p, member, options);
            assigned.put(tp, stream);
            out.emitNext(stream, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
        }
    }

    @Override
    public Mono<Void> onRevoked(Set<TopicPartition> partitions) {
        List<Mono<Void>> stopped = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            AssignedStream<K, V> s = assigned.remove(tp);
            if (s != null) {
                stopped.add(s.revoke());
            }
        }
        return Mono.when(stopped);
    }

    @Override
    public void onLost(Set<TopicPartition> partitions) {
        onRevoked(partitions).subscribe();
    }

    /** Leaves the group (revoking every stream, committing what was acknowledged), then completes the partitions Flux. */
    Mono<Void> close() {
        Mono<Void> c = closing;
        if (c == null) {
            synchronized (this) {
                if (closing == null) {
                    closing = member.close()
                            .onErrorResume(e -> Mono.empty())
                            .doFinally(s -> out.tryEmitComplete())
                            .cache();
                }
                c = closing;
            }
        }
        return c;
    }
}
