package io.rivulet.engine.net.client;

import io.rivulet.api.GroupDescription;
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

import java.util.List;

/**
 * The node's group coordinator, called over the native protocol: the same {@link GroupCoordinator} contract
 * the embedded engine serves, so a remote consumer runs the very same {@link io.rivulet.engine.group.GroupMember}
 * (heartbeats, reconciliation, fenced commits) on the client side.
 */
final class RemoteGroupCoordinator implements GroupCoordinator {
    private final NodeClient client;

    RemoteGroupCoordinator(NodeClient client) {
        this.client = client;
    }

    @Override
    public Mono<JoinResponse> join(JoinRequest request) {
        return client.call(ApiKey.GROUP_JOIN, b -> GroupCodec.writeJoin(b, request), GroupCodec::readJoinResponse);
    }

    @Override
    public Mono<HeartbeatResponse> heartbeat(HeartbeatRequest request) {
        return client.call(ApiKey.GROUP_HEARTBEAT, b -> GroupCodec.writeHeartbeat(b, request),
                GroupCodec::readHeartbeatResponse);
    }

    @Override
    public Mono<LeaveResponse> leave(LeaveRequest request) {
        return client.call(ApiKey.GROUP_LEAVE, b -> GroupCodec.writeLeave(b, request), GroupCodec::readLeaveResponse);
    }

    @Override
    public Mono<CommitResponse> commit(CommitRequest request) {
        return client.call(ApiKey.GROUP_COMMIT, b -> GroupCodec.writeCommit(b, request),
                GroupCodec::readCommitResponse);
    }

    @Override
    public Mono<OffsetFetchResponse> fetchOffsets(OffsetFetchRequest request) {
        return client.call(ApiKey.GROUP_FETCH_OFFSETS, b -> GroupCodec.writeOffsetFetch(b, request),
                GroupCodec::readOffsetFetchResponse);
    }

    @Override
    public Mono<GroupDescription> describeGroup(String groupId) {
        return client.call(ApiKey.DESCRIBE_GROUP, b -> WireFormat.writeString(b, groupId), AdminCodec::readGroup);
    }

    @Override
    public Mono<List<String>> listGroups() {
        return client.call(ApiKey.LIST_GROUPS, b -> { }, AdminCodec::readNames);
    }
}
