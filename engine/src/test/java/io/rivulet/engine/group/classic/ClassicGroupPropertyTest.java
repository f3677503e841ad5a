package io.rivulet.engine.group.classic;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static io.rivulet.engine.group.classic.ClassicHarness.joinRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random interleavings of joins, syncs, heartbeats, leaves, commits and time: whatever happens, no answer is
 * given twice, no deadline is left due after a tick (a timer would spin), a formed generation has a leader that
 * is a member, the size bound holds, and once every member goes quiet the group empties with every held answer
 * given.
 */
class ClassicGroupPropertyTest {
    private static final int MAX_SIZE = 4;

    record Op(int kind, int who, int ms) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 7), Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(0, 40_000)).as(Op::new);
        return op.list().ofMaxSize(60);
    }

    @Property(tries = 300)
    void everyHeldAnswerIsGivenOnceAndTheGroupStaysConsistent(@ForAll("ops") List<Op> ops) {
        ClassicHarness h = new ClassicHarness(ClassicGroupConfig.defaults().withInitialRebalanceDelayMs(1_000)
                .withMaxSize(MAX_SIZE));
        List<String> clients = List.of("a", "b", "c", "d", "e", "f");
        Map<Integer, String> memberIds = new HashMap<>();
        Map<Integer, AtomicReference<ClassicJoinResponse>> lastJoin = new HashMap<>();
        for (Op op : ops) {
            String client = clients.get(op.who());
            String id = memberIds.getOrDefault(op.who(), "");
            ClassicJoinResponse joined = lastJoin.containsKey(op.who()) ? lastJoin.get(op.who()).get() : null;
            int generation = joined == null || joined.error() != ClassicError.NONE ? -1 : joined.generation();
            switch (op.kind()) {
                case 0, 1 -> {
                    AtomicReference<ClassicJoinResponse> r = h.join(joinRequest(id, client));
                    lastJoin.put(op.who(), r);
                    if (r.get() != null && r.get().error() == ClassicError.MEMBER_ID_REQUIRED) {
                        memberIds.put(op.who(), r.get().memberId());
                    } else if (r.get() != null && r.get().error() == ClassicError.UNKNOWN_MEMBER_ID) {
                        memberIds.remove(op.who());
                    }
                }
                case 2 -> {
                    Map<String, byte[]> assignment = new HashMap<>();
                    if (joined != null && joined.isLeader()) {
                        joined.members().forEach(m -> assignment.put(m.memberId(), m.memberId().getBytes()));
                    }
                    h.sync(new ClassicSyncRequest("g", generation, id, null, null, null, assignment));
                }
                case 3 -> h.heartbeat(id, generation);
                case 4 -> h.leave(id);
                case 5 -> h.group.checkCommit(id, null, generation, h.now);
                default -> h.advance(op.ms());
            }
            checkInvariants(h);
        }
        h.advance(10L * 3_600_000);
        checkInvariants(h);
        assertEquals(ClassicGroupState.EMPTY, h.group.state(), "every member went quiet");
        assertTrue(h.group.isEmpty());
        for (AtomicInteger count : h.answerCounts) {
            assertEquals(1, count.get(), "every callback answered exactly once");
        }
    }

    private static void checkInvariants(ClassicHarness h) {
        for (AtomicInteger count : h.answerCounts) {
            assertTrue(count.get() <= 1, "an answer was given twice");
        }
        assertTrue(h.group.nextDeadline() > h.now, "a deadline is due but was not applied");
        assertTrue(h.group.memberCount() <= MAX_SIZE);
        ClassicGroupDescription d = h.group.describe();
        if (d.state() == ClassicGroupState.COMPLETING_REBALANCE || d.state() == ClassicGroupState.STABLE) {
            List<String> ids = new ArrayList<>();
            d.members().forEach(m -> ids.add(m.memberId()));
            assertTrue(ids.contains(d.leaderId()), "the leader " + d.leaderId() + " is a member of " + ids);
        }
        if (d.state() == ClassicGroupState.EMPTY) {
            assertTrue(d.members().isEmpty());
        }
    }
}
