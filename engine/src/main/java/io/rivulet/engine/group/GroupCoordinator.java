package io.rivulet.engine.group;

import io.rivulet.api.GroupDescription;
import io.rivulet.api.TopicPartition;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The coordinator of consumer groups, as its clients see it: plain requests and responses, so the
 * same calls can be made in-process ({@link LocalGroupCoordinator}) or carried by a network protocol.
 *
 * <p>The protocol is heartbeat-driven reconciliation (like Kafka's KIP-848), with no join barrier:
 * <ol>
 *   <li>{@link #join} admits a member and returns its id and first {@link MemberAssignment};</li>
 *   <li>{@link #heartbeat} every {@code heartbeat.interval.ms} keeps it alive and reports what it owns;
 *       the answer says what it may own now. Revoked partitions are released by no longer reporting
 *       them; a partition is handed to its next owner only after that;</li>
 *   <li>{@link #commit} stores positions, fenced by ownership and generation;</li>
 *   <li>{@link #leave} releases everything at once.</li>
 * </ol>
 * Refusals are answers ({@link GroupError}) inside the responses; a {@code Mono} fails only when the
 * coordinator itself cannot serve (closed, storage failure).
 */
public interface GroupCoordinator {

    /** Admits a member (or updates its subscription). */
    Mono<JoinResponse> join(JoinRequest request);

    /** Keeps a member alive and reconciles what it owns. */
    Mono<HeartbeatResponse> heartbeat(HeartbeatRequest request);

    /** Removes a member; its partitions go to the others. */
    Mono<LeaveResponse> leave(LeaveRequest request);

    /** Stores committed positions durably; completes once they are. */
    Mono<CommitResponse> commit(CommitRequest request);

    /** Reads committed positions. */
    Mono<OffsetFetchResponse> fetchOffsets(OffsetFetchRequest request);

    /**
     * A group's state, members with their target assignment, committed offsets and lag; fails with a
     * {@link io.rivulet.api.errors.RivuletException} of code {@code UNKNOWN_GROUP} if the group has no
     * members and no committed offsets.
     */
    Mono<GroupDescription> describeGroup(String groupId);

    /** The ids of all groups that have members or committed offsets, sorted. */
    Mono<List<String>> listGroups();

    /**
     * Deletes a group's committed offsets; fails with {@code GROUP_NOT_EMPTY} while it has members of either
     * kind (Rivulet or Kafka classic), or {@code UNKNOWN_GROUP} when it has no committed offsets.
     */
    Mono<Void> deleteGroup(String groupId);

    /**
     * Stores committed offsets for a group without members (an operator's reset); fails with
     * {@code GROUP_NOT_EMPTY}, {@code UNKNOWN_TOPIC}, {@code UNKNOWN_PARTITION} or {@code INVALID_OFFSET}, storing
     * nothing.
     */
    Mono<Void> alterOffsets(String groupId, Map<TopicPartition, Long> offsets);

    /** Deletes some of the committed offsets of a group without members; fails with {@code GROUP_NOT_EMPTY}. */
    Mono<Void> deleteOffsets(String groupId, Set<TopicPartition> partitions);
}
