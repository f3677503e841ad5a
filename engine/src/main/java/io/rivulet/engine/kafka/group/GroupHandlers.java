package io.rivulet.engine.kafka.group;

import io.rivulet.engine.group.classic.ClassicCoordinator;
import io.rivulet.engine.kafka.ApiHandler;
import io.rivulet.engine.kafka.KafkaMetadata;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * The Kafka door's group APIs, over the engine's coordinator of classic groups
 * ({@code Engine.servedClassicGroups()}): FindCoordinator, JoinGroup, SyncGroup, Heartbeat, LeaveGroup,
 * OffsetCommit, OffsetFetch, ListGroups, DescribeGroups, DeleteGroups and OffsetDelete.
 */
public final class GroupHandlers {
    private GroupHandlers() {
    }

    /**
     * A handler for each group API.
     *
     * @param groups   the coordinator, asked on every request (a cluster node may swap it before serving)
     * @param metadata where FindCoordinator looks up the node leading {@code __consumer_offsets-0}
     * @param selfId   this node's id: the coordinator when there is no offsets topic (a single node)
     */
    public static Map<ApiKeys, ApiHandler> create(Supplier<ClassicCoordinator> groups, KafkaMetadata metadata,
                                                  IntSupplier selfId) {
        Map<ApiKeys, ApiHandler> h = new EnumMap<>(ApiKeys.class);
        h.put(ApiKeys.FIND_COORDINATOR, new FindCoordinatorHandler(metadata, selfId));
        h.put(ApiKeys.JOIN_GROUP, new JoinGroupHandler(groups));
        h.put(ApiKeys.SYNC_GROUP, new SyncGroupHandler(groups));
        h.put(ApiKeys.HEARTBEAT, new HeartbeatHandler(groups));
        h.put(ApiKeys.LEAVE_GROUP, new LeaveGroupHandler(groups));
        h.put(ApiKeys.OFFSET_COMMIT, new OffsetCommitHandler(groups));
        h.put(ApiKeys.OFFSET_FETCH, new OffsetFetchHandler(groups));
        h.put(ApiKeys.LIST_GROUPS, new ListGroupsHandler(groups));
        h.put(ApiKeys.DESCRIBE_GROUPS, new DescribeGroupsHandler(groups));
        h.put(ApiKeys.DELETE_GROUPS, new DeleteGroupsHandler(groups));
        h.put(ApiKeys.OFFSET_DELETE, new OffsetDeleteHandler(groups));
        return h;
    }
}
