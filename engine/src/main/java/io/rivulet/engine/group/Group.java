package io.rivulet.engine.group;

import io.rivulet.api.AssignmentStrategy;
import io.rivulet.api.GroupState;
import io.rivulet.api.MemberDescription;
import io.rivulet.api.TopicPartition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * One consumer group in memory: its members, the target assignment, and who holds each partition.
 *
 * <p>The rules that make hand-offs safe:
 * <ul>
 *   <li>the <b>target</b> is recomputed, and the generation bumped, whenever membership or the
 *       partition counts of subscribed topics change;</li>
 *   <li>a partition has at most one <b>holder</b>: the member it was last handed to. It is handed to a
 *       member (put in a {@link MemberAssignment#assigned()}) only when nobody holds it, and a holder
 *       lets go only by heartbeating without it while it is not in its target, or by leaving or
 *       expiring. So two members never hold one partition at once;</li>
 *   <li>a commit is accepted for a partition only from its holder, with an epoch no older than the
 *       generation it was handed over in.</li>
 * </ul>
 *
 * <p>Not thread-safe: {@link LocalGroupCoordinator} confines each group to its monitor. Methods that
 * need the time take it as an argument, so this class is tested without clocks.
 */
final class Group {
    /** Who holds a partition, and since which generation. */
    private record Holding(String memberId, int since) {
    }

    /** The coordinator's view of one member. */
    private static final class Member {
        final String id;
        String clientId;
        String host;
        List<String> topics = List.of();
        long sessionTimeoutMs;
        long deadline;
        int epoch;
        Set<TopicPartition> target = Set.of();
        Set<TopicPartition> reported = Set.of();
        final Set<TopicPartition> held = new HashSet<>();

        Member(String id) {
            this.id = id;
        }
    }

    private final String groupId;
    private final TopicMetadata metadata;
    private final Map<String, Member> members = new TreeMap<>();
    private final Map<TopicPartition, Holding> holders = new HashMap<>();
    private AssignmentStrategy strategy;
    private int generation;
    private Map<String, Integer> assignedCounts = Map.of();

    Group(String groupId, TopicMetadata metadata) {
        this.groupId = groupId;
        this.metadata = metadata;
    }

    String groupId() {
        return groupId;
    }

    int generation() {
        return generation;
    }

    /** The strategy of the current members; null when there are none. */
    AssignmentStrategy strategy() {
        return strategy;
    }

    boolean isEmpty() {
        return members.isEmpty();
    }

    int memberCount() {
        return members.size();
    }

    JoinResponse join(JoinRequest r, long now) {
        if (r.topics().isEmpty()) {
            return JoinResponse.failed(GroupError.INVALID_REQUEST, "a member of group '" + groupId
                    + "' subscribes to no topics: set topics");
        }
        if (r.sessionTimeoutMs() <= 0) {
            return JoinResponse.failed(GroupError.INVALID_REQUEST, "session.timeout.ms must be positive but was "
                    + r.sessionTimeoutMs());
        }
        if (r.strategy() == null) {
            return JoinResponse.failed(GroupError.INVALID_REQUEST, "set partition.assignment.strategy");
        }
        Member m = r.memberId() == null ? null : members.get(r.memberId());
        if (r.memberId() != null && m == null) {
            return JoinResponse.failed(GroupError.UNKNOWN_MEMBER_ID, "member '" + r.memberId() + "' is not in group '"
                    + groupId + "': it left or its session expired; join as a new member");
        }
        boolean others = members.size() > (m == null ? 0 : 1);
        if (others && r.strategy() != strategy) {
            return JoinResponse.failed(GroupError.INCONSISTENT_GROUP_PROTOCOL, "group '" + groupId
                    + "' uses partition.assignment.strategy=" + strategy.configValue() + " but this member asked for "
                    + r.strategy().configValue() + ": configure every member of a group alike");
        }
        boolean changed = m == null || !m.topics.equals(r.topics()) || strategy != r.strategy();
        if (m == null) {
            m = new Member(r.clientId() + "-" + UUID.randomUUID());
            members.put(m.id, m);
        }
        m.clientId = r.clientId();
        m.host = r.host();
        m.topics = r.topics();
        m.sessionTimeoutMs = r.sessionTimeoutMs();
        m.deadline = now + r.sessionTimeoutMs();
        strategy = r.strategy();
        if (changed) {
            rebalance();
        }
        return new JoinResponse(GroupError.NONE, null, m.id, assignmentFor(m));
    }

    HeartbeatResponse heartbeat(HeartbeatRequest r, long now) {
        Member m = members.get(r.memberId());
        if (m == null) {
            return HeartbeatResponse.failed(GroupError.UNKNOWN_MEMBER_ID);
        }
        if (r.memberEpoch() > generation) {
            // An epoch this group never issued: the member's state is not ours, so fence it.
            remove(m);
            rebalance();
            return HeartbeatResponse.failed(GroupError.ILLEGAL_GENERATION);
        }
        m.deadline = now + m.sessionTimeoutMs;
        m.reported = r.owned();
        for (Iterator<TopicPartition> it = m.held.iterator(); it.hasNext(); ) {
            TopicPartition tp = it.next();
            if (!m.reported.contains(tp) && !m.target.contains(tp)) {
                it.remove();
                holders.remove(tp);
            }
        }
        return new HeartbeatResponse(GroupError.NONE, assignmentFor(m));
    }

    LeaveResponse leave(LeaveRequest r) {
        Member m = members.get(r.memberId());
        if (m == null) {
            return new LeaveResponse(GroupError.UNKNOWN_MEMBER_ID);
        }
        remove(m);
        rebalance();
        return new LeaveResponse(GroupError.NONE);
    }

    /** Removes the members whose session ended by {@code now}; returns their ids. */
    List<String> expire(long now) {
        List<String> expired = new ArrayList<>();
        for (Member m : List.copyOf(members.values())) {
            if (m.deadline <= now) {
                remove(m);
                expired.add(m.id);
            }
        }
        if (!expired.isEmpty()) {
            rebalance();
        }
        return expired;
    }

    /** The earliest session deadline, or {@code Long.MAX_VALUE} without members. */
    long nextDeadline() {
        long next = Long.MAX_VALUE;
        for (Member m : members.values()) {
            next = Math.min(next, m.deadline);
        }
        return next;
    }

    /**
     * Checks a commit against membership and ownership. The caller persists the offsets the response
     * does not reject.
     */
    CommitResponse checkCommit(CommitRequest r) {
        Member m = members.get(r.memberId());
        if (m == null) {
            return new CommitResponse(GroupError.UNKNOWN_MEMBER_ID, generation, Map.of());
        }
        if (r.memberEpoch() > m.epoch) {
            return new CommitResponse(GroupError.ILLEGAL_GENERATION, generation, Map.of());
        }
        Map<TopicPartition, GroupError> errors = new HashMap<>();
        r.offsets().forEach((tp, offset) -> {
            Holding h = holders.get(tp);
            if (offset < 0) {
                errors.put(tp, GroupError.INVALID_COMMIT_OFFSET);
            } else if (tp.partition() >= metadata.partitionCount(tp.topic())) {
                errors.put(tp, GroupError.UNKNOWN_TOPIC_OR_PARTITION);
            } else if (h == null || !h.memberId().equals(m.id) || r.memberEpoch() < h.since()) {
                errors.put(tp, GroupError.ILLEGAL_GENERATION);
            }
        });
        return new CommitResponse(GroupError.NONE, generation, errors);
    }

    /** Rebalances if the partition counts of subscribed topics changed since the last assignment. */
    boolean topicsChanged() {
        if (members.isEmpty() || currentCounts().equals(assignedCounts)) {
            return false;
        }
        rebalance();
        return true;
    }

    GroupState state() {
        if (members.isEmpty()) {
            return GroupState.EMPTY;
        }
        boolean revoking = false;
        boolean settling = false;
        for (Member m : members.values()) {
            for (TopicPartition tp : m.held) {
                revoking |= !m.target.contains(tp);
            }
            settling |= !m.held.containsAll(m.target) || !m.reported.equals(m.target);
        }
        return revoking ? GroupState.PREPARING_REBALANCE
                : settling ? GroupState.COMPLETING_REBALANCE : GroupState.STABLE;
    }

    /** The members with their target assignments, by member id. */
    List<MemberDescription> describeMembers() {
        List<MemberDescription> out = new ArrayList<>();
        for (Member m : members.values()) {
            TreeSet<TopicPartition> sorted = new TreeSet<>(Assignor.PARTITION_ORDER);
            sorted.addAll(m.target);
            out.add(new MemberDescription(m.id, m.clientId, m.host, List.copyOf(sorted)));
        }
        return out;
    }

    /** Every partition in some member's target. */
    Set<TopicPartition> assignedPartitions() {
        Set<TopicPartition> out = new HashSet<>();
        members.values().forEach(m -> out.addAll(m.target));
        return out;
    }

    private void remove(Member m) {
        members.remove(m.id);
        m.held.forEach(holders::remove);
        m.held.clear();
    }

    private void rebalance() {
        generation++;
        if (members.isEmpty()) {
            strategy = null;
            assignedCounts = Map.of();
            return;
        }
        Map<String, Integer> counts = currentCounts();
        List<MemberSubscription> subscriptions = new ArrayList<>();
        members.values().forEach(m -> subscriptions.add(new MemberSubscription(m.id, Set.copyOf(m.topics), m.target)));
        Map<String, Set<TopicPartition>> target = Assignor.of(strategy).assign(subscriptions, counts);
        members.values().forEach(m -> m.target = Set.copyOf(target.get(m.id)));
        assignedCounts = counts;
    }

    private Map<String, Integer> currentCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Member m : members.values()) {
            for (String topic : m.topics) {
                int n = metadata.partitionCount(topic);
                if (n >= 0) {
                    counts.put(topic, n);
                }
            }
        }
        return counts;
    }

    /** Hands the member every free partition of its target and tells it where it stands. */
    private MemberAssignment assignmentFor(Member m) {
        Set<TopicPartition> assigned = new HashSet<>();
        Set<TopicPartition> pending = new HashSet<>();
        for (TopicPartition tp : m.target) {
            Holding h = holders.get(tp);
            if (h == null) {
                holders.put(tp, new Holding(m.id, generation));
                m.held.add(tp);
                assigned.add(tp);
            } else if (h.memberId().equals(m.id)) {
                assigned.add(tp);
            } else {
                pending.add(tp);
            }
        }
        m.epoch = generation;
        return new MemberAssignment(generation, assigned, pending, state());
    }
}
