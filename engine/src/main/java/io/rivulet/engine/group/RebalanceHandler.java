package io.rivulet.engine.group;

import io.rivulet.api.TopicPartition;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Set;

/**
 * What a consumer does when its {@link GroupMember}'s partitions change. Calls come one at a time from
 * the member's heartbeat pipeline, on whatever thread answered the coordinator; none may block.
 */
public interface RebalanceHandler {

    /**
     * Partitions are now this member's: start delivering their records, from each one's committed
     * offset (or the {@code auto.offset.reset} position), recording deliveries in its {@link PartitionAcks}.
     * No other member delivers them until they are revoked.
     */
    void onAssigned(List<AssignedPartition> partitions);

    /**
     * Partitions are being taken away: stop delivering them (complete their per-partition streams), and
     * complete the returned {@code Mono} when no more of their records will be delivered. Then the member
     * commits what was acknowledged, forgets their in-flight records, and only then tells the coordinator
     * they are released. Until the {@code Mono} completes, nobody else gets them.
     */
    Mono<Void> onRevoked(Set<TopicPartition> partitions);

    /**
     * Partitions were lost without a chance to commit: the member was fenced (its session expired, or
     * the coordinator forgot it) and they may already be another member's. Stop delivering them at once;
     * acknowledgements of their records are ignored from now on. The member rejoins by itself.
     */
    default void onLost(Set<TopicPartition> partitions) {
    }
}
