package io.rivulet.engine.group.classic;

import io.rivulet.api.TopicPartition;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The coordinator of Kafka classic-protocol groups, as the Kafka front door calls it. Refusals are answers
 * ({@link ClassicError}); a {@code Mono} fails only when the coordinator cannot serve (closed, storage failure,
 * or a cluster node that is not the coordinator: a {@code RivuletException} with code {@code NOT_LEADER}).
 * Join and sync answers may be held (the barriers); the {@code Mono}s complete then, never blocking a thread.
 */
public interface ClassicCoordinator {

    Mono<ClassicJoinResponse> join(ClassicJoinRequest request);

    Mono<ClassicSyncResponse> sync(ClassicSyncRequest request);

    Mono<ClassicError> heartbeat(ClassicHeartbeatRequest request);

    Mono<ClassicLeaveResponse> leave(ClassicLeaveRequest request);

    /** Checks the commit against the group and stores what it accepts durably (in the engine's offsets log). */
    Mono<ClassicCommitResponse> commit(ClassicCommitRequest request);

    /** The group's committed positions of {@code partitions} (all it has when empty); absent ones have none. */
    Mono<Map<TopicPartition, Long>> committed(String groupId, Set<TopicPartition> partitions);

    /** Every group: classic ones, Rivulet's own, and those with only committed offsets, sorted by id. */
    Mono<List<ClassicGroupListing>> listGroups();

    /**
     * A group as Kafka's DescribeGroups shows it: a classic group as it is, a Rivulet group with its members and
     * their partitions, a group with only committed offsets {@link ClassicGroupState#EMPTY}, and an unknown group
     * {@link ClassicGroupState#DEAD}.
     */
    Mono<ClassicGroupDescription> describeGroup(String groupId);

    /**
     * Deletes a group without members of either kind, with its committed offsets (Kafka's DeleteGroups); fails with
     * a {@code RivuletException} of code {@code GROUP_NOT_EMPTY} or {@code UNKNOWN_GROUP}.
     */
    Mono<Void> deleteGroup(String groupId);

    /** Deletes some committed offsets of a group without members (Kafka's OffsetDelete); {@code GROUP_NOT_EMPTY}. */
    Mono<Void> deleteOffsets(String groupId, Set<TopicPartition> partitions);
}
