package io.rivulet.engine.group;

import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.IllegalGenerationException;
import io.rivulet.api.errors.InvalidConfigException;
import io.rivulet.api.errors.RivuletException;
import io.rivulet.api.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The client side of the group protocol for one consumer: joins, heartbeats, follows assignment
 * changes through a {@link RebalanceHandler}, and commits what its {@link CommitTracker} says is
 * committable. It speaks only the {@link GroupCoordinator} interface, so it works the same in-process
 * and over a network.
 *
 * <p><b>Liveness.</b> Heartbeats run every {@code heartbeat.interval.ms} on a timer of the given
 * {@link Scheduler}, independent of record processing: a consumer that is slow, or paused by
 * backpressure or {@code max.ack.ahead}, keeps its membership. If no heartbeat is answered for
 * {@code session.timeout.ms} the member assumes the coordinator has given its partitions away, drops
 * them ({@link RebalanceHandler#onLost}) and rejoins.
 *
 * <p><b>Rebalances.</b> Newly assigned partitions get a {@link PartitionAcks} starting at the committed
 * offset, then {@link RebalanceHandler#onAssigned}. Revoked partitions go through
 * {@link RebalanceHandler#onRevoked}; when its {@code Mono} completes the member commits, forgets their
 * in-flight records, stops reporting them as owned and heartbeats at once, which releases them to
 * their next owner. Heartbeats continue meanwhile.
 *
 * <p><b>Commits</b> run every {@code auto.commit.interval.ms} (or whenever a position advances, when
 * it is zero), after revocations, on {@link #commit()} and on {@link #close()}; they are serial and
 * coalesced, so at most one is in flight and one waiting.
 *
 * <p>Thread-safe.
 */
public final class GroupMember {
    private static final Logger LOG = LoggerFactory.getLogger(GroupMember.class);

    private enum Phase { NEW, RUNNING, CLOSING, CLOSED }

    private final GroupCoordinator coordinator;
    private final MemberConfig config;
    private final RebalanceHandler handler;
    private final Scheduler scheduler;
    private final CommitTracker tracker;
    private final CoalescingTask heartbeats = new CoalescingTask(this::heartbeatOnce);
    private final CoalescingTask commits = new CoalescingTask(this::commitOnce);
    private final Runnable onProgress;

    // Guarded by this.
    private Phase phase = Phase.NEW;
    private String memberId;
    private int epoch;
    private final Set<TopicPartition> owned = new HashSet<>();
    private final Map<TopicPartition, Sinks.Empty<Void>> revoking = new HashMap<>();
    private long lastAnswerMs;
    private Disposable heartbeatTimer;
    private Disposable commitTimer;
    private Mono<Void> closing;

    /**
     * A member that has not joined yet; {@link #start()} joins.
     *
     * @param scheduler the timers for heartbeats and commits, and the member's clock
     */
    public GroupMember(GroupCoordinator coordinator, MemberConfig config, RebalanceHandler handler,
                       Scheduler scheduler) {
        this.coordinator = coordinator;
        this.config = config;
        this.handler = handler;
        this.scheduler = scheduler;
        this.tracker = new CommitTracker(config.maxAckAhead());
        this.onProgress = config.autoCommitInterval().isZero()
                ? () -> commits.request().subscribe(null, this::commitFailed)
                : null;
    }

    /**
     * Joins the group and starts the heartbeat and commit timers. Completes once the first assignment
     * has been handed to {@link RebalanceHandler#onAssigned}; fails with {@link InvalidConfigException}
     * when the coordinator refuses the member (say, a strategy other than the group's).
     */
    public Mono<Void> start() {
        return Mono.defer(() -> {
            synchronized (this) {
                if (phase != Phase.NEW) {
                    return Mono.error(new IllegalStateException("group member of '" + config.groupId()
                            + "' was already started; create a new one"));
                }
                phase = Phase.RUNNING;
            }
            return heartbeats.request()
                    .doOnSuccess(v -> startTimers())
                    .doOnError(e -> stopTimers(Phase.CLOSED));
        });
    }

    /** The tracker the consumer records deliveries and acknowledgements in. */
    public CommitTracker tracker() {
        return tracker;
    }

    /** The id the coordinator gave this member, or null while it is not a member. */
    public synchronized String memberId() {
        return memberId;
    }

    /** The last generation the coordinator told this member. */
    public synchronized int generation() {
        return epoch;
    }

    /** The partitions this member owns now, including those it is revoking. */
    public synchronized Set<TopicPartition> owned() {
        return Set.copyOf(owned);
    }

    /**
     * Commits every committable position now. Completes when they are durable; fails with
     * {@link IllegalGenerationException} if some partition was no longer this member's (its records will
     * be redelivered to the new owner), after committing the others.
     */
    public Mono<Void> commit() {
        return commits.request();
    }

    /**
     * Commits through the record at {@code offset} of a partition, for {@code RecordOffset.commit()}:
     * waits until every delivered record of the partition up to it is acknowledged, then commits.
     * Completes once a durable commit covers the record; fails with {@link IllegalGenerationException}
     * if the partition is revoked or lost first (the record will be redelivered to its next owner).
     */
    public Mono<Void> commit(PartitionAcks acks, long offset) {
        return acks.whenPast(offset)
                .then(Mono.defer(() -> covered(acks, offset) ? Mono.<Void>empty()
                        : commits.request().onErrorResume(e -> Mono.empty())))
                .then(Mono.defer(() -> covered(acks, offset) ? Mono.<Void>empty()
                        : Mono.error(new IllegalGenerationException(config.groupId(), acks.generation(), generation()))));
    }

    private static boolean covered(PartitionAcks acks, long offset) {
        long committed = acks.committedPosition();
        return committed != PartitionAcks.NO_POSITION && committed > offset;
    }

    /**
     * Leaves the group: revokes every partition through the handler, commits what was acknowledged,
     * and sends a leave so the partitions move at once. Idempotent; later calls return the same result.
     */
    public Mono<Void> close() {
        return Mono.defer(() -> {
            synchronized (this) {
                if (closing == null) {
                    if (phase == Phase.NEW || phase == Phase.CLOSED) {
                        phase = Phase.CLOSED;
                        closing = Mono.empty();
                    } else {
                        phase = Phase.CLOSING;
                        closing = leaveGracefully().cache();
                    }
                }
                return closing;
            }
        });
    }

    /**
     * Stops every timer and sends nothing more, as if the process died: no leave, no final commit. The
     * coordinator moves the partitions after {@code session.timeout.ms}. For failover tests.
     */
    public void halt() {
        stopTimers(Phase.CLOSED);
    }

    // ------------------------------------------------------------------ heartbeats and reconciliation

    private Mono<Void> heartbeatOnce() {
        String id;
        int e;
        Set<TopicPartition> reported;
        synchronized (this) {
            if (phase == Phase.CLOSED || (phase == Phase.CLOSING && memberId == null)) {
                return Mono.empty();
            }
            id = memberId;
            e = epoch;
            reported = Set.copyOf(owned);
        }
        Mono<Void> exchange = id == null ? joinOnce()
                : coordinator.heartbeat(new HeartbeatRequest(config.groupId(), id, e, reported)).flatMap(r -> {
                    if (r.error().fenced()) {
                        lose(id, "the coordinator answered " + r.error());
                        return Mono.defer(this::heartbeatOnce); // rejoin now
                    }
                    answered();
                    return reconcile(id, r.assignment());
                });
        return exchange.onErrorResume(error -> {
            if (!(error instanceof InvalidConfigException) && silentForTooLong()) {
                lose(id, "no heartbeat was answered for session.timeout.ms");
            }
            return Mono.error(error);
        });
    }

    private Mono<Void> joinOnce() {
        return coordinator.join(new JoinRequest(config.groupId(), null, config.clientId(), config.host(),
                config.topics(), config.strategy(), config.sessionTimeout().toMillis())).flatMap(r -> {
                    if (r.error() != GroupError.NONE) {
                        return Mono.error(new InvalidConfigException(ConsumerConfig.GROUP_ID.name(),
                                config.groupId(), r.errorMessage()));
                    }
                    boolean closed;
                    synchronized (this) {
                        closed = phase != Phase.RUNNING;
                        if (!closed) {
                            memberId = r.memberId();
                        }
                    }
                    if (closed) { // closed while joining: do not linger as a member
                        return coordinator.leave(new LeaveRequest(config.groupId(), r.memberId())).then();
                    }
                    answered();
                    return reconcile(r.memberId(), r.assignment());
                });
    }

    /** Moves toward {@code target}: revocations start in the background, additions complete here. */
    private Mono<Void> reconcile(String id, MemberAssignment target) {
        Set<TopicPartition> toRevoke = new HashSet<>();
        Set<TopicPartition> toAdd = new HashSet<>();
        Sinks.Empty<Void> revoked = Sinks.empty();
        synchronized (this) {
            if (phase != Phase.RUNNING || !id.equals(memberId)) {
                return Mono.empty();
            }
            epoch = target.generation();
            for (TopicPartition tp : owned) {
                if (!target.assigned().contains(tp) && !revoking.containsKey(tp)) {
                    toRevoke.add(tp);
                    revoking.put(tp, revoked);
                }
            }
            for (TopicPartition tp : target.assigned()) {
                if (!owned.contains(tp)) {
                    toAdd.add(tp);
                }
            }
        }
        if (!toRevoke.isEmpty()) {
            revoke(toRevoke, revoked);
        }
        if (toAdd.isEmpty()) {
            return Mono.empty();
        }
        return coordinator.fetchOffsets(new OffsetFetchRequest(config.groupId(), toAdd)).flatMap(committed -> {
            List<AssignedPartition> added = new ArrayList<>();
            synchronized (this) {
                if (phase != Phase.RUNNING || !id.equals(memberId)) {
                    return Mono.empty();
                }
                for (TopicPartition tp : toAdd) {
                    long offset = committed.offset(tp);
                    added.add(new AssignedPartition(tp, offset, tracker.assign(tp, epoch, offset, onProgress)));
                    owned.add(tp);
                }
            }
            added.sort((a, b) -> Assignor.PARTITION_ORDER.compare(a.topicPartition(), b.topicPartition()));
            handler.onAssigned(added);
            return Mono.empty();
        });
    }

    /** Runs the handler's revocation, commits, then releases: in the background, heartbeats go on. */
    private void revoke(Set<TopicPartition> partitions, Sinks.Empty<Void> done) {
        Map<TopicPartition, PartitionAcks> incarnations = new HashMap<>();
        partitions.forEach(tp -> {
            PartitionAcks acks = tracker.acks(tp);
            if (acks != null) {
                incarnations.put(tp, acks);
            }
        });
        Mono.defer(() -> handler.onRevoked(partitions))
                .onErrorResume(e -> {
                    LOG.warn("group {}: onRevoked({}) failed; releasing them anyway", config.groupId(), partitions, e);
                    return Mono.empty();
                })
                .then(Mono.defer(commits::request))
                .onErrorResume(e -> {
                    LOG.info("group {}: final commit of revoked {} failed ({}); their unacknowledged records will "
                            + "be redelivered", config.groupId(), partitions, e.toString());
                    return Mono.empty();
                })
                .doFinally(signal -> released(partitions, incarnations, done))
                .subscribe();
    }

    private void released(Set<TopicPartition> partitions, Map<TopicPartition, PartitionAcks> incarnations,
                          Sinks.Empty<Void> done) {
        synchronized (this) {
            incarnations.values().forEach(tracker::revoke);
            for (TopicPartition tp : partitions) {
                if (revoking.remove(tp, done)) { // else lost meanwhile, perhaps owned again since
                    owned.remove(tp);
                }
            }
        }
        done.tryEmitEmpty();
        heartbeats.request().subscribe(null, this::heartbeatFailed);
    }

    /** The member was fenced or cut off: its partitions may be someone else's already. */
    private void lose(String id, String reason) {
        Set<TopicPartition> lost;
        List<Sinks.Empty<Void>> interrupted;
        synchronized (this) {
            if (id == null || !id.equals(memberId)) {
                return;
            }
            lost = Set.copyOf(owned);
            interrupted = new ArrayList<>(revoking.values());
            owned.clear();
            revoking.clear();
            tracker.revokeAll();
            memberId = null;
            epoch = 0;
        }
        LOG.warn("group {}: member {} lost its partitions {}: {}; rejoining", config.groupId(), id, lost, reason);
        interrupted.forEach(Sinks.Empty::tryEmitEmpty);
        if (!lost.isEmpty()) {
            handler.onLost(lost);
        }
    }

    private synchronized void answered() {
        lastAnswerMs = now();
    }

    private synchronized boolean silentForTooLong() {
        return memberId != null && now() - lastAnswerMs >= config.sessionTimeout().toMillis();
    }

    // ------------------------------------------------------------------ commits

    private Mono<Void> commitOnce() {
        String id;
        int e;
        List<CommitTracker.PendingCommit> pending;
        synchronized (this) {
            id = memberId;
            e = epoch;
            pending = tracker.pendingCommits();
        }
        if (pending.isEmpty()) {
            return Mono.empty();
        }
        if (id == null) {
            return Mono.error(new IllegalGenerationException(config.groupId(), e, 0));
        }
        Map<TopicPartition, Long> offsets = new HashMap<>();
        pending.forEach(p -> offsets.put(p.topicPartition(), p.position()));
        return coordinator.commit(new CommitRequest(config.groupId(), id, e, offsets)).flatMap(r -> {
            pending.forEach(p -> {
                if (r.committed(p.topicPartition())) {
                    tracker.markCommitted(p);
                }
            });
            if (r.allCommitted()) {
                return Mono.empty();
            }
            GroupError error = r.error() != GroupError.NONE ? r.error()
                    : r.partitionErrors().values().iterator().next();
            if (error.fenced()) {
                return Mono.error(new IllegalGenerationException(config.groupId(), e, r.generation()));
            }
            return Mono.error(new RivuletException(error.code(), "group '" + config.groupId()
                    + "' refused the commit of " + r.partitionErrors().keySet() + ": " + error));
        });
    }

    // ------------------------------------------------------------------ lifecycle

    private void startTimers() {
        long hb = config.heartbeatInterval().toMillis();
        long ac = config.autoCommitInterval().toMillis();
        synchronized (this) {
            if (phase != Phase.RUNNING) {
                return;
            }
            heartbeatTimer = Flux.interval(java.time.Duration.ofMillis(hb), scheduler)
                    .subscribe(t -> heartbeats.request().subscribe(null, this::heartbeatFailed));
            if (ac > 0) {
                commitTimer = Flux.interval(java.time.Duration.ofMillis(ac), scheduler)
                        .subscribe(t -> commits.request().subscribe(null, this::commitFailed));
            }
        }
    }

    private void stopTimers(Phase next) {
        Disposable hb;
        Disposable ac;
        synchronized (this) {
            phase = next;
            hb = heartbeatTimer;
            ac = commitTimer;
            heartbeatTimer = null;
            commitTimer = null;
        }
        if (hb != null) {
            hb.dispose();
        }
        if (ac != null) {
            ac.dispose();
        }
    }

    /** Revoke all, commit, leave; heartbeats go on until the leave so a slow handler keeps the session. */
    private Mono<Void> leaveGracefully() {
        Set<TopicPartition> toRevoke = new HashSet<>();
        List<Mono<Void>> inFlight = new ArrayList<>();
        synchronized (this) {
            for (TopicPartition tp : owned) {
                if (!revoking.containsKey(tp)) {
                    toRevoke.add(tp);
                }
            }
            new HashSet<>(revoking.values()).forEach(s -> inFlight.add(s.asMono()));
        }
        Mono<Void> handlerDone = toRevoke.isEmpty() ? Mono.empty()
                : Mono.defer(() -> handler.onRevoked(toRevoke)).onErrorResume(e -> {
                    LOG.warn("group {}: onRevoked({}) failed while closing", config.groupId(), toRevoke, e);
                    return Mono.empty();
                });
        return handlerDone
                .then(Mono.when(inFlight))
                .then(Mono.defer(commits::request).onErrorResume(e -> {
                    LOG.info("group {}: final commit failed ({}); unacknowledged records will be redelivered",
                            config.groupId(), e.toString());
                    return Mono.empty();
                }))
                .then(Mono.defer(() -> {
                    String id;
                    synchronized (this) {
                        id = memberId;
                        memberId = null;
                        owned.clear();
                        revoking.clear();
                        tracker.revokeAll();
                    }
                    stopTimers(Phase.CLOSED);
                    if (id == null) {
                        return Mono.empty();
                    }
                    return coordinator.leave(new LeaveRequest(config.groupId(), id)).then()
                            .onErrorResume(e -> {
                                LOG.info("group {}: leave failed ({}); the session will expire instead",
                                        config.groupId(), e.toString());
                                return Mono.empty();
                            });
                }));
    }

    private void heartbeatFailed(Throwable e) {
        LOG.warn("group {}: heartbeat failed: {}", config.groupId(), e.toString());
    }

    private void commitFailed(Throwable e) {
        if (e instanceof IllegalGenerationException) {
            LOG.info("group {}: commit fenced: {}", config.groupId(), e.getMessage());
        } else {
            LOG.warn("group {}: commit failed: {}", config.groupId(), e.toString());
        }
    }

    private long now() {
        return scheduler.now(TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized String toString() {
        return "GroupMember[" + config.groupId() + "/" + memberId + ", generation " + epoch + ", owns " + owned + "]";
    }
}
