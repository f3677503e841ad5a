package io.rivulet.engine.net.client;

import io.netty.buffer.ByteBuf;
import io.rivulet.api.GroupDescription;
import io.rivulet.engine.cluster.OffsetsTopic;
import io.rivulet.engine.group.CommitRequest;
import io.rivulet.engine.group.CommitResponse;
import io.rivulet.engine.group.GroupCoordinator;
import io.rivulet.engine.group.HeartbeatRequest;
import io.rivulet.engine.group.HeartbeatResponse;
import io.rivulet.engine.group.JoinRequest;
import io.rivulet.engine.group.JoinResponse;
import io.rivulet.engine.group.LeaveRequest;
import io.rivulet.engine.group.LeaveResponse;
import io.rivulet.engine.group.OffsetFetchRequest;
import io.rivulet.engine.group.OffsetFetchResponse;
import io.rivulet.engine.net.AdminCodec;
import io.rivulet.engine.net.ApiKey;
import io.rivulet.engine.net.GroupCodec;
import io.rivulet.engine.net.WireFormat;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The group coordinator, called over the native protocol: the same {@link GroupCoordinator} contract the
 * embedded engine serves, so a remote consumer runs the very same {@link io.rivulet.engine.group.GroupMember}
 * (heartbeats, reconciliation, fenced commits) on the client side.
 *
 * <p><b>Finding the coordinator.</b> Requests go to the bootstrap connection first, so a single node sees
 * exactly the requests it always did. A cluster node that is not the coordinator answers {@code NOT_LEADER};
 * from then on requests go to the leader of {@code __consumer_offsets-0}, looked up with
 * {@code CLUSTER_METADATA}. When the coordinator moves or goes ({@link CoordinatorRetry#reroute}), the client
 * forgets the route and retries, with backoff, until {@code request.timeout.ms} has passed since the first try.
 * Every group request may be sent twice this way: commits and fetches are idempotent, and a duplicate join
 * only leaves a member that never heartbeats, removed after its session timeout.
 *
 * <p>Thread-safe.
 */
final class RemoteGroupCoordinator implements GroupCoordinator {
    private final ClusterRoutes routes;
    private final Duration timeout;
    private final Duration backoff;
    private final Duration backoffMax;
    private volatile boolean located;

    RemoteGroupCoordinator(ClusterRoutes routes) {
        this.routes = routes;
        ClientSettings settings = routes.bootstrap().settings();
        this.timeout = settings.requestTimeout();
        this.backoff = settings.backoff();
        this.backoffMax = settings.backoffMax().compareTo(Duration.ofSeconds(1)) < 0
                ? settings.backoffMax() : Duration.ofSeconds(1); // a coordinator moves within seconds
    }

    @Override
    public Mono<JoinResponse> join(JoinRequest request) {
        return call(ApiKey.GROUP_JOIN, b -> GroupCodec.writeJoin(b, request), GroupCodec::readJoinResponse);
    }

    @Override
    public Mono<HeartbeatResponse> heartbeat(HeartbeatRequest request) {
        return call(ApiKey.GROUP_HEARTBEAT, b -> GroupCodec.writeHeartbeat(b, request),
                GroupCodec::readHeartbeatResponse);
    }

    @Override
    public Mono<LeaveResponse> leave(LeaveRequest request) {
        return call(ApiKey.GROUP_LEAVE, b -> GroupCodec.writeLeave(b, request), GroupCodec::readLeaveResponse);
    }

    @Override
    public Mono<CommitResponse> commit(CommitRequest request) {
        return call(ApiKey.GROUP_COMMIT, b -> GroupCodec.writeCommit(b, request), GroupCodec::readCommitResponse);
    }

    @Override
    public Mono<OffsetFetchResponse> fetchOffsets(OffsetFetchRequest request) {
        return call(ApiKey.GROUP_FETCH_OFFSETS, b -> GroupCodec.writeOffsetFetch(b, request),
                GroupCodec::readOffsetFetchResponse);
    }

    @Override
    public Mono<GroupDescription> describeGroup(String groupId) {
        return call(ApiKey.DESCRIBE_GROUP, b -> WireFormat.writeString(b, groupId), AdminCodec::readGroup);
    }

    @Override
    public Mono<List<String>> listGroups() {
        return call(ApiKey.LIST_GROUPS, b -> { }, AdminCodec::readNames);
    }

    @Override
    public Mono<Void> deleteGroup(String groupId) {
        return call(ApiKey.GROUP_DELETE, b -> WireFormat.writeString(b, groupId), b -> null).then();
    }

    @Override
    public Mono<Void> alterOffsets(String groupId, java.util.Map<io.rivulet.api.TopicPartition, Long> offsets) {
        return call(ApiKey.GROUP_ALTER_OFFSETS, b -> GroupCodec.writeGroupOffsets(b, groupId, offsets), b -> null)
                .then();
    }

    @Override
    public Mono<Void> deleteOffsets(String groupId, java.util.Set<io.rivulet.api.TopicPartition> partitions) {
        return call(ApiKey.GROUP_DELETE_OFFSETS, b -> GroupCodec.writeOffsetFetch(b,
                new OffsetFetchRequest(groupId, partitions)), b -> null).then();
    }

    private <T> Mono<T> call(ApiKey key, Consumer<ByteBuf> body, Function<ByteBuf, T> decode) {
        return Mono.defer(() -> {
            long deadline = System.nanoTime() + timeout.toNanos();
            return Mono.defer(() -> coordinator().flatMap(node -> node.call(key, body, decode)))
                    .retryWhen(Retry.from(failures -> failures.concatMap(failure -> {
                        Throwable error = failure.failure();
                        if (!CoordinatorRetry.reroute(error, located || routes.isCluster())) {
                            return Mono.error(error);
                        }
                        located = true;
                        routes.forget(OffsetsTopic.NAME);
                        Duration wait = CoordinatorRetry.backoff(failure.totalRetries(), backoff, backoffMax);
                        if (System.nanoTime() + wait.toNanos() > deadline) {
                            return Mono.error(CoordinatorRetry.gaveUp(error, timeout));
                        }
                        return Mono.delay(wait).thenReturn(failure.totalRetries());
                    })));
        });
    }

    /** The bootstrap connection until a node said it is not the coordinator; then the offsets partition's leader. */
    private Mono<NodeClient> coordinator() {
        return located ? routes.leader(OffsetsTopic.PARTITION) : Mono.just(routes.bootstrap());
    }
}
