package io.rivulet.engine.group.classic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * One group of Kafka's classic protocol as a state machine:
 * <pre>
 *   EMPTY ──join──▶ PREPARING_REBALANCE ──all rejoined / rebalance timeout──▶ COMPLETING_REBALANCE
 *     ▲                 ▲        │ (no member left)                               │ leader's SyncGroup
 *     └─────────────────┼────────┘                                                ▼
 *                       └──── join of a new member, leader rejoin, leave, expiry ── STABLE
 *   any ──unload──▶ DEAD
 * </pre>
 * <ul>
 *   <li><b>Join barrier.</b> A JoinGroup answer is held until every known member has rejoined (and every member
 *       id just handed out with {@link ClassicError#MEMBER_ID_REQUIRED} has come back), or until the largest
 *       rebalance timeout of the members passes; members that did not rejoin by then are removed. The first
 *       rebalance of an empty group also waits {@code group.initial.rebalance.delay.ms}, extended by each
 *       newcomer, so consumers started together land in one generation. The leader's answer lists every member
 *       with its metadata for the chosen protocol (the one most members prefer among those all support).</li>
 *   <li><b>Sync barrier.</b> SyncGroup answers are held until the leader's SyncGroup brings the assignment.
 *       Members that have not sent SyncGroup within the rebalance timeout of the generation forming are
 *       removed, which starts a new rebalance.</li>
 *   <li><b>Liveness.</b> A member not waiting for an answer must heartbeat (or commit) within its session
 *       timeout. While a rebalance is prepared, heartbeats answer {@link ClassicError#REBALANCE_IN_PROGRESS} to
 *       make members rejoin.</li>
 *   <li><b>Fencing.</b> Unknown member ids get {@link ClassicError#UNKNOWN_MEMBER_ID}, other generations
 *       {@link ClassicError#ILLEGAL_GENERATION}, and a member whose {@code group.instance.id} was taken by a
 *       newer member {@link ClassicError#FENCED_INSTANCE_ID}. A static member joining again without its member id
 *       replaces the old one (whose waiting answers are fenced) and starts a rebalance.</li>
 * </ul>
 *
 * <p><b>No I/O, no clock, no threads.</b> Every call takes the time as an argument; {@link #nextDeadline()} says
 * when {@link #tick(long)} must run next. Held answers are callbacks; the answers a call produces (now or for
 * earlier callers) are queued and handed out by {@link #drainAnswers()}, which the owner runs <em>after</em>
 * releasing its lock, so a callback never runs under it.
 *
 * <p>Not thread-safe: the owner confines each group to one lock.
 */
public final class ClassicGroup {
    private static final byte[] EMPTY_BYTES = new byte[0];

    private final String groupId;
    private final ClassicGroupConfig config;
    private final UnaryOperator<String> memberIds;
    private final Map<String, ClassicMember> members = new LinkedHashMap<>();
    /** Member ids handed out with MEMBER_ID_REQUIRED, to when they lapse unless the member joins with them. */
    private final Map<String, Long> pending = new LinkedHashMap<>();
    private final Map<String, String> staticMembers = new HashMap<>();
    /** Members of the current generation that have not sent SyncGroup yet. */
    private final Set<String> pendingSync = new HashSet<>();
    private final List<Runnable> answers = new ArrayList<>();
    /** Members the join barrier dropped for not rejoining in time, reported by the next {@link #tick}. */
    private final List<String> notRejoined = new ArrayList<>();
    private ClassicGroupState state = ClassicGroupState.EMPTY;
    private int generation;
    private String protocolType;
    private String protocolName;
    private String leaderId;
    private long joinDeadline;
    private long joinNotBefore;
    private boolean initialJoin;
    private long syncDeadline;

    /** A group whose new member ids are the client id, a dash and a random UUID, as Kafka's are. */
    public ClassicGroup(String groupId, ClassicGroupConfig config) {
        this(groupId, config, clientId -> clientId + "-" + UUID.randomUUID());
    }

    /** A group naming new members with {@code memberIds} (given the client id), for deterministic tests. */
    public ClassicGroup(String groupId, ClassicGroupConfig config, UnaryOperator<String> memberIds) {
        this.groupId = groupId;
        this.config = config;
        this.memberIds = memberIds;
    }

    public String groupId() {
        return groupId;
    }

    public ClassicGroupState state() {
        return state;
    }

    public int generation() {
        return generation;
    }

    /** Members that joined; not counting member ids handed out but not yet used. */
    public int memberCount() {
        return members.size();
    }

    /** Whether the group has neither members nor member ids waiting to be used: its owner may forget it. */
    public boolean isEmpty() {
        return members.isEmpty() && pending.isEmpty();
    }

    /** Handles a JoinGroup; {@code answer} is called (through {@link #drainAnswers()}) now or when the generation forms. */
    public void join(ClassicJoinRequest r, long now, Consumer<ClassicJoinResponse> answer) {
        ClassicError refused = checkJoin(r);
        if (refused != ClassicError.NONE) {
            reply(answer, ClassicJoinResponse.failed(refused, r.memberId()));
        } else if (r.memberId().isEmpty()) {
            joinNew(r, now, answer);
        } else {
            joinKnown(r, now, answer);
        }
    }

    /** Handles a SyncGroup; {@code answer} is called now or when the leader's assignment arrives. */
    public void sync(ClassicSyncRequest r, long now, Consumer<ClassicSyncResponse> answer) {
        ClassicError e = checkMember(r.memberId(), r.groupInstanceId());
        if (e == ClassicError.NONE && r.generation() != generation) {
            e = ClassicError.ILLEGAL_GENERATION;
        }
        if (e == ClassicError.NONE && ((r.protocolType() != null && !r.protocolType().equals(protocolType))
                || (r.protocolName() != null && !r.protocolName().equals(protocolName)))) {
            e = ClassicError.INCONSISTENT_GROUP_PROTOCOL;
        }
        if (e == ClassicError.NONE && state == ClassicGroupState.PREPARING_REBALANCE) {
            e = ClassicError.REBALANCE_IN_PROGRESS;
        }
        if (e != ClassicError.NONE) {
            reply(answer, ClassicSyncResponse.failed(e));
            return;
        }
        ClassicMember m = members.get(r.memberId());
        pendingSync.remove(m.id);
        m.touch(now);
        if (state == ClassicGroupState.STABLE) {
            reply(answer, syncAnswer(m));
            return;
        }
        if (m.awaitingSync != null) {
            reply(m.awaitingSync, ClassicSyncResponse.failed(ClassicError.REBALANCE_IN_PROGRESS)); // a resent sync
        }
        m.awaitingSync = answer;
        if (m.id.equals(leaderId)) {
            for (ClassicMember x : members.values()) {
                x.assignment = r.assignments().getOrDefault(x.id, EMPTY_BYTES);
            }
            state = ClassicGroupState.STABLE;
            for (ClassicMember x : members.values()) {
                if (x.awaitingSync != null) {
                    x.touch(now); // its session starts again once it is answered
                    reply(x.awaitingSync, syncAnswer(x));
                    x.awaitingSync = null;
                }
            }
        }
    }

    /** Handles a Heartbeat. */
    public ClassicError heartbeat(ClassicHeartbeatRequest r, long now) {
        ClassicError e = checkMember(r.memberId(), r.groupInstanceId());
        if (e != ClassicError.NONE) {
            return e;
        }
        if (r.generation() != generation) {
            return ClassicError.ILLEGAL_GENERATION;
        }
        members.get(r.memberId()).touch(now);
        return state == ClassicGroupState.PREPARING_REBALANCE ? ClassicError.REBALANCE_IN_PROGRESS : ClassicError.NONE;
    }

    /** Handles a LeaveGroup: each named member (or member id handed out) leaves; a rebalance follows. */
    public ClassicLeaveResponse leave(ClassicLeaveRequest r, long now) {
        if (state == ClassicGroupState.DEAD) {
            return new ClassicLeaveResponse(ClassicError.COORDINATOR_NOT_AVAILABLE, List.of());
        }
        List<ClassicLeaveResponse.MemberResult> results = new ArrayList<>();
        boolean removed = false;
        boolean unpended = false;
        for (ClassicLeaveRequest.Leaving l : r.members()) {
            ClassicError e = ClassicError.NONE;
            String registered = l.groupInstanceId() == null ? null : staticMembers.get(l.groupInstanceId());
            if (l.groupInstanceId() != null) {
                if (registered == null) {
                    e = ClassicError.UNKNOWN_MEMBER_ID;
                } else if (!l.memberId().isEmpty() && !l.memberId().equals(registered)) {
                    e = ClassicError.FENCED_INSTANCE_ID;
                } else {
                    remove(members.get(registered), ClassicError.UNKNOWN_MEMBER_ID);
                    removed = true;
                }
            } else if (pending.remove(l.memberId()) != null) {
                unpended = true;
            } else if (members.containsKey(l.memberId())) {
                remove(members.get(l.memberId()), ClassicError.UNKNOWN_MEMBER_ID);
                removed = true;
            } else {
                e = ClassicError.UNKNOWN_MEMBER_ID;
            }
            results.add(new ClassicLeaveResponse.MemberResult(l.memberId(), l.groupInstanceId(), e));
        }
        if (removed) {
            afterRemoval(now);
        } else if (unpended) {
            maybeCompleteJoin(now);
        }
        return new ClassicLeaveResponse(ClassicError.NONE, results);
    }

    /**
     * Whether an OffsetCommit may store its offsets. A request with no member and a negative generation (a
     * consumer using {@code assign()}, or an admin tool) may commit only while the group has no members; a
     * member must be in the current generation, and gets {@link ClassicError#REBALANCE_IN_PROGRESS} between
     * JoinGroup and the assignment. An accepted commit from a member counts as its heartbeat.
     */
    public ClassicError checkCommit(String memberId, String groupInstanceId, int generation, long now) {
        if (state == ClassicGroupState.DEAD) {
            return ClassicError.COORDINATOR_NOT_AVAILABLE;
        }
        boolean fromMember = generation >= 0 || (memberId != null && !memberId.isEmpty()) || groupInstanceId != null;
        if (!fromMember) {
            return members.isEmpty() ? ClassicError.NONE : ClassicError.UNKNOWN_MEMBER_ID;
        }
        ClassicError e = checkMember(memberId, groupInstanceId);
        if (e != ClassicError.NONE) {
            return e;
        }
        if (generation != this.generation) {
            return ClassicError.ILLEGAL_GENERATION;
        }
        if (state == ClassicGroupState.COMPLETING_REBALANCE) {
            return ClassicError.REBALANCE_IN_PROGRESS;
        }
        members.get(memberId).touch(now);
        return ClassicError.NONE;
    }

    /**
     * Applies every deadline that passed by {@code now}: lapsed member ids, ended sessions, members that never
     * sent SyncGroup, and the join barrier's delay and timeout.
     *
     * @return the ids of the members removed
     */
    public List<String> tick(long now) {
        if (state == ClassicGroupState.DEAD) {
            return List.of();
        }
        pending.values().removeIf(deadline -> deadline <= now);
        List<String> removed = new ArrayList<>();
        for (ClassicMember m : List.copyOf(members.values())) {
            if (!m.isAwaiting() && m.sessionDeadline <= now) {
                remove(m, ClassicError.UNKNOWN_MEMBER_ID);
                removed.add(m.id);
            }
        }
        if (syncing() && syncDeadline <= now) {
            for (String id : List.copyOf(pendingSync)) {
                ClassicMember m = members.get(id);
                if (m != null) {
                    remove(m, ClassicError.UNKNOWN_MEMBER_ID);
                    removed.add(id);
                }
            }
            pendingSync.clear();
        }
        if (!removed.isEmpty()) {
            afterRemoval(now);
        } else {
            maybeCompleteJoin(now);
        }
        removed.addAll(notRejoined);
        notRejoined.clear();
        return removed;
    }

    /** When {@link #tick(long)} has something to do next; {@code Long.MAX_VALUE} if nothing is due. */
    public long nextDeadline() {
        if (state == ClassicGroupState.DEAD) {
            return Long.MAX_VALUE;
        }
        long next = Long.MAX_VALUE;
        for (long d : pending.values()) {
            next = Math.min(next, d);
        }
        for (ClassicMember m : members.values()) {
            if (!m.isAwaiting()) {
                next = Math.min(next, m.sessionDeadline);
            }
        }
        if (state == ClassicGroupState.PREPARING_REBALANCE) {
            next = Math.min(next, allJoined() ? joinNotBefore : joinDeadline);
        }
        if (syncing()) {
            next = Math.min(next, syncDeadline);
        }
        return next;
    }

    /** The answers produced since the last call, to run after releasing the group's lock. */
    public List<Runnable> drainAnswers() {
        if (answers.isEmpty()) {
            return List.of();
        }
        List<Runnable> out = List.copyOf(answers);
        answers.clear();
        return out;
    }

    /** Marks the group dead (the coordinator is closing or moving): waiting members get {@code NOT_COORDINATOR}. */
    public void unload() {
        for (ClassicMember m : members.values()) {
            if (m.awaitingJoin != null) {
                reply(m.awaitingJoin, ClassicJoinResponse.failed(ClassicError.NOT_COORDINATOR, m.id));
            }
            if (m.awaitingSync != null) {
                reply(m.awaitingSync, ClassicSyncResponse.failed(ClassicError.NOT_COORDINATOR));
            }
        }
        members.clear();
        pending.clear();
        staticMembers.clear();
        pendingSync.clear();
        state = ClassicGroupState.DEAD;
    }

    /** The group now. */
    public ClassicGroupDescription describe() {
        List<ClassicGroupDescription.Member> out = new ArrayList<>();
        for (ClassicMember m : members.values()) {
            byte[] metadata = protocolName == null ? null : m.metadata(protocolName);
            out.add(new ClassicGroupDescription.Member(m.id, m.groupInstanceId, m.clientId, m.clientHost,
                    metadata == null ? EMPTY_BYTES : metadata, m.assignment,
                    ConsumerAssignment.PROTOCOL_TYPE.equals(protocolType) ? ConsumerAssignment.partitions(m.assignment)
                            : List.of()));
        }
        return new ClassicGroupDescription(groupId, state, protocolType == null ? "" : protocolType,
                protocolName == null ? "" : protocolName, generation, leaderId == null ? "" : leaderId, out);
    }

    // ------------------------------------------------------------------ join

    private ClassicError checkJoin(ClassicJoinRequest r) {
        if (state == ClassicGroupState.DEAD) {
            return ClassicError.COORDINATOR_NOT_AVAILABLE;
        }
        if (r.groupId().isEmpty()) {
            return ClassicError.INVALID_GROUP_ID;
        }
        if (r.sessionTimeoutMs() < config.minSessionTimeoutMs() || r.sessionTimeoutMs() > config.maxSessionTimeoutMs()) {
            return ClassicError.INVALID_SESSION_TIMEOUT;
        }
        if (r.protocolType().isEmpty() || r.protocols().isEmpty()) {
            return ClassicError.INCONSISTENT_GROUP_PROTOCOL;
        }
        return compatible(r) ? ClassicError.NONE : ClassicError.INCONSISTENT_GROUP_PROTOCOL;
    }

    /** Whether the joiner has the group's protocol type and shares a protocol with every other member. */
    private boolean compatible(ClassicJoinRequest r) {
        String replaced = r.groupInstanceId() == null ? null : staticMembers.get(r.groupInstanceId());
        List<ClassicMember> others = members.values().stream()
                .filter(m -> !m.id.equals(r.memberId()) && !m.id.equals(replaced)).toList();
        if (others.isEmpty()) {
            return true;
        }
        if (!r.protocolType().equals(protocolType)) {
            return false;
        }
        return r.protocols().stream().anyMatch(p -> others.stream().allMatch(m -> m.supports(p.name())));
    }

    private void joinNew(ClassicJoinRequest r, long now, Consumer<ClassicJoinResponse> answer) {
        String replaced = r.groupInstanceId() == null ? null : staticMembers.get(r.groupInstanceId());
        if (replaced == null && members.size() + pending.size() >= config.maxSize()) {
            reply(answer, ClassicJoinResponse.failed(ClassicError.GROUP_MAX_SIZE_REACHED, ""));
            return;
        }
        String id = memberIds.apply(r.clientId());
        if (replaced != null) {
            remove(members.get(replaced), ClassicError.FENCED_INSTANCE_ID);
        } else if (r.groupInstanceId() == null && r.requireKnownMemberId()) {
            pending.put(id, now + r.sessionTimeoutMs());
            reply(answer, ClassicJoinResponse.failed(ClassicError.MEMBER_ID_REQUIRED, id));
            return;
        }
        add(id, r, now, answer);
    }

    private void joinKnown(ClassicJoinRequest r, long now, Consumer<ClassicJoinResponse> answer) {
        String id = r.memberId();
        if (r.groupInstanceId() != null) {
            String registered = staticMembers.get(r.groupInstanceId());
            if (registered != null && !registered.equals(id)) {
                reply(answer, ClassicJoinResponse.failed(ClassicError.FENCED_INSTANCE_ID, id));
                return;
            }
        }
        if (pending.remove(id) != null) {
            add(id, r, now, answer);
            return;
        }
        ClassicMember m = members.get(id);
        if (m == null) {
            reply(answer, ClassicJoinResponse.failed(ClassicError.UNKNOWN_MEMBER_ID, id));
            return;
        }
        switch (state) {
            case PREPARING_REBALANCE -> {
                if (m.awaitingJoin != null) {
                    reply(m.awaitingJoin, ClassicJoinResponse.failed(ClassicError.REBALANCE_IN_PROGRESS, id));
                }
                m.update(r, now);
                m.awaitingJoin = answer;
                maybeCompleteJoin(now);
            }
            case COMPLETING_REBALANCE, STABLE -> {
                // A follower that lost its answer gets it again; the leader rejoining forces a rebalance, which is
                // how a consumer leader reacts to topic changes that do not change any member's metadata.
                boolean leaderInStable = state == ClassicGroupState.STABLE && id.equals(leaderId);
                if (m.sameProtocols(r.protocols()) && !leaderInStable) {
                    m.touch(now);
                    reply(answer, joinAnswer(m));
                } else {
                    m.update(r, now);
                    m.awaitingJoin = answer;
                    prepareRebalance(now);
                }
            }
            default -> reply(answer, ClassicJoinResponse.failed(ClassicError.UNKNOWN_MEMBER_ID, id));
        }
    }

    private void add(String id, ClassicJoinRequest r, long now, Consumer<ClassicJoinResponse> answer) {
        if (members.isEmpty()) {
            protocolType = r.protocolType();
        }
        ClassicMember m = new ClassicMember(id, r, now);
        m.awaitingJoin = answer;
        members.put(id, m);
        if (m.groupInstanceId != null) {
            staticMembers.put(m.groupInstanceId, id);
        }
        if (state == ClassicGroupState.PREPARING_REBALANCE) {
            if (initialJoin) {
                joinNotBefore = Math.min(now + config.initialRebalanceDelayMs(), joinDeadline);
            }
            maybeCompleteJoin(now);
        } else {
            prepareRebalance(now);
        }
    }

    private void prepareRebalance(long now) {
        boolean fromEmpty = state == ClassicGroupState.EMPTY;
        for (ClassicMember m : members.values()) {
            if (m.awaitingSync != null) {
                m.touch(now);
                reply(m.awaitingSync, ClassicSyncResponse.failed(ClassicError.REBALANCE_IN_PROGRESS));
                m.awaitingSync = null;
            }
        }
        pendingSync.clear();
        state = ClassicGroupState.PREPARING_REBALANCE;
        joinDeadline = now + maxRebalanceTimeoutMs();
        initialJoin = fromEmpty && config.initialRebalanceDelayMs() > 0;
        joinNotBefore = initialJoin ? Math.min(now + config.initialRebalanceDelayMs(), joinDeadline) : now;
        maybeCompleteJoin(now);
    }

    private boolean allJoined() {
        return pending.isEmpty() && members.values().stream().allMatch(m -> m.awaitingJoin != null);
    }

    private void maybeCompleteJoin(long now) {
        if (state == ClassicGroupState.PREPARING_REBALANCE
                && ((allJoined() && now >= joinNotBefore) || now >= joinDeadline)) {
            completeJoin(now);
        }
    }

    private void completeJoin(long now) {
        for (ClassicMember m : List.copyOf(members.values())) {
            if (m.awaitingJoin == null) {
                remove(m, ClassicError.UNKNOWN_MEMBER_ID); // did not rejoin within the rebalance timeout
                notRejoined.add(m.id);
            }
        }
        generation++;
        initialJoin = false;
        if (members.isEmpty()) {
            state = ClassicGroupState.EMPTY;
            protocolName = null;
            leaderId = null;
            return;
        }
        protocolName = chooseProtocol();
        if (leaderId == null || !members.containsKey(leaderId)) {
            leaderId = members.keySet().iterator().next();
        }
        state = ClassicGroupState.COMPLETING_REBALANCE;
        pendingSync.clear();
        pendingSync.addAll(members.keySet());
        syncDeadline = now + maxRebalanceTimeoutMs();
        for (ClassicMember m : members.values()) {
            m.assignment = EMPTY_BYTES;
            m.touch(now);
            reply(m.awaitingJoin, joinAnswer(m));
            m.awaitingJoin = null;
        }
    }

    /** Among the protocols every member supports, the one most members list first (ties: the leader's order). */
    private String chooseProtocol() {
        ClassicMember first = members.get(leaderId != null && members.containsKey(leaderId) ? leaderId
                : members.keySet().iterator().next());
        List<String> candidates = first.protocols.stream().map(ClassicProtocol::name)
                .filter(n -> members.values().stream().allMatch(m -> m.supports(n))).toList();
        if (candidates.isEmpty()) {
            return first.protocols.get(0).name(); // joins are refused before this can happen
        }
        Map<String, Integer> votes = new HashMap<>();
        for (ClassicMember m : members.values()) {
            m.protocols.stream().map(ClassicProtocol::name).filter(candidates::contains).findFirst()
                    .ifPresent(n -> votes.merge(n, 1, Integer::sum));
        }
        String best = candidates.get(0);
        for (String c : candidates) {
            if (votes.getOrDefault(c, 0) > votes.getOrDefault(best, 0)) {
                best = c;
            }
        }
        return best;
    }

    private ClassicJoinResponse joinAnswer(ClassicMember m) {
        List<ClassicJoinResponse.Member> list = List.of();
        if (m.id.equals(leaderId)) {
            list = members.values().stream().map(x -> new ClassicJoinResponse.Member(x.id, x.groupInstanceId,
                    x.metadata(protocolName))).toList();
        }
        return new ClassicJoinResponse(ClassicError.NONE, generation, protocolType, protocolName, leaderId, m.id, list);
    }

    // ------------------------------------------------------------------ members

    private ClassicSyncResponse syncAnswer(ClassicMember m) {
        return new ClassicSyncResponse(ClassicError.NONE, protocolType, protocolName, m.assignment);
    }

    private ClassicError checkMember(String memberId, String groupInstanceId) {
        if (state == ClassicGroupState.DEAD) {
            return ClassicError.COORDINATOR_NOT_AVAILABLE;
        }
        if (groupInstanceId != null) {
            String registered = staticMembers.get(groupInstanceId);
            if (registered != null && !registered.equals(memberId)) {
                return ClassicError.FENCED_INSTANCE_ID;
            }
        }
        return members.containsKey(memberId) ? ClassicError.NONE : ClassicError.UNKNOWN_MEMBER_ID;
    }

    /** Removes a member; its waiting answers get {@code error}. */
    private void remove(ClassicMember m, ClassicError error) {
        members.remove(m.id);
        if (m.groupInstanceId != null) {
            staticMembers.remove(m.groupInstanceId, m.id);
        }
        pendingSync.remove(m.id);
        if (m.awaitingJoin != null) {
            reply(m.awaitingJoin, ClassicJoinResponse.failed(error, m.id));
            m.awaitingJoin = null;
        }
        if (m.awaitingSync != null) {
            reply(m.awaitingSync, ClassicSyncResponse.failed(error));
            m.awaitingSync = null;
        }
        if (m.id.equals(leaderId)) {
            leaderId = null;
        }
    }

    private void afterRemoval(long now) {
        if (state == ClassicGroupState.STABLE || state == ClassicGroupState.COMPLETING_REBALANCE) {
            prepareRebalance(now);
        } else {
            maybeCompleteJoin(now);
        }
    }

    private boolean syncing() {
        return (state == ClassicGroupState.COMPLETING_REBALANCE || state == ClassicGroupState.STABLE)
                && !pendingSync.isEmpty();
    }

    private long maxRebalanceTimeoutMs() {
        long max = 0;
        for (ClassicMember m : members.values()) {
            max = Math.max(max, m.rebalanceTimeoutMs);
        }
        return max;
    }

    private <T> void reply(Consumer<T> to, T value) {
        answers.add(() -> to.accept(value));
    }
}
