package io.rivulet.engine.group;

import io.rivulet.api.AssignmentStrategy;
import io.rivulet.api.GroupDescription;
import io.rivulet.api.GroupState;
import io.rivulet.api.MemberDescription;
import io.rivulet.api.PartitionLag;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.RivuletClosedException;
import io.rivulet.api.errors.RivuletException;
import io.rivulet.engine.group.classic.ClassicCoordinator;
import io.rivulet.engine.group.classic.ClassicGroupConfig;
import io.rivulet.engine.group.classic.ClassicGroupDescription;
import io.rivulet.engine.metrics.GroupMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The engine's in-process {@link GroupCoordinator}: every group of one node, with committed offsets
 * durable in an {@link OffsetLog}. Kafka classic-protocol groups run beside them ({@link #classic()}), on the same
 * offsets log; {@link #describeGroup} and {@link #listGroups} show both kinds.
 *
 * <p><b>Time.</b> All time comes from the {@link Scheduler} given at construction: {@code now()} for
 * session deadlines and commit timestamps, and one timer per group, set for its earliest session
 * deadline, that removes members whose session ended. Tests pass a {@code VirtualTimeScheduler}.
 *
 * <p><b>Threading.</b> Thread-safe. Each group is confined to its monitor; requests for different
 * groups run in parallel. Requests run on the subscribing thread, except commits, which write the
 * offsets log and run on the {@code io} scheduler (the engine passes a bounded one for blocking work).
 *
 * <p><b>Meters.</b> It feeds {@link GroupMetrics} under each group's monitor: members and rebalances
 * after every change, commits once stored, and the lag gauges read committed offsets lock-free.
 */
public final class LocalGroupCoordinator implements GroupCoordinator, AutoCloseable {
    /** The directory name, under the engine's data directory, of the internal offsets log. */
    public static final String OFFSETS_LOG_DIR = "__consumer_offsets-0";
    private static final Logger LOG = LoggerFactory.getLogger(LocalGroupCoordinator.class);

    private final OffsetLog offsets;
    private final TopicMetadata metadata;
    private final Scheduler scheduler;
    private final Scheduler io;
    private final Map<String, Group> groups = new ConcurrentHashMap<>();
    private final DeadlineTimers timers;
    private final GroupMetrics metrics;
    private final LocalClassicCoordinator classic;
    private volatile boolean closed;

    private LocalGroupCoordinator(OffsetLog offsets, TopicMetadata metadata, Scheduler scheduler, Scheduler io,
                                  GroupMetrics metrics, ClassicGroupConfig classicConfig) {
        this.offsets = offsets;
        this.metadata = metadata;
        this.scheduler = scheduler;
        this.timers = new DeadlineTimers(scheduler);
        this.io = io;
        this.metrics = metrics;
        this.classic = new LocalClassicCoordinator(offsets, metadata, scheduler, io, classicConfig, this, metrics);
        metrics.lagFrom(this::lag);
    }

    /**
     * Opens the coordinator with its offsets log in {@code offsetsDir} (replaying it), committing on the
     * subscribing thread.
     */
    public static LocalGroupCoordinator open(Path offsetsDir, TopicMetadata metadata, Scheduler scheduler) {
        return open(offsetsDir, metadata, scheduler, Schedulers.immediate());
    }

    /**
     * Opens the coordinator with its offsets log in {@code offsetsDir} (replaying it).
     *
     * @param scheduler time source and session timers; not closed by this coordinator
     * @param io        where commits write the offsets log; not closed by this coordinator
     */
    public static LocalGroupCoordinator open(Path offsetsDir, TopicMetadata metadata, Scheduler scheduler,
                                             Scheduler io) {
        return open(offsetsDir, metadata, scheduler, io, GroupMetrics.none());
    }

    /** As {@link #open(Path, TopicMetadata, Scheduler, Scheduler)}, feeding {@code metrics}. */
    public static LocalGroupCoordinator open(Path offsetsDir, TopicMetadata metadata, Scheduler scheduler,
                                             Scheduler io, GroupMetrics metrics) {
        return open(offsetsDir, metadata, scheduler, io, metrics, ClassicGroupConfig.defaults());
    }

    /** As {@link #open(Path, TopicMetadata, Scheduler, Scheduler, GroupMetrics)}, with the limits of Kafka classic groups. */
    public static LocalGroupCoordinator open(Path offsetsDir, TopicMetadata metadata, Scheduler scheduler,
                                             Scheduler io, GroupMetrics metrics, ClassicGroupConfig classicConfig) {
        OffsetLog offsets = OffsetLog.open(offsetsDir, () -> scheduler.now(TimeUnit.MILLISECONDS));
        return new LocalGroupCoordinator(offsets, metadata, scheduler, io, metrics, classicConfig);
    }

    /**
     * Opens a cluster's coordinator on {@code partition} ({@code __consumer_offsets-0}), which this node leads:
     * replays the partition's log, and commits through it with acks=all, each waiting at most
     * {@code commitTimeout} for the in-sync replicas. Closing the coordinator leaves the partition open.
     */
    public static LocalGroupCoordinator replicated(io.rivulet.engine.partition.Partition partition,
                                                   TopicMetadata metadata, Scheduler scheduler, Scheduler io,
                                                   GroupMetrics metrics, java.time.Duration commitTimeout) {
        return replicated(partition, metadata, scheduler, io, metrics, commitTimeout, ClassicGroupConfig.defaults());
    }

    /** As {@link #replicated(io.rivulet.engine.partition.Partition, TopicMetadata, Scheduler, Scheduler, GroupMetrics,
     * java.time.Duration)}, with the limits of Kafka classic groups. */
    public static LocalGroupCoordinator replicated(io.rivulet.engine.partition.Partition partition,
                                                   TopicMetadata metadata, Scheduler scheduler, Scheduler io,
                                                   GroupMetrics metrics, java.time.Duration commitTimeout,
                                                   ClassicGroupConfig classicConfig) {
        OffsetLog offsets = OffsetLog.open(new ReplicatedOffsetStore(partition, commitTimeout),
                () -> scheduler.now(TimeUnit.MILLISECONDS), OffsetLog.DEFAULT_COMPACTION_MIN_RECORDS);
        return new LocalGroupCoordinator(offsets, metadata, scheduler, io, metrics, classicConfig);
    }

    /**
     * The Kafka classic-protocol groups of this coordinator: they share its committed offsets, and a group id has
     * members of one kind at a time.
     */
    public ClassicCoordinator classic() {
        return classic;
    }

    @Override
    public Mono<JoinResponse> join(JoinRequest request) {
        return call(() -> classic.hasMembers(request.groupId()) ? JoinResponse.failed(
                GroupError.INCONSISTENT_GROUP_PROTOCOL, "group '" + request.groupId() + "' has Kafka consumers "
                        + "(classic group protocol) as members; a group is served to one kind of consumer at a time: "
                        + "use another group.id") : withGroup(request.groupId(), g -> {
            JoinResponse response = g.join(request, now());
            if (response.error() == GroupError.NONE && request.memberId() == null) {
                LOG.info("group {}: member {} ({}) joined, generation {}", g.groupId(), response.memberId(),
                        request.clientId(), g.generation());
            }
            return response;
        }));
    }

    @Override
    public Mono<HeartbeatResponse> heartbeat(HeartbeatRequest request) {
        return call(() -> withExistingGroup(request.groupId(), g -> g.heartbeat(request, now()),
                HeartbeatResponse.failed(GroupError.UNKNOWN_MEMBER_ID)));
    }

    @Override
    public Mono<LeaveResponse> leave(LeaveRequest request) {
        return call(() -> withExistingGroup(request.groupId(), g -> {
            LeaveResponse response = g.leave(request);
            if (response.error() == GroupError.NONE) {
                LOG.info("group {}: member {} left, generation {}", g.groupId(), request.memberId(), g.generation());
            }
            return response;
        }, new LeaveResponse(GroupError.UNKNOWN_MEMBER_ID)));
    }

    @Override
    public Mono<CommitResponse> commit(CommitRequest request) {
        return call(() -> withExistingGroup(request.groupId(), g -> {
            CommitResponse response = g.checkCommit(request);
            if (response.error() == GroupError.NONE) {
                Map<TopicPartition, Long> accepted = new HashMap<>(request.offsets());
                accepted.keySet().removeAll(response.partitionErrors().keySet());
                offsets.write(request.groupId(), accepted);
                metrics.committed(request.groupId(), accepted.keySet());
            }
            return response;
        }, new CommitResponse(GroupError.UNKNOWN_MEMBER_ID, 0, Map.of()))).subscribeOn(io);
    }

    @Override
    public Mono<OffsetFetchResponse> fetchOffsets(OffsetFetchRequest request) {
        return call(() -> {
            Map<TopicPartition, Long> all = offsets.committed(request.groupId());
            if (request.partitions().isEmpty()) {
                return new OffsetFetchResponse(all);
            }
            Map<TopicPartition, Long> asked = new HashMap<>();
            request.partitions().forEach(tp -> {
                Long offset = all.get(tp);
                if (offset != null) {
                    asked.put(tp, offset);
                }
            });
            return new OffsetFetchResponse(asked);
        });
    }

    @Override
    public Mono<GroupDescription> describeGroup(String groupId) {
        return call(() -> describe(groupId));
    }

    @Override
    public Mono<List<String>> listGroups() {
        return call(() -> {
            TreeSet<String> ids = new TreeSet<>(offsets.groups());
            ids.addAll(groups.keySet());
            ids.addAll(classic.groupIds());
            return List.copyOf(ids);
        });
    }

    @Override
    public Mono<Void> deleteGroup(String groupId) {
        return call(() -> whileEmpty(groupId, () -> {
            Map<TopicPartition, Long> committed = offsets.committed(groupId);
            if (committed.isEmpty()) {
                throw new RivuletException(ErrorCode.UNKNOWN_GROUP, "group '" + groupId
                        + "' has no committed offsets to delete; check the group id (rivulet groups list)");
            }
            offsets.delete(groupId, committed.keySet());
            LOG.info("group {}: deleted, with its committed offsets of {} partitions", groupId, committed.size());
            return true;
        })).subscribeOn(io).then();
    }

    @Override
    public Mono<Void> alterOffsets(String groupId, Map<TopicPartition, Long> positions) {
        return call(() -> {
            positions.forEach(this::checkPosition);
            return whileEmpty(groupId, () -> {
                offsets.write(groupId, positions);
                LOG.info("group {}: committed offsets set by an operator on {}", groupId, positions.keySet());
                return true;
            });
        }).subscribeOn(io).then();
    }

    @Override
    public Mono<Void> deleteOffsets(String groupId, Set<TopicPartition> partitions) {
        return call(() -> whileEmpty(groupId, () -> {
            offsets.delete(groupId, partitions);
            return true;
        })).subscribeOn(io).then();
    }

    private void checkPosition(TopicPartition tp, Long offset) {
        int partitions = metadata.partitionCount(tp.topic());
        if (partitions <= 0) {
            throw new io.rivulet.api.errors.UnknownTopicException(tp.topic());
        }
        if (tp.partition() < 0 || tp.partition() >= partitions) {
            throw new RivuletException(ErrorCode.UNKNOWN_PARTITION, "topic '" + tp.topic() + "' has partitions 0 to "
                    + (partitions - 1) + ", not " + tp.partition());
        }
        if (offset == null || offset < 0) {
            throw new io.rivulet.api.errors.InvalidOffsetException("offset " + offset + " for " + tp
                    + " is negative: give the position of the next record to read, 0 or more");
        }
    }

    /**
     * Runs {@code action} while {@code groupId} has no members of either kind, holding both kinds' monitors so no
     * member joins meanwhile (always the Rivulet group's first: the classic side never waits for it while holding
     * its own).
     */
    private <T> T whileEmpty(String groupId, java.util.function.Supplier<T> action) {
        return withGroup(groupId, g -> {
            if (!g.isEmpty()) {
                throw notEmpty(groupId, g.memberCount() + " Rivulet consumer(s)");
            }
            return classic.whileEmpty(groupId, action);
        });
    }

    static RivuletException notEmpty(String groupId, String members) {
        return new RivuletException(ErrorCode.GROUP_NOT_EMPTY, "group '" + groupId + "' has " + members
                + " as members; stop them (or wait for their sessions to end) before changing its committed offsets");
    }

    /**
     * Re-reads the partition counts of every group's topics and rebalances the groups whose topics were
     * created or grew. The engine calls it after creating a topic or adding partitions.
     */
    public void topicsChanged() {
        for (Group g : groups.values()) {
            synchronized (g) {
                if (g.topicsChanged()) {
                    LOG.info("group {}: subscribed topics changed, generation {}", g.groupId(), g.generation());
                    if (groups.get(g.groupId()) == g) {
                        recordMetrics(g);
                    }
                }
            }
        }
    }

    /**
     * Forgets every group's committed offsets of {@code topic} (a topic created again under the same name
     * starts from scratch) and rebalances the groups that consumed it. The engine calls it after deleting
     * the topic, once {@link TopicMetadata} no longer knows it.
     */
    public void topicDeleted(String topic) {
        ensureOpen();
        offsets.deleteTopic(topic);
        topicsChanged();
    }

    /** Cancels the session timers and closes the offsets log. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        timers.cancelAll();
        classic.close();
        metrics.close();
        offsets.close();
    }

    /** A group's lag on {@code tp}, for its gauge: high watermark minus committed offset; NaN if either is unknown. */
    private double lag(String groupId, TopicPartition tp) {
        long committed = offsets.committed(groupId, tp);
        long end = metadata.endOffset(tp);
        if (committed == PartitionLag.NO_OFFSET || end < 0) {
            return Double.NaN;
        }
        return Math.max(0, end - committed);
    }

    /** Holding the group's monitor. */
    private void recordMetrics(Group g) {
        metrics.groupChanged(g.groupId(), g.memberCount(), g.generation(),
                () -> offsets.committed(g.groupId()).keySet());
    }

    /** Whether {@code groupId} is a Rivulet group with members now. */
    boolean hasMembers(String groupId) {
        Group g = groups.get(groupId);
        if (g == null) {
            return false;
        }
        synchronized (g) {
            return !g.isEmpty();
        }
    }

    /** The ids of the Rivulet groups with members. */
    Set<String> rivuletGroupIds() {
        return Set.copyOf(groups.keySet());
    }

    /** The Rivulet group {@code groupId} with its lag, or null if it has no members now. */
    GroupDescription describeRivulet(String groupId) {
        return hasMembers(groupId) ? describe(groupId) : null;
    }

    private GroupDescription describe(String groupId) {
        GroupState state = GroupState.EMPTY;
        int generation = 0;
        AssignmentStrategy strategy = null;
        List<MemberDescription> members = List.of();
        Set<TopicPartition> assigned = Set.of();
        Group g = groups.get(groupId);
        ClassicGroupDescription kafka = classic.live(groupId);
        if (g != null) {
            synchronized (g) {
                state = g.state();
                generation = g.generation();
                strategy = g.strategy();
                members = g.describeMembers();
                assigned = g.assignedPartitions();
            }
        }
        if (members.isEmpty() && kafka != null) {
            state = GroupState.valueOf(kafka.state().name());
            generation = kafka.generation();
            strategy = strategyOf(kafka.protocolName());
            members = kafka.members().stream().map(m -> new MemberDescription(m.memberId(), m.clientId(),
                    m.clientHost(), m.partitions())).toList();
            assigned = new java.util.HashSet<>();
            for (MemberDescription m : members) {
                assigned.addAll(m.assignment());
            }
        }
        Map<TopicPartition, Long> committed = offsets.committed(groupId);
        if (members.isEmpty() && committed.isEmpty()) {
            throw new RivuletException(ErrorCode.UNKNOWN_GROUP, "group '" + groupId
                    + "' does not exist: it has no members and no committed offsets; check the group.id");
        }
        // Every partition of each topic the group reads: one it has not committed on yet still lags.
        TreeSet<TopicPartition> partitions = new TreeSet<>(Assignor.PARTITION_ORDER);
        partitions.addAll(committed.keySet());
        partitions.addAll(assigned);
        for (String topic : partitions.stream().map(TopicPartition::topic).distinct().toList()) {
            for (int p = 0; p < metadata.partitionCount(topic); p++) {
                partitions.add(TopicPartition.of(topic, p));
            }
        }
        List<PartitionLag> lags = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            long end = metadata.endOffset(tp);
            if (end < 0) {
                continue; // the topic is gone
            }
            long position = committed.getOrDefault(tp, PartitionLag.NO_OFFSET);
            long from = position == PartitionLag.NO_OFFSET ? Math.max(0, metadata.logStartOffset(tp)) : position;
            lags.add(new PartitionLag(tp, position, end, Math.max(0, end - from)));
        }
        return new GroupDescription(groupId, state, generation, strategy, members, lags);
    }

    /** A Kafka protocol name as a strategy, when it is one Rivulet knows ({@code range}, …); else null. */
    private static AssignmentStrategy strategyOf(String protocolName) {
        try {
            return protocolName.isEmpty() ? null : AssignmentStrategy.parse(protocolName);
        } catch (io.rivulet.api.errors.InvalidConfigException e) {
            return null; // a client-side assignor Rivulet does not implement, e.g. Kafka's "sticky"
        }
    }

    /** Runs {@code f} on the group, creating it if needed, under its monitor. */
    private <T> T withGroup(String groupId, Function<Group, T> f) {
        for (;;) {
            Group g = groups.computeIfAbsent(groupId, id -> new Group(id, metadata));
            synchronized (g) {
                if (groups.get(groupId) != g) {
                    continue; // dropped as empty meanwhile: take the new one
                }
                try {
                    return f.apply(g);
                } finally {
                    afterChange(g);
                }
            }
        }
    }

    /** Runs {@code f} on the group under its monitor, or answers {@code absent} when there is no such group. */
    private <T> T withExistingGroup(String groupId, Function<Group, T> f, T absent) {
        Group g = groups.get(groupId);
        if (g == null) {
            return absent;
        }
        synchronized (g) {
            if (groups.get(groupId) != g) {
                return absent;
            }
            try {
                return f.apply(g);
            } finally {
                afterChange(g);
            }
        }
    }

    /** Holding the group's monitor: drops it when empty, else makes sure its next deadline is watched. */
    private void afterChange(Group g) {
        if (g.isEmpty()) {
            if (groups.remove(g.groupId(), g)) {
                metrics.groupRemoved(g.groupId());
            }
            timers.cancel(g.groupId());
            return;
        }
        recordMetrics(g);
        long next = g.nextDeadline();
        if (!closed) {
            timers.watch(g.groupId(), next, () -> expire(g));
        }
    }

    private void expire(Group g) {
        synchronized (g) {
            timers.fired(g.groupId());
            if (closed || groups.get(g.groupId()) != g) {
                return;
            }
            List<String> expired = g.expire(now());
            if (!expired.isEmpty()) {
                LOG.info("group {}: session of {} expired, generation {}", g.groupId(), expired, g.generation());
            }
            afterChange(g);
        }
    }

    private long now() {
        return timers.now();
    }

    private <T> Mono<T> call(Callable<T> body) {
        return Mono.fromCallable(() -> {
            ensureOpen();
            return body.call();
        });
    }

    private void ensureOpen() {
        if (closed) {
            throw new RivuletClosedException("the group coordinator");
        }
    }
}
