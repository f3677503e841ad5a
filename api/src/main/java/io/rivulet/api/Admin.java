package io.rivulet.api;

import reactor.core.publisher.Mono;

import java.util.List;

/**
 * Manages topics and inspects groups and the cluster. Obtained from {@link Rivulet#admin()}; it lives
 * as long as its {@code Rivulet} and needs no closing. Thread-safe; nothing happens until a returned
 * {@code Mono} is subscribed, and no method blocks.
 */
public interface Admin {

    /**
     * Creates a topic. Fails with {@link io.rivulet.api.errors.TopicExistsException},
     * {@link io.rivulet.api.errors.InvalidTopicException}, or
     * {@link io.rivulet.api.errors.InvalidConfigException} for an unknown or malformed topic config or
     * a replication factor larger than the number of nodes.
     */
    Mono<Void> createTopic(NewTopic topic);

    /**
     * Deletes a topic and all its records; open streams on it fail with
     * {@link io.rivulet.api.errors.UnknownTopicException}. Fails with
     * {@code UnknownTopicException} if there is no such topic.
     */
    Mono<Void> deleteTopic(String name);

    /** The names of all topics, sorted. */
    Mono<List<String>> listTopics();

    /** A topic's partitions, offsets and configs; fails with {@link io.rivulet.api.errors.UnknownTopicException}. */
    Mono<TopicDescription> describeTopic(String name);

    /** The ids of all consumer groups, sorted. */
    Mono<List<String>> listGroups();

    /**
     * A group's state, members, assignment, committed offsets and lag; fails with a
     * {@link io.rivulet.api.errors.RivuletException} of code
     * {@link io.rivulet.api.errors.ErrorCode#UNKNOWN_GROUP} if the group has never existed.
     */
    Mono<GroupDescription> describeGroup(String groupId);

    /**
     * The offset a reader starting at {@code position} reads first: the log start for
     * {@link StartAt#earliest()}, the high watermark for {@link StartAt#latest()}, the first record stamped at or
     * after a {@link StartAt#timestamp(long) timestamp} (the high watermark when there is none yet), or the offset
     * given, checked against the partition's range. Fails with
     * {@link io.rivulet.api.errors.OffsetOutOfRangeException},
     * {@link io.rivulet.api.errors.UnknownTopicException} or a {@code UNKNOWN_PARTITION} error. With
     * {@link #alterGroupOffsets} it moves a group to a point in time.
     */
    Mono<Long> offsetOf(TopicPartition partition, StartAt position);

    /**
     * Deletes a group: its committed offsets, so consumers that join it later start where
     * {@code auto.offset.reset} says. Fails with a {@link io.rivulet.api.errors.RivuletException} of code
     * {@link io.rivulet.api.errors.ErrorCode#GROUP_NOT_EMPTY} while the group has members (of either kind:
     * Rivulet or Kafka consumers), or {@link io.rivulet.api.errors.ErrorCode#UNKNOWN_GROUP} if it has no
     * committed offsets.
     */
    Mono<Void> deleteGroup(String groupId);

    /**
     * Sets a group's committed offsets: where its consumers resume on each partition given, to re-read from an
     * earlier position or skip ahead. Other partitions keep theirs. The group need not exist yet. An offset is
     * the next record to read, from 0 up to the partition's end offset (a position below the log start is
     * treated by consumers as out of range, as for any commit). Fails with {@code GROUP_NOT_EMPTY} while the
     * group has members, {@link io.rivulet.api.errors.UnknownTopicException} or
     * {@link io.rivulet.api.errors.ErrorCode#UNKNOWN_PARTITION} for a partition that does not exist, and
     * {@link io.rivulet.api.errors.ErrorCode#INVALID_OFFSET} for a negative offset.
     */
    Mono<Void> alterGroupOffsets(String groupId, java.util.Map<TopicPartition, Long> offsets);

    /**
     * The nodes of the cluster (one for an embedded engine) with how many partitions each leads and holds,
     * which one is the controller, and which partitions are moving.
     */
    Mono<ClusterDescription> describeCluster();

    /**
     * Moves a partition to {@code replicas}, preferred leader first. The new replicas copy the partition
     * from its leader while it keeps serving; once all of them are in sync, the replica list becomes
     * {@code replicas}, and if the leader is not among them the first in-sync one of them takes over.
     * Completes when the move has started; watch {@link #describeTopic} (the replicas equal the target)
     * or {@link ClusterDescription#reassigningPartitions()} for the end. Asking again for the same target
     * while it runs is a no-op.
     *
     * <p>Fails with a {@link io.rivulet.api.errors.RivuletException} of code
     * {@link io.rivulet.api.errors.ErrorCode#UNKNOWN_NODE} for a node that is not registered,
     * {@link io.rivulet.api.errors.ErrorCode#REASSIGNMENT_IN_PROGRESS} while another move of the partition
     * runs, {@link io.rivulet.api.errors.ErrorCode#INVALID_REQUEST} for an empty list, a node listed twice
     * or a fenced new replica, {@link io.rivulet.api.errors.UnknownTopicException}, and
     * {@link io.rivulet.api.errors.ErrorCode#CLUSTER_REQUIRED} on an embedded engine.
     */
    Mono<Void> reassignPartition(TopicPartition tp, List<Integer> replicas);

    /**
     * Moves every replica off a node, so it can be stopped for good: each partition with a replica there
     * is reassigned (as by {@link #reassignPartition}) to its replicas with that node replaced by the least
     * loaded live node not already holding the partition. The node stays registered, and serves until
     * those moves complete and the operator stops it. All or nothing: fails, moving nothing, with
     * {@link io.rivulet.api.errors.ErrorCode#UNKNOWN_NODE},
     * {@link io.rivulet.api.errors.ErrorCode#REASSIGNMENT_IN_PROGRESS} (a partition is moving onto the node),
     * {@link io.rivulet.api.errors.ErrorCode#INVALID_REQUEST} (no live node can take a copy), or
     * {@link io.rivulet.api.errors.ErrorCode#CLUSTER_REQUIRED} on an embedded engine.
     */
    Mono<Void> drainNode(int nodeId);
}
