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

    /** The nodes of the cluster (one for an embedded engine) and which one is the controller. */
    Mono<ClusterDescription> describeCluster();
}
