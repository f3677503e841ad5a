package io.rivulet.engine.group;

import io.rivulet.api.GroupDescription;
import io.rivulet.api.MemberDescription;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.RivuletClosedException;
import io.rivulet.engine.group.classic.ClassicCommitRequest;
import io.rivulet.engine.group.classic.ClassicCommitResponse;
import io.rivulet.engine.group.classic.ClassicCoordinator;
import io.rivulet.engine.group.classic.ClassicError;
import io.rivulet.engine.group.classic.ClassicGroup;
import io.rivulet.engine.group.classic.ClassicGroupConfig;
import io.rivulet.engine.group.classic.ClassicGroupDescription;
import io.rivulet.engine.group.classic.ClassicGroupListing;
import io.rivulet.engine.group.classic.ClassicGroupState;
import io.rivulet.engine.group.classic.ClassicHeartbeatRequest;
import io.rivulet.engine.group.classic.ClassicJoinRequest;
import io.rivulet.engine.group.classic.ClassicJoinResponse;
import io.rivulet.engine.group.classic.ClassicLeaveRequest;
import io.rivulet.engine.group.classic.ClassicLeaveResponse;
import io.rivulet.engine.group.classic.ClassicSyncRequest;
import io.rivulet.engine.group.classic.ClassicSyncResponse;
import io.rivulet.engine.group.classic.ConsumerAssignment;
import io.rivulet.engine.metrics.GroupMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The engine's {@link ClassicCoordinator}: Kafka classic groups, each a {@link ClassicGroup} state machine, next to
 * the Rivulet groups of the {@link LocalGroupCoordinator} that owns it, sharing its offsets log (so offsets
 * committed by Kafka consumers are durable, replayed on start, and shown by {@code rivulet groups describe}).
 *
 * <p>A group id is either Kafka-classic or Rivulet's own while it has members: a join of the other kind is refused
 * with {@code INCONSISTENT_GROUP_PROTOCOL}. The check runs without holding both groups' locks, so two joins of
 * different kinds racing for a new group id in the same instant could both pass; that is the only gap.
 *
 * <p><b>Time.</b> From the {@link Scheduler} given: {@code now()} for every call, and one timer per group, set
 * for its {@link ClassicGroup#nextDeadline()}, that applies session and rebalance timeouts.
 *
 * <p><b>Meters.</b> Classic groups feed the same {@link GroupMetrics} as Rivulet's: members, rebalances, commits
 * and lag per group, registered while the group has members.
 *
 * <p><b>Threading.</b> Thread-safe: each group is confined to its monitor; held join and sync answers are
 * completed after the monitor is released, on the thread of the call (or timer) that completed the barrier.
 * Commits write the offsets log on the {@code io} scheduler. A group with no members (and no member id handed
 * out) is forgotten; its committed offsets stay in the log.
 */
final class LocalClassicCoordinator implements ClassicCoordinator, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalClassicCoordinator.class);

    private final OffsetLog offsets;
    private final TopicMetadata metadata;
    private final Scheduler scheduler;
    private final Scheduler io;
    private final ClassicGroupConfig config;
    private final LocalGroupCoordinator rivuletGroups;
    private final GroupMetrics metrics;
    private final Map<String, ClassicGroup> groups = new ConcurrentHashMap<>();
    private final DeadlineTimers timers;
    private volatile boolean closed;

    LocalClassicCoordinator(OffsetLog offsets, TopicMetadata metadata, Scheduler scheduler, Scheduler io,
                            ClassicGroupConfig config, LocalGroupCoordinator rivuletGroups, GroupMetrics metrics) {
        this.offsets = offsets;
        this.metadata = metadata;
        this.scheduler = scheduler;
        this.timers = new DeadlineTimers(scheduler);
        this.io = io;
        this.config = config;
        this.rivuletGroups = rivuletGroups;
        this.metrics = metrics;
    }

    @Override
    public Mono<ClassicJoinResponse> join(ClassicJoinRequest request) {
        return Mono.defer(() -> {
            ensureOpen();
            if (rivuletGroups.hasMembers(request.groupId())) {
                LOG.warn("group {}: refused a Kafka classic join from client {} at {}: the group id is in use by "
                                + "Rivulet consumers; give the Kafka consumers another group.id", request.groupId(),
                        request.clientId(), request.clientHost());
                return Mono.just(ClassicJoinResponse.failed(ClassicError.INCONSISTENT_GROUP_PROTOCOL,
                        request.memberId()));
            }
            Sinks.One<ClassicJoinResponse> answer = Sinks.one();
            withGroup(request.groupId(), g -> {
                g.join(request, now(), answer::tryEmitValue);
                return null;
            });
            return answer.asMono();
        });
    }

    @Override
    public Mono<ClassicSyncResponse> sync(ClassicSyncRequest request) {
        return Mono.defer(() -> {
            ensureOpen();
            Sinks.One<ClassicSyncResponse> answer = Sinks.one();
            withGroup(request.groupId(), g -> {
                g.sync(request, now(), answer::tryEmitValue);
                return null;
            });
            return answer.asMono();
        });
    }

    @Override
    public Mono<ClassicError> heartbeat(ClassicHeartbeatRequest request) {
        return call(() -> withGroup(request.groupId(), g -> g.heartbeat(request, now())));
    }

    @Override
    public Mono<ClassicLeaveResponse> leave(ClassicLeaveRequest request) {
        return call(() -> withGroup(request.groupId(), g -> {
            ClassicLeaveResponse response = g.leave(request, now());
            LOG.info("group {}: {} left, generation {}", g.groupId(), request.members(), g.generation());
            return response;
        }));
    }

    @Override
    public Mono<ClassicCommitResponse> commit(ClassicCommitRequest request) {
        return call(() -> {
            boolean simple = request.generation() < 0 && request.memberId().isEmpty()
                    && request.groupInstanceId() == null;
            if (simple && rivuletGroups.hasMembers(request.groupId())) {
                return new ClassicCommitResponse(ClassicError.UNKNOWN_MEMBER_ID, Map.of());
            }
            return withGroup(request.groupId(), g -> {
                ClassicError e = g.checkCommit(request.memberId(), request.groupInstanceId(), request.generation(),
                        now());
                if (e != ClassicError.NONE) {
                    return new ClassicCommitResponse(e, Map.of());
                }
                Map<TopicPartition, ClassicError> refused = new HashMap<>();
                Map<TopicPartition, Long> accepted = new HashMap<>();
                request.offsets().forEach((tp, offset) -> {
                    if (offset < 0) {
                        refused.put(tp, ClassicError.INVALID_REQUEST);
                    } else if (tp.partition() >= metadata.partitionCount(tp.topic())) {
                        refused.put(tp, ClassicError.UNKNOWN_TOPIC_OR_PARTITION);
                    } else {
                        accepted.put(tp, offset);
                    }
                });
                offsets.write(request.groupId(), accepted); // under the monitor: no rebalance slips in between
                metrics.committed(request.groupId(), accepted.keySet());
                return new ClassicCommitResponse(ClassicError.NONE, refused);
            });
        }).subscribeOn(io);
    }

    @Override
    public Mono<Map<TopicPartition, Long>> committed(String groupId, Set<TopicPartition> partitions) {
        return call(() -> {
            Map<TopicPartition, Long> all = offsets.committed(groupId);
            if (partitions.isEmpty()) {
                return all;
            }
            Map<TopicPartition, Long> asked = new HashMap<>();
            partitions.forEach(tp -> {
                Long offset = all.get(tp);
                if (offset != null) {
                    asked.put(tp, offset);
                }
            });
            return asked;
        });
    }

    @Override
    public Mono<List<ClassicGroupListing>> listGroups() {
        return call(() -> {
            Map<String, ClassicGroupListing> out = new TreeMap<>();
            for (String id : offsets.groups()) {
                out.put(id, new ClassicGroupListing(id, "", ClassicGroupState.EMPTY, ClassicGroupListing.CLASSIC));
            }
            for (String id : rivuletGroups.rivuletGroupIds()) {
                GroupDescription d = rivuletGroups.describeRivulet(id);
                if (d != null) {
                    out.put(id, new ClassicGroupListing(id, ConsumerAssignment.PROTOCOL_TYPE,
                            ClassicGroupState.valueOf(d.state().name()), ClassicGroupListing.CONSUMER));
                }
            }
            for (ClassicGroup g : groups.values()) {
                ClassicGroupDescription d = snapshot(g);
                if (d != null) {
                    out.put(d.groupId(), new ClassicGroupListing(d.groupId(), d.protocolType(), d.state(),
                            ClassicGroupListing.CLASSIC));
                }
            }
            return List.copyOf(out.values());
        });
    }

    @Override
    public Mono<ClassicGroupDescription> describeGroup(String groupId) {
        return call(() -> {
            ClassicGroupDescription live = live(groupId);
            if (live != null) {
                return live;
            }
            GroupDescription rivulet = rivuletGroups.describeRivulet(groupId);
            if (rivulet != null) {
                List<ClassicGroupDescription.Member> members = new ArrayList<>();
                for (MemberDescription m : rivulet.members()) {
                    members.add(new ClassicGroupDescription.Member(m.memberId(), null, m.clientId(), m.host(),
                            new byte[0], new byte[0], m.assignment()));
                }
                String strategy = rivulet.assignmentStrategy() == null ? "" : rivulet.assignmentStrategy().configValue();
                return new ClassicGroupDescription(groupId, ClassicGroupState.valueOf(rivulet.state().name()),
                        ConsumerAssignment.PROTOCOL_TYPE, strategy, rivulet.generation(), "", members);
            }
            ClassicGroupState state = offsets.committed(groupId).isEmpty() ? ClassicGroupState.DEAD
                    : ClassicGroupState.EMPTY;
            return new ClassicGroupDescription(groupId, state, "", "", 0, "", List.of());
        });
    }

    @Override
    public Mono<Void> deleteGroup(String groupId) {
        return rivuletGroups.deleteGroup(groupId);
    }

    @Override
    public Mono<Void> deleteOffsets(String groupId, Set<TopicPartition> partitions) {
        return rivuletGroups.deleteOffsets(groupId, partitions);
    }

    /** The classic group {@code groupId} if it has members now, else null. */
    ClassicGroupDescription live(String groupId) {
        ClassicGroup g = groups.get(groupId);
        return g == null ? null : snapshot(g);
    }

    /** Whether {@code groupId} is a classic group with members (or a member id handed out). */
    boolean hasMembers(String groupId) {
        ClassicGroup g = groups.get(groupId);
        if (g == null) {
            return false;
        }
        synchronized (g) {
            return !g.isEmpty();
        }
    }

    /** Runs {@code action} under the classic group's monitor if it has no members; else refuses. */
    <T> T whileEmpty(String groupId, java.util.function.Supplier<T> action) {
        return withGroup(groupId, g -> {
            if (!g.isEmpty()) {
                throw LocalGroupCoordinator.notEmpty(groupId, "Kafka consumer(s) (classic group protocol)");
            }
            return action.get();
        });
    }

    /** The ids of the classic groups with members. */
    Set<String> groupIds() {
        return Set.copyOf(groups.keySet());
    }

    /** Unloads every group (waiting members are told {@code NOT_COORDINATOR}) and cancels the timers. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        timers.cancelAll();
        for (ClassicGroup g : groups.values()) {
            List<Runnable> answers;
            synchronized (g) {
                g.unload();
                answers = g.drainAnswers();
            }
            answers.forEach(Runnable::run);
        }
        groups.clear();
    }

    private ClassicGroupDescription snapshot(ClassicGroup g) {
        synchronized (g) {
            return g.isEmpty() || g.state() == ClassicGroupState.DEAD ? null : g.describe();
        }
    }

    /** Runs {@code f} on the group (created if needed) under its monitor, then hands out the answers it produced. */
    private <T> T withGroup(String groupId, Function<ClassicGroup, T> f) {
        for (;;) {
            ClassicGroup g = groups.computeIfAbsent(groupId, id -> new ClassicGroup(id, config));
            List<Runnable> answers;
            T result;
            synchronized (g) {
                if (groups.get(groupId) != g) {
                    continue; // forgotten as empty meanwhile: take the new one
                }
                int generation = g.generation();
                try {
                    result = f.apply(g);
                } finally {
                    answers = g.drainAnswers();
                    afterChange(g, generation);
                }
            }
            answers.forEach(Runnable::run);
            return result;
        }
    }

    /** Holding the group's monitor: forgets it when empty, else makes sure its next deadline is watched. */
    private void afterChange(ClassicGroup g, int generationBefore) {
        if (g.generation() != generationBefore) {
            LOG.info("group {}: generation {} formed with {} members ({})", g.groupId(), g.generation(),
                    g.memberCount(), g.state());
        }
        if (g.isEmpty() && g.state() == ClassicGroupState.EMPTY) {
            if (groups.remove(g.groupId(), g)) {
                metrics.groupRemoved(g.groupId());
            }
            timers.cancel(g.groupId());
            return;
        }
        if (g.memberCount() > 0) {
            metrics.groupChanged(g.groupId(), g.memberCount(), g.generation(),
                    () -> offsets.committed(g.groupId()).keySet());
        }
        long next = g.nextDeadline();
        if (!closed && next != Long.MAX_VALUE) { // MAX_VALUE: nothing to wait for
            timers.watch(g.groupId(), next, () -> expire(g));
        }
    }

    private void expire(ClassicGroup g) {
        List<Runnable> answers;
        synchronized (g) {
            timers.fired(g.groupId());
            if (closed || groups.get(g.groupId()) != g) {
                return;
            }
            int generation = g.generation();
            List<String> removed = g.tick(now());
            if (!removed.isEmpty()) {
                LOG.info("group {}: removed {} (session or rebalance timeout), generation {}", g.groupId(), removed,
                        g.generation());
            }
            answers = g.drainAnswers();
            afterChange(g, generation);
        }
        answers.forEach(Runnable::run);
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
