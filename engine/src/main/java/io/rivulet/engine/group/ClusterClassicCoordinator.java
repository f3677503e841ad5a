package io.rivulet.engine.group;

import io.rivulet.api.TopicPartition;
import io.rivulet.engine.group.classic.ClassicCommitRequest;
import io.rivulet.engine.group.classic.ClassicCommitResponse;
import io.rivulet.engine.group.classic.ClassicCoordinator;
import io.rivulet.engine.group.classic.ClassicError;
import io.rivulet.engine.group.classic.ClassicGroupDescription;
import io.rivulet.engine.group.classic.ClassicGroupListing;
import io.rivulet.engine.group.classic.ClassicHeartbeatRequest;
import io.rivulet.engine.group.classic.ClassicJoinRequest;
import io.rivulet.engine.group.classic.ClassicJoinResponse;
import io.rivulet.engine.group.classic.ClassicLeaveRequest;
import io.rivulet.engine.group.classic.ClassicLeaveResponse;
import io.rivulet.engine.group.classic.ClassicSyncRequest;
import io.rivulet.engine.group.classic.ClassicSyncResponse;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A cluster node's classic groups: each call goes to the classic coordinator of the node's active
 * {@link LocalGroupCoordinator}, or fails with {@code NOT_LEADER} when this node does not coordinate groups.
 * Thread-safe (stateless).
 */
final class ClusterClassicCoordinator implements ClassicCoordinator {
    private final ClusterGroupCoordinator cluster;

    ClusterClassicCoordinator(ClusterGroupCoordinator cluster) {
        this.cluster = cluster;
    }

    @Override
    public Mono<ClassicJoinResponse> join(ClassicJoinRequest request) {
        return cluster.serve(c -> c.classic().join(request));
    }

    @Override
    public Mono<ClassicSyncResponse> sync(ClassicSyncRequest request) {
        return cluster.serve(c -> c.classic().sync(request));
    }

    @Override
    public Mono<ClassicError> heartbeat(ClassicHeartbeatRequest request) {
        return cluster.serve(c -> c.classic().heartbeat(request));
    }

    @Override
    public Mono<ClassicLeaveResponse> leave(ClassicLeaveRequest request) {
        return cluster.serve(c -> c.classic().leave(request));
    }

    @Override
    public Mono<ClassicCommitResponse> commit(ClassicCommitRequest request) {
        return cluster.serve(c -> c.classic().commit(request));
    }

    @Override
    public Mono<Map<TopicPartition, Long>> committed(String groupId, Set<TopicPartition> partitions) {
        return cluster.serve(c -> c.classic().committed(groupId, partitions));
    }

    @Override
    public Mono<List<ClassicGroupListing>> listGroups() {
        return cluster.serve(c -> c.classic().listGroups());
    }

    @Override
    public Mono<ClassicGroupDescription> describeGroup(String groupId) {
        return cluster.serve(c -> c.classic().describeGroup(groupId));
    }

    @Override
    public Mono<Void> deleteGroup(String groupId) {
        return cluster.serve(c -> c.deleteGroup(groupId));
    }

    @Override
    public Mono<Void> deleteOffsets(String groupId, java.util.Set<io.rivulet.api.TopicPartition> partitions) {
        return cluster.serve(c -> c.deleteOffsets(groupId, partitions));
    }
}
