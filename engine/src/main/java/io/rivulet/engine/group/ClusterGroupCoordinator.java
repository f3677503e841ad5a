package io.rivulet.engine.group;

import io.rivulet.api.GroupDescription;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.RivuletClosedException;
import io.rivulet.api.errors.RivuletException;
import io.rivulet.engine.group.classic.ClassicCoordinator;
import io.rivulet.engine.partition.Partition;
import io.rivulet.engine.replication.LeadershipListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.util.List;
import java.util.function.Function;

/**
 * A cluster node's group coordinator: there is one per cluster, on the leader of {@code __consumer_offsets-0}.
 * While this node leads that partition it serves every group with a {@link LocalGroupCoordinator} whose offsets
 * log is the replicated partition (replayed when the node took over, each commit appended with acks=all);
 * otherwise it answers every request with the retriable {@code NOT_LEADER}, and clients look the coordinator
 * up as that partition's leader and ask it.
 *
 * <p>Members are not carried over when leadership moves: the new coordinator does not know them, so their next
 * heartbeat is refused with {@code UNKNOWN_MEMBER_ID} and they rejoin, resuming at the committed offsets.
 *
 * <p>Threading: thread-safe. {@link #leadership} runs on the metadata thread and only records the change;
 * replaying the log runs on the {@code loader} scheduler, and the result is installed only if the node still
 * leads in the same epoch.
 */
public final class ClusterGroupCoordinator implements GroupCoordinator, LeadershipListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterGroupCoordinator.class);
    private static final int NOT_LEADING = -1;

    private final int nodeId;
    private final Function<Partition, LocalGroupCoordinator> opener;
    private final Scheduler loader;
    private final ClusterClassicCoordinator classic = new ClusterClassicCoordinator(this);
    private volatile LocalGroupCoordinator active;
    private int leadingEpoch = NOT_LEADING; // guarded by this
    private boolean closed; // guarded by this

    /**
     * @param opener opens a coordinator on the partition this node now leads (replaying it); blocking
     * @param loader where the opener runs, off the metadata thread
     */
    public ClusterGroupCoordinator(int nodeId, Function<Partition, LocalGroupCoordinator> opener, Scheduler loader) {
        this.nodeId = nodeId;
        this.opener = opener;
        this.loader = loader;
    }

    @Override
    public synchronized void leadership(Partition partition, boolean leading, int epoch) {
        if (closed || (leading ? epoch == leadingEpoch : leadingEpoch == NOT_LEADING)) {
            return;
        }
        LocalGroupCoordinator previous = active;
        active = null;
        if (previous != null) {
            LOG.info("node {}: no longer the group coordinator ({} moved on from epoch {})", nodeId, partition.id(),
                    leadingEpoch);
            previous.close();
        }
        leadingEpoch = leading ? epoch : NOT_LEADING;
        if (leading) {
            loader.schedule(() -> load(partition, epoch));
        }
    }

    private void load(Partition partition, int epoch) {
        LocalGroupCoordinator opened;
        try {
            opened = opener.apply(partition);
        } catch (RuntimeException e) {
            LOG.error("node {}: could not load the committed offsets of {} in epoch {}; group requests are refused "
                    + "until leadership moves", nodeId, partition.id(), epoch, e);
            return;
        }
        synchronized (this) {
            if (closed || leadingEpoch != epoch) {
                opened.close(); // lost leadership while replaying
                return;
            }
            active = opened;
        }
        LOG.info("node {}: group coordinator from {} in epoch {}, offsets replayed up to offset {}", nodeId,
                partition.id(), epoch, partition.logEndOffset());
    }

    /**
     * The Kafka classic-protocol groups of the cluster, served like the others: by the active coordinator while this
     * node leads {@code __consumer_offsets-0}, else refused with {@code NOT_LEADER}.
     */
    public ClassicCoordinator classic() {
        return classic;
    }

    /** Whether this node serves groups now. */
    public boolean isActive() {
        return active != null;
    }

    @Override
    public Mono<JoinResponse> join(JoinRequest request) {
        return serve(c -> c.join(request));
    }

    @Override
    public Mono<HeartbeatResponse> heartbeat(HeartbeatRequest request) {
        return serve(c -> c.heartbeat(request));
    }

    @Override
    public Mono<LeaveResponse> leave(LeaveRequest request) {
        return serve(c -> c.leave(request));
    }

    @Override
    public Mono<CommitResponse> commit(CommitRequest request) {
        return serve(c -> c.commit(request));
    }

    @Override
    public Mono<OffsetFetchResponse> fetchOffsets(OffsetFetchRequest request) {
        return serve(c -> c.fetchOffsets(request));
    }

    @Override
    public Mono<GroupDescription> describeGroup(String groupId) {
        return serve(c -> c.describeGroup(groupId));
    }

    @Override
    public Mono<List<String>> listGroups() {
        return serve(LocalGroupCoordinator::listGroups);
    }

    @Override
    public Mono<Void> deleteGroup(String groupId) {
        return serve(c -> c.deleteGroup(groupId));
    }

    @Override
    public Mono<Void> alterOffsets(String groupId, java.util.Map<io.rivulet.api.TopicPartition, Long> offsets) {
        return serve(c -> c.alterOffsets(groupId, offsets));
    }

    @Override
    public Mono<Void> deleteOffsets(String groupId, java.util.Set<io.rivulet.api.TopicPartition> partitions) {
        return serve(c -> c.deleteOffsets(groupId, partitions));
    }

    /** Rebalances groups whose topics changed, when this node coordinates. */
    public void topicsChanged() {
        LocalGroupCoordinator c = active;
        if (c != null) {
            c.topicsChanged();
        }
    }

    /**
     * Deletes the offsets of a deleted topic, when this node coordinates; on the {@code loader} scheduler, as the
     * tombstones wait for the replicas.
     */
    public void topicDeleted(String topic) {
        LocalGroupCoordinator c = active;
        if (c != null) {
            loader.schedule(() -> {
                try {
                    c.topicDeleted(topic);
                } catch (RuntimeException e) {
                    LOG.warn("node {}: could not delete the committed offsets of topic {}: {}", nodeId, topic,
                            e.toString());
                }
            });
        }
    }

    /** Runs {@code call} on the active coordinator, or fails with {@code NOT_LEADER} when this node has none. */
    <T> Mono<T> serve(Function<LocalGroupCoordinator, Mono<T>> call) {
        return Mono.defer(() -> {
            LocalGroupCoordinator c = active;
            if (c == null) {
                return Mono.error(notCoordinator());
            }
            // a request caught by a move sees the closed coordinator: to the client that is a moved coordinator
            return call.apply(c).onErrorMap(e -> e instanceof RivuletClosedException && active != c,
                    e -> notCoordinator());
        });
    }

    private RivuletException notCoordinator() {
        return new RivuletException(ErrorCode.NOT_LEADER, "node " + nodeId + " is not the group coordinator (the "
                + "leader of __consumer_offsets-0) right now; clients look the coordinator up again and retry");
    }

    /** Stops serving and closes the active coordinator; the partition stays open. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        LocalGroupCoordinator c = active;
        active = null;
        if (c != null) {
            c.close();
        }
    }
}
