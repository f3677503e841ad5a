package io.rivulet.engine.replication;

import io.rivulet.api.TopicPartition;
import reactor.core.publisher.Mono;

import java.util.List;

/** Where a leader asks for its in-sync replica set to change: the cluster metadata, which may refuse. */
@FunctionalInterface
public interface IsrProposals {
    /**
     * Asks to set {@code tp}'s ISR to {@code isr}, as the leader of {@code leaderEpoch} that read partition
     * state {@code partitionEpoch}; fails when refused (a stale epoch) or the metadata is unreachable.
     */
    Mono<Void> propose(TopicPartition tp, int leaderId, int leaderEpoch, int partitionEpoch, List<Integer> isr);
}
