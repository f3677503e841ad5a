package io.rivulet.engine.group;

import io.rivulet.api.AssignmentStrategy;
import io.rivulet.api.GroupState;
import io.rivulet.api.TopicPartition;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Members that follow the protocol faithfully but at random speeds — joining, leaving, heartbeating,
 * finishing revocations late, topics growing — never own one partition at the same time, and once
 * they all catch up the group is stable with every partition owned exactly once.
 */
class GroupHandOffPropertyTest {

    /** A well-behaved member: what it owns, and what it is still revoking. */
    private static final class SimMember {
        final String id;
        int epoch;
        final Set<TopicPartition> owned = new HashSet<>();
        final Set<TopicPartition> revoking = new HashSet<>();

        SimMember(String id, MemberAssignment first) {
            this.id = id;
            apply(first);
        }

        /** Starts what is newly assigned at once; revocations finish later. */
        void apply(MemberAssignment a) {
            epoch = a.generation();
            for (TopicPartition tp : owned) {
                if (!a.assigned().contains(tp)) {
                    revoking.add(tp);
                }
            }
            owned.addAll(a.assigned());
        }

        void finishRevocations() {
            owned.removeAll(revoking);
            revoking.clear();
        }
    }

    @Property
    void twoMembersNeverOwnOnePartition(@ForAll @Size(max = 120) List<@IntRange(min = 0, max = 999) Integer> ops,
                                        @ForAll AssignmentStrategy strategy) {
        FakeTopics topics = new FakeTopics().topic("t0", 4).topic("t1", 3);
        Group group = new Group("g", topics);
        List<SimMember> members = new ArrayList<>();
        int partitionsOfT1 = 3;

        for (int op : ops) {
            int pick = op / 10;
            switch (op % 10) {
                case 0 -> {
                    if (members.size() < 6) {
                        JoinResponse r = group.join(new JoinRequest("g", null, "c", "h",
                                pick % 2 == 0 ? List.of("t0", "t1") : List.of("t1"), strategy, 1_000), 0);
                        members.add(new SimMember(r.memberId(), r.assignment()));
                    }
                }
                case 1 -> {
                    if (!members.isEmpty()) {
                        SimMember m = members.remove(pick % members.size());
                        group.leave(new LeaveRequest("g", m.id)); // commits and stops before leaving
                    }
                }
                case 2, 3, 4, 5 -> {
                    if (!members.isEmpty()) {
                        SimMember m = members.get(pick % members.size());
                        m.apply(group.heartbeat(new HeartbeatRequest("g", m.id, m.epoch, m.owned), 0).assignment());
                    }
                }
                case 6, 7, 8 -> {
                    if (!members.isEmpty()) {
                        members.get(pick % members.size()).finishRevocations();
                    }
                }
                default -> {
                    if (partitionsOfT1 < 8) {
                        topics.topic("t1", ++partitionsOfT1);
                        group.topicsChanged();
                    }
                }
            }
            assertNoPartitionOwnedTwice(members);
        }

        // Everyone catches up: revocations complete, heartbeats flow, until nothing changes.
        for (int round = 0; round < 4; round++) {
            for (SimMember m : members) {
                m.finishRevocations();
                m.apply(group.heartbeat(new HeartbeatRequest("g", m.id, m.epoch, m.owned), 0).assignment());
                assertNoPartitionOwnedTwice(members);
            }
        }
        if (!members.isEmpty()) {
            assertEquals(GroupState.STABLE, group.state());
            Set<TopicPartition> owned = new HashSet<>();
            members.forEach(m -> owned.addAll(m.owned));
            assertEquals(group.assignedPartitions(), owned);
            int all = 4 * (members.stream().anyMatch(m -> m.owned.stream().anyMatch(tp -> tp.topic().equals("t0")))
                    ? 1 : 0) + partitionsOfT1;
            assertTrue(owned.size() >= partitionsOfT1 && owned.size() <= all);
        }
    }

    private static void assertNoPartitionOwnedTwice(List<SimMember> members) {
        Set<TopicPartition> seen = new HashSet<>();
        for (SimMember m : members) {
            for (TopicPartition tp : m.owned) {
                assertTrue(seen.add(tp), tp + " is owned by two members");
            }
        }
    }
}
