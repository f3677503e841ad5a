package io.rivulet.engine.group.classic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Drives one {@link ClassicGroup} with a hand-moved clock and captures its answers. */
final class ClassicHarness {
    static final int SESSION_MS = 10_000;
    static final int REBALANCE_MS = 30_000;

    final ClassicGroup group;
    long now;
    private final AtomicInteger ids = new AtomicInteger();
    /** How many answers each callback got, to check none is answered twice. */
    final List<AtomicInteger> answerCounts = new ArrayList<>();

    ClassicHarness(ClassicGroupConfig config) {
        group = new ClassicGroup("g", config, clientId -> clientId + "-" + ids.incrementAndGet());
    }

    ClassicHarness() {
        this(ClassicGroupConfig.defaults().withInitialRebalanceDelayMs(0));
    }

    static ClassicJoinRequest joinRequest(String memberId, String clientId, String... protocols) {
        return fullJoinRequest(memberId, null, clientId, "consumer", protocols);
    }

    static ClassicJoinRequest fullJoinRequest(String memberId, String instanceId, String clientId, String type,
                                          String... protocols) {
        List<ClassicProtocol> list = new ArrayList<>();
        for (String p : protocols) {
            list.add(new ClassicProtocol(p, (clientId + ":" + p).getBytes()));
        }
        if (list.isEmpty()) {
            list.add(new ClassicProtocol("range", (clientId + ":range").getBytes()));
        }
        return new ClassicJoinRequest("g", memberId, instanceId, clientId, "/127.0.0.1", SESSION_MS, REBALANCE_MS,
                type, list, true);
    }

    AtomicReference<ClassicJoinResponse> join(ClassicJoinRequest r) {
        AtomicReference<ClassicJoinResponse> out = new AtomicReference<>();
        AtomicInteger count = new AtomicInteger();
        answerCounts.add(count);
        group.join(r, now, v -> {
            count.incrementAndGet();
            out.set(v);
        });
        deliver();
        return out;
    }

    /** Joins a new member through the MEMBER_ID_REQUIRED round; returns the held second join. */
    AtomicReference<ClassicJoinResponse> joinNew(String clientId) {
        ClassicJoinResponse first = join(joinRequest("", clientId)).get();
        if (first.error() != ClassicError.MEMBER_ID_REQUIRED) {
            throw new AssertionError("expected MEMBER_ID_REQUIRED but got " + first);
        }
        return join(joinRequest(first.memberId(), clientId));
    }

    AtomicReference<ClassicSyncResponse> sync(ClassicJoinResponse joined, Map<String, byte[]> assignments) {
        return sync(new ClassicSyncRequest("g", joined.generation(), joined.memberId(), null, "consumer",
                joined.protocolName(), assignments));
    }

    AtomicReference<ClassicSyncResponse> sync(ClassicSyncRequest r) {
        AtomicReference<ClassicSyncResponse> out = new AtomicReference<>();
        AtomicInteger count = new AtomicInteger();
        answerCounts.add(count);
        group.sync(r, now, v -> {
            count.incrementAndGet();
            out.set(v);
        });
        deliver();
        return out;
    }

    ClassicError heartbeat(String memberId, int generation) {
        ClassicError e = group.heartbeat(new ClassicHeartbeatRequest("g", generation, memberId, null), now);
        deliver();
        return e;
    }

    ClassicLeaveResponse leave(String... memberIds) {
        List<ClassicLeaveRequest.Leaving> list = new ArrayList<>();
        for (String id : memberIds) {
            list.add(new ClassicLeaveRequest.Leaving(id, null));
        }
        ClassicLeaveResponse r = group.leave(new ClassicLeaveRequest("g", list), now);
        deliver();
        return r;
    }

    /** Moves the clock to {@code to}, running every deadline on the way as a timer would. */
    List<String> advanceTo(long to) {
        List<String> removed = new ArrayList<>();
        for (long next = group.nextDeadline(); next <= to; next = group.nextDeadline()) {
            if (next < now) {
                throw new AssertionError("deadline " + next + " is before now " + now);
            }
            now = next;
            removed.addAll(group.tick(now));
            deliver();
            if (group.nextDeadline() <= now) {
                throw new AssertionError("a tick at " + now + " left a deadline due: a timer would spin");
            }
        }
        now = to;
        return removed;
    }

    List<String> advance(long ms) {
        return advanceTo(now + ms);
    }

    void deliver() {
        group.drainAnswers().forEach(Runnable::run);
    }
}
