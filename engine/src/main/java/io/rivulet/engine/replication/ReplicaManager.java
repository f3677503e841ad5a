package io.rivulet.engine.replication;

import io.rivulet.api.TopicPartition;
import io.rivulet.engine.cluster.ClusterImage;
import io.rivulet.engine.cluster.PartitionState;
import io.rivulet.engine.cluster.TopicState;
import io.rivulet.engine.partition.Partition;
import io.rivulet.engine.topic.Topic;
import io.rivulet.engine.topic.TopicRegistry;
import io.rivulet.engine.topic.TopicSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this node does for each partition, as the cluster metadata says: it opens the topics placed on it,
 * leads the partitions it leads (keeping their ISR and high watermark) and copies the others from their
 * leaders with a {@link ReplicaFetcher} each. As a leader it checks its followers every so often and asks the
 * metadata to drop a follower that fell behind for longer than {@code replica.lag.time.max.ms}, or to take
 * back one that caught up.
 *
 * <p>Only the partitions this node replicates are open here ({@link TopicRegistry#host}); the others have no
 * files and lookups answer them with the retriable {@code NOT_LEADER}. Reassignments: a node added to a
 * partition's replicas opens it, empty, and starts following it; a node removed from them (only once the
 * replica list switched, so never while the move still needs its copy) stops fetching and leading, closes the
 * partition and deletes its files ({@link TopicRegistry#unhost}); a node that becomes a replica again starts
 * from an empty log. After a restart the first image does the same for a partition that moved away while the
 * node was down. A leader moved off its partition asks for its unchanged ISR once every target replica holds
 * its high watermark, which lets the metadata hand the lead over.
 *
 * <p>{@link #apply} runs on the metadata thread, one image at a time, in order.
 */
public final class ReplicaManager implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReplicaManager.class);

    private final int nodeId;
    private final TopicRegistry topics;
    private final LeaderLink link;
    private final Scheduler scheduler;
    private final IsrProposals proposals;
    private final Duration replicaLagMax;
    private final Duration retryBackoff;
    private final ReplicationMeters meters;
    private final Map<TopicPartition, ReplicaFetcher> fetchers = new ConcurrentHashMap<>();
    private final Map<TopicPartition, PartitionState> placed = new ConcurrentHashMap<>();
    private final Set<TopicPartition> proposing = ConcurrentHashMap.newKeySet();
    private final Map<TopicPartition, LeadershipListener> watchers = new ConcurrentHashMap<>();
    private final Disposable isrChecks;
    private volatile boolean closed;

    public ReplicaManager(int nodeId, TopicRegistry topics, LeaderLink link, Scheduler scheduler,
                          IsrProposals proposals, Duration replicaLagMax, Duration retryBackoff,
                          ReplicationMeters meters) {
        this.nodeId = nodeId;
        this.topics = topics;
        this.link = link;
        this.scheduler = scheduler;
        this.proposals = proposals;
        this.replicaLagMax = replicaLagMax;
        this.retryBackoff = retryBackoff;
        this.meters = meters;
        long every = Math.max(50, replicaLagMax.toMillis() / 4);
        this.isrChecks = scheduler.schedulePeriodically(this::checkIsr, every, every,
                java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /**
     * Tells {@code listener} after every image how this node stands toward {@code tp}, once the partition is
     * open here. One listener per partition; a second replaces the first.
     */
    public void watchLeadership(TopicPartition tp, LeadershipListener listener) {
        watchers.put(tp, listener);
    }

    /** Brings this node's partitions in line with {@code image}. */
    public synchronized void apply(ClusterImage image) {
        if (closed) {
            return;
        }
        for (String name : topics.names()) {
            if (image.topic(name).isEmpty() && !name.startsWith("__")) {
                drop(name);
            }
        }
        for (TopicState t : image.topics().values()) {
            try {
                apply(t);
            } catch (RuntimeException e) {
                log.error("could not apply the metadata of topic {} on node {}", t.name(), nodeId, e);
            }
        }
    }

    private void apply(TopicState t) {
        Topic local = topics.find(t.name());
        if (local != null && local.partitionCount() != t.partitions().size()) {
            drop(t.name()); // re-created with another layout: the old data is not this topic's
        }
        local = topics.openReplicated(t.name(), t.partitions().size(), t.configs()); // the open one, once open
        int minIsr = TopicSettings.minInsyncReplicas(t.configs());
        for (PartitionState p : t.partitions()) {
            TopicPartition tp = new TopicPartition(t.name(), p.partition());
            try {
                apply(local, tp, p, minIsr);
            } catch (RuntimeException e) {
                // one partition's trouble (a full disk while opening it) does not hold up the others
                log.error("could not apply the metadata of {} on node {}", tp, nodeId, e);
            }
        }
    }

    private void apply(Topic local, TopicPartition tp, PartitionState p, int minIsr) {
        PartitionState before = placed.put(tp, p);
        if (!p.replicas().contains(nodeId)) {
            notAReplica(local, tp, p);
            return;
        }
        Partition partition = topics.host(tp);
        if (p.leader() == nodeId && before != null && before.leader() == nodeId
                && before.leaderEpoch() == p.leaderEpoch()) {
            countIsrChange(before.isr(), p.isr()); // asked by this leader, or done by the controller (fencing)
        }
        if (p.leader() == nodeId) {
            stopFetcher(tp);
            if (!partition.isLeader() || partition.leaderEpoch() != p.leaderEpoch()) {
                log.info("{}: leading in epoch {} from offset {}, ISR {}", tp, p.leaderEpoch(),
                        partition.logEndOffset(), p.isr());
            }
            partition.becomeLeader(nodeId, p.leaderEpoch(), p.replicas(), p.isr(), minIsr);
        } else if (p.hasLeader()) {
            if (before != null && !before.replicas().contains(nodeId)) {
                // a replica again: a produce that raced the earlier removal may have left a stray batch
                emptyCopy(partition, "a replica again (now " + p.replicas() + ")");
            }
            follow(partition, p);
        } else {
            stopFetcher(tp); // no leader now: refuse writes, copy nothing
            if (partition.isLeader() || partition.leaderEpoch() != p.leaderEpoch()) {
                partition.becomeFollower(p.leaderEpoch(), p.leader());
            }
        }
        tellWatcher(tp, partition, p.leader() == nodeId, p.leaderEpoch());
    }

    /**
     * This node holds no replica of {@code tp} (any more): if it still has the partition open, it stops leading
     * and copying it first, so waiting writes and readers hear {@code NOT_LEADER}, then closes it and deletes
     * its files. Safe after a restart too: only an image that leaves this node out of the replicas gets here.
     */
    private void notAReplica(Topic local, TopicPartition tp, PartitionState p) {
        stopFetcher(tp);
        Optional<Partition> hosted = local.hosted(tp.partition());
        if (hosted.isEmpty()) {
            return;
        }
        Partition partition = hosted.get();
        partition.becomeFollower(p.leaderEpoch(), p.leader());
        tellWatcher(tp, partition, false, p.leaderEpoch());
        log.info("{}: no longer a replica (now {}); removing the local copy up to offset {}", tp, p.replicas(),
                partition.logEndOffset());
        topics.unhost(tp);
    }

    private void tellWatcher(TopicPartition tp, Partition partition, boolean leading, int epoch) {
        LeadershipListener watcher = watchers.get(tp);
        if (watcher != null) {
            try {
                watcher.leadership(partition, leading, epoch);
            } catch (RuntimeException e) {
                log.error("{}: the leadership listener failed", tp, e);
            }
        }
    }

    private void follow(Partition partition, PartitionState p) {
        TopicPartition tp = partition.id();
        ReplicaFetcher running = fetchers.get(tp);
        if (running != null && running.epoch() == p.leaderEpoch() && running.leader() == p.leader()) {
            return;
        }
        stopFetcher(tp);
        log.info("{}: following node {} in epoch {} from offset {}", tp, p.leader(), p.leaderEpoch(),
                partition.logEndOffset());
        partition.becomeFollower(p.leaderEpoch(), p.leader());
        ReplicaFetcher f = new ReplicaFetcher(partition, nodeId, p.leader(), p.leaderEpoch(), link, scheduler,
                retryBackoff);
        fetchers.put(tp, f);
        f.start();
    }

    /**
     * A replica again: its files were deleted when it was removed, so this only matters if that deletion failed;
     * a returning replica copies everything from the leader anew.
     */
    private void emptyCopy(Partition partition, String why) {
        if (partition.logEndOffset() > 0) {
            log.info("{}: {}; removing the local copy up to offset {}", partition.id(), why, partition.logEndOffset());
            partition.truncateTo(0);
        }
    }

    private void drop(String name) {
        fetchers.keySet().removeIf(tp -> {
            if (tp.topic().equals(name)) {
                fetchers.get(tp).close();
                return true;
            }
            return false;
        });
        placed.keySet().removeIf(tp -> tp.topic().equals(name));
        topics.delete(name);
    }

    private void stopFetcher(TopicPartition tp) {
        ReplicaFetcher f = fetchers.remove(tp);
        if (f != null) {
            f.close();
        }
    }

    /** As leader: propose ISR changes where followers fell behind or caught up. */
    private void checkIsr() {
        long now = System.currentTimeMillis();
        int underReplicated = 0;
        for (Map.Entry<TopicPartition, PartitionState> e : placed.entrySet()) {
            TopicPartition tp = e.getKey();
            PartitionState state = e.getValue();
            Topic t = topics.find(tp.topic());
            if (t == null) {
                continue;
            }
            Optional<Partition> hosted = t.hosted(tp.partition());
            if (hosted.isEmpty()) {
                continue; // not a replica here, or not opened yet
            }
            Partition partition = hosted.get();
            if (state.replicas().contains(nodeId)) {
                checkpoint(partition);
            }
            if (state.leader() != nodeId) {
                continue;
            }
            LeaderState leader = partition.leadership();
            if (leader == null || leader.epoch() != state.leaderEpoch()) {
                continue;
            }
            if (state.isr().size() < state.replicas().size()) {
                underReplicated++;
            }
            Optional<List<Integer>> proposed = leader.proposedIsr(now, replicaLagMax.toMillis());
            leader.laggingReplicas(proposed.map(isr -> state.isr().stream().filter(r -> !isr.contains(r)).toList())
                    .orElse(List.of()));
            if (proposed.isEmpty() && handsOver(state, leader)) {
                proposed = Optional.of(state.isr()); // an unchanged ISR: the metadata completes the move
            } else if (proposed.isPresent() && proposed.get().equals(state.isr())) {
                proposed = Optional.empty();
            }
            if (proposed.isEmpty() || !proposing.add(tp)) {
                continue;
            }
            List<Integer> isr = proposed.get();

            List<Integer> joining = isr.stream().filter(r -> !state.isr().contains(r)).toList();
            if (!joining.isEmpty()) {
                // Count a joining replica for the high watermark from now on, before the metadata says it is in
                // sync: once it does, it may be elected, and it must hold everything acknowledged by then.
                List<Integer> widest = new java.util.ArrayList<>(state.isr());
                widest.addAll(joining);
                partition.becomeLeader(nodeId, state.leaderEpoch(), state.replicas(), widest, minIsr(tp));
            }
            log.info("{}: asking for ISR {} (was {})", tp, isr, state.isr());
            proposals.propose(tp, nodeId, state.leaderEpoch(), state.partitionEpoch(), isr)
                    .doFinally(s -> proposing.remove(tp))
                    .subscribe(ok -> { }, error -> {
                        log.info("{}: ISR change to {} refused: {}", tp, isr, error.getMessage());
                        PartitionState latest = placed.get(tp);
                        if (!joining.isEmpty() && latest != null && latest.leader() == nodeId
                                && latest.leaderEpoch() == state.leaderEpoch()) {
                            partition.becomeLeader(nodeId, latest.leaderEpoch(), latest.replicas(), latest.isr(),
                                    minIsr(tp));
                        }
                    });
        }
        meters.underReplicated(underReplicated);
    }

    /** Whether this leader, moved off the partition, sees the whole target in sync and holding its high watermark. */
    private boolean handsOver(PartitionState state, LeaderState leader) {
        return state.reassigning() && !state.targetReplicas().contains(nodeId)
                && state.isr().containsAll(state.targetReplicas()) && leader.heldBy(state.targetReplicas());
    }

    private static void checkpoint(Partition partition) {
        try {
            partition.checkpointHighWatermark();
        } catch (RuntimeException e) {
            log.warn("{}: could not checkpoint the high watermark: {}", partition.id(), e.getMessage());
        }
    }

    private void countIsrChange(List<Integer> before, List<Integer> after) {
        if (!after.containsAll(before)) {
            meters.isrChanged(true);
        }
        if (!before.containsAll(after)) {
            meters.isrChanged(false);
        }
    }

    private int minIsr(TopicPartition tp) {
        Topic t = topics.find(tp.topic());
        return t == null ? 1 : TopicSettings.minInsyncReplicas(t.overrides());
    }

    @Override
    public synchronized void close() {
        closed = true;
        isrChecks.dispose();
        fetchers.values().forEach(ReplicaFetcher::close);
        fetchers.clear();
    }
}
