package io.rivulet.engine.group;

import io.rivulet.api.GroupState;
import io.rivulet.api.TopicPartition;

import java.util.Objects;
import java.util.Set;

/**
 * What the coordinator tells a member on every join and heartbeat.
 *
 * <p>The member reconciles to {@link #assigned()}: partitions it holds but that are not in it must be
 * revoked (stop delivering, commit, then stop reporting them as owned); partitions in it that it does
 * not hold yet are its to start. A partition appears in {@code assigned} only once its previous owner
 * has reported it released, so two members never own one at once; until then it is listed in
 * {@link #pending()}.
 *
 * @param generation the group's generation: it increases whenever the target assignment is recomputed
 *                   (a member joins, leaves or expires, or subscribed topics change). The member sends
 *                   it back as its epoch in heartbeats and commits.
 * @param assigned   the partitions the member may own now
 * @param pending    partitions of the member's target still held by their previous owner
 * @param state      the group's state; {@link GroupState#STABLE} once every member owns exactly its target
 */
public record MemberAssignment(int generation, Set<TopicPartition> assigned, Set<TopicPartition> pending,
                               GroupState state) {

    /** Copies the sets. */
    public MemberAssignment {
        assigned = Set.copyOf(assigned);
        pending = Set.copyOf(pending);
        Objects.requireNonNull(state, "state");
    }

    /** Whether the group is still moving partitions between members. */
    public boolean rebalanceInProgress() {
        return state != GroupState.STABLE;
    }
}
