package io.rivulet.engine.group.classic;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static io.rivulet.engine.group.classic.ClassicHarness.REBALANCE_MS;
import static io.rivulet.engine.group.classic.ClassicHarness.SESSION_MS;
import static io.rivulet.engine.group.classic.ClassicHarness.joinRequest;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassicGroupTest {
    private final ClassicHarness h = new ClassicHarness();

    /** Forms a stable generation of {@code n} members a-1, b-2, ...; returns their join answers. */
    private List<ClassicJoinResponse> stableGroupOf(String... clients) {
        List<AtomicReference<ClassicJoinResponse>> held = new java.util.ArrayList<>();
        for (String c : clients) {
            held.add(h.joinNew(c));
            if (held.size() > 1) {
                // the earlier members heartbeat into the rebalance and rejoin
                for (int i = 0; i < held.size() - 1; i++) {
                    ClassicJoinResponse earlier = held.get(i).get();
                    if (earlier != null) {
                        assertEquals(ClassicError.REBALANCE_IN_PROGRESS, h.heartbeat(earlier.memberId(), earlier.generation()));
                        held.set(i, h.join(joinRequest(earlier.memberId(), c)));
                    }
                }
            }
        }
        List<ClassicJoinResponse> joined = held.stream().map(AtomicReference::get).toList();
        joined.forEach(j -> assertEquals(ClassicError.NONE, j.error(), "every join answered"));
        ClassicJoinResponse leader = joined.stream().filter(ClassicJoinResponse::isLeader).findFirst().orElseThrow();
        Map<String, byte[]> assignment = new java.util.HashMap<>();
        joined.forEach(j -> assignment.put(j.memberId(), j.memberId().getBytes()));
        h.sync(leader, assignment);
        joined.stream().filter(j -> !j.isLeader()).forEach(j -> h.sync(j, Map.of()));
        assertEquals(ClassicGroupState.STABLE, h.group.state());
        return joined;
    }

    @Test
    void aFirstJoinGetsAMemberIdAndIsAdmittedWhenItComesBackWithIt() {
        ClassicJoinResponse first = h.join(joinRequest("", "app")).get();
        assertEquals(ClassicError.MEMBER_ID_REQUIRED, first.error());
        assertEquals("app-1", first.memberId());
        assertEquals(ClassicGroupState.EMPTY, h.group.state(), "a handed-out id is not a member yet");

        ClassicJoinResponse joined = h.join(joinRequest("app-1", "app")).get();
        assertEquals(ClassicError.NONE, joined.error());
        assertEquals(1, joined.generation());
        assertEquals("app-1", joined.leaderId());
        assertEquals("range", joined.protocolName());
        assertEquals(1, joined.members().size(), "the leader sees every member's metadata");
        assertArrayEquals("app:range".getBytes(), joined.members().get(0).metadata());
        assertEquals(ClassicGroupState.COMPLETING_REBALANCE, h.group.state());
    }

    @Test
    void aJoinBeforeVersionFourIsAdmittedWithoutTheExtraRound() {
        ClassicJoinRequest v3 = new ClassicJoinRequest("g", "", null, "old", "h", SESSION_MS, REBALANCE_MS,
                "consumer", List.of(new ClassicProtocol("range", new byte[0])), false);
        ClassicJoinResponse joined = h.join(v3).get();
        assertEquals(ClassicError.NONE, joined.error());
        assertEquals("old-1", joined.memberId());
    }

    @Test
    void joinAnswersWaitUntilEveryKnownMemberHasRejoined() {
        ClassicJoinResponse a = stableGroupOf("a").get(0);
        AtomicReference<ClassicJoinResponse> b = h.joinNew("b");
        assertNull(b.get(), "held: a has not rejoined");
        assertEquals(ClassicGroupState.PREPARING_REBALANCE, h.group.state());
        assertEquals(ClassicError.REBALANCE_IN_PROGRESS, h.heartbeat(a.memberId(), a.generation()));

        ClassicJoinResponse aAgain = h.join(joinRequest(a.memberId(), "a")).get();
        ClassicJoinResponse bJoined = b.get();
        assertEquals(2, aAgain.generation());
        assertEquals(2, bJoined.generation());
        assertEquals(a.memberId(), aAgain.leaderId(), "the leader stays the leader");
        assertEquals(2, aAgain.members().size());
        assertEquals(List.of(), bJoined.members(), "followers do not get the member list");
    }

    @Test
    void aMemberThatDoesNotRejoinWithinTheRebalanceTimeoutIsRemoved() {
        List<ClassicJoinResponse> ab = stableGroupOf("a", "b");
        long start = h.now;
        AtomicReference<ClassicJoinResponse> c = h.joinNew("c");
        ClassicJoinResponse a = ab.get(0);
        h.join(joinRequest(a.memberId(), "a"));
        // b keeps heartbeating but never rejoins
        for (int i = 0; i < 5; i++) {
            h.advance(SESSION_MS / 2);
            assertEquals(ClassicError.REBALANCE_IN_PROGRESS, h.heartbeat(ab.get(1).memberId(), ab.get(1).generation()));
        }
        assertNull(c.get());
        List<String> removed = h.advanceTo(start + REBALANCE_MS);
        assertEquals(List.of(ab.get(1).memberId()), removed);
        assertEquals(ClassicError.NONE, c.get().error());
        assertEquals(2, h.group.memberCount());
        assertEquals(ClassicError.UNKNOWN_MEMBER_ID, h.heartbeat(ab.get(1).memberId(), c.get().generation()));
    }

    @Test
    void followersSyncWaitsForTheLeadersAssignment() {
        ClassicJoinResponse a = h.joinNew("a").get();
        AtomicReference<ClassicJoinResponse> b = h.joinNew("b");
        ClassicJoinResponse leader = h.join(joinRequest(a.memberId(), "a")).get();
        ClassicJoinResponse follower = b.get();
        assertTrue(leader.isLeader());
        assertEquals(follower.generation(), h.join(joinRequest(follower.memberId(), "b")).get().generation(),
                "a resent join in CompletingRebalance gets its answer again");

        AtomicReference<ClassicSyncResponse> followerSync = h.sync(follower, Map.of());
        assertNull(followerSync.get(), "held until the leader syncs");
        AtomicReference<ClassicSyncResponse> leaderSync = h.sync(leader,
                Map.of(leader.memberId(), new byte[]{1}, follower.memberId(), new byte[]{2}));
        assertArrayEquals(new byte[]{1}, leaderSync.get().assignment());
        assertArrayEquals(new byte[]{2}, followerSync.get().assignment());
        assertEquals(ClassicGroupState.STABLE, h.group.state());
        assertArrayEquals(new byte[]{2}, h.sync(follower, Map.of()).get().assignment(), "a late sync in Stable");
    }

    @Test
    void heartbeatsAreFencedByMemberAndGeneration() {
        ClassicJoinResponse a = stableGroupOf("a").get(0);
        assertEquals(ClassicError.NONE, h.heartbeat(a.memberId(), a.generation()));
        assertEquals(ClassicError.ILLEGAL_GENERATION, h.heartbeat(a.memberId(), a.generation() - 1));
        assertEquals(ClassicError.UNKNOWN_MEMBER_ID, h.heartbeat("nobody", a.generation()));
    }

    @Test
    void aSyncFromAnotherGenerationOrProtocolIsRefused() {
        ClassicJoinResponse a = stableGroupOf("a").get(0);
        ClassicSyncRequest old = new ClassicSyncRequest("g", a.generation() + 1, a.memberId(), null, null, null, Map.of());
        assertEquals(ClassicError.ILLEGAL_GENERATION, h.sync(old).get().error());
        ClassicSyncRequest other = new ClassicSyncRequest("g", a.generation(), a.memberId(), null, "consumer",
                "roundrobin", Map.of());
        assertEquals(ClassicError.INCONSISTENT_GROUP_PROTOCOL, h.sync(other).get().error());
        ClassicSyncRequest connect = new ClassicSyncRequest("g", a.generation(), a.memberId(), null, "connect",
                null, Map.of());
        assertEquals(ClassicError.INCONSISTENT_GROUP_PROTOCOL, h.sync(connect).get().error());
    }

    @Test
    void anEndedSessionRemovesTheMemberAndRebalances() {
        List<ClassicJoinResponse> ab = stableGroupOf("a", "b");
        ClassicJoinResponse a = ab.get(0);
        h.advance(SESSION_MS - 1);
        h.heartbeat(a.memberId(), a.generation());
        List<String> removed = h.advance(2);
        assertEquals(List.of(ab.get(1).memberId()), removed);
        assertEquals(ClassicGroupState.PREPARING_REBALANCE, h.group.state());
        ClassicJoinResponse again = h.join(joinRequest(a.memberId(), "a")).get();
        assertEquals(ClassicError.NONE, again.error(), "the only member left rejoined: the barrier opens");
        assertEquals(1, again.members().size());
    }

    @Test
    void leavingRebalancesAndUnknownMembersAreNamedInTheAnswer() {
        List<ClassicJoinResponse> ab = stableGroupOf("a", "b");
        ClassicLeaveResponse r = h.leave(ab.get(1).memberId(), "ghost");
        assertEquals(ClassicError.NONE, r.members().get(0).error());
        assertEquals(ClassicError.UNKNOWN_MEMBER_ID, r.members().get(1).error());
        assertEquals(ClassicGroupState.PREPARING_REBALANCE, h.group.state());
        h.leave(ab.get(0).memberId());
        assertEquals(ClassicGroupState.EMPTY, h.group.state());
        assertTrue(h.group.isEmpty());
    }

    @Test
    void aMemberWithAnotherProtocolTypeOrNoCommonAssignorIsRefused() {
        stableGroupOf("a");
        assertEquals(ClassicError.INCONSISTENT_GROUP_PROTOCOL,
                h.join(ClassicHarness.fullJoinRequest("", null, "x", "connect", "range")).get().error());
        assertEquals(ClassicError.INCONSISTENT_GROUP_PROTOCOL,
                h.join(joinRequest("", "y", "roundrobin")).get().error());
        assertEquals(ClassicError.MEMBER_ID_REQUIRED,
                h.join(joinRequest("", "z", "roundrobin", "range")).get().error());
    }

    @Test
    void theProtocolMostMembersPreferWins() {
        ClassicJoinResponse b = h.join(joinV3("", "b", "range", "roundrobin")).get();
        AtomicReference<ClassicJoinResponse> a = h.join(joinV3("", "a", "roundrobin", "range"));
        AtomicReference<ClassicJoinResponse> c = h.join(joinV3("", "c", "roundrobin", "range"));
        ClassicJoinResponse leader = h.join(joinV3(b.memberId(), "b", "range", "roundrobin")).get();
        assertEquals(b.memberId(), leader.leaderId());
        assertEquals("roundrobin", leader.protocolName(), "two of three prefer it over the leader's first choice");
        assertEquals("roundrobin", a.get().protocolName());
        assertArrayEquals("c:roundrobin".getBytes(), leader.members().get(2).metadata());
        assertEquals(c.get().generation(), leader.generation());
    }

    private static ClassicJoinRequest joinV3(String memberId, String client, String... protocols) {
        List<ClassicProtocol> list = java.util.Arrays.stream(protocols)
                .map(p -> new ClassicProtocol(p, (client + ":" + p).getBytes())).toList();
        return new ClassicJoinRequest("g", memberId, null, client, "h", SESSION_MS, REBALANCE_MS, "consumer", list, false);
    }

    @Test
    void aSessionTimeoutOutsideTheBoundsIsRefused() {
        ClassicJoinRequest tooShort = new ClassicJoinRequest("g", "", null, "a", "h", 10, REBALANCE_MS, "consumer",
                List.of(new ClassicProtocol("range", new byte[0])), true);
        assertEquals(ClassicError.INVALID_SESSION_TIMEOUT, h.join(tooShort).get().error());
    }

    @Test
    void aFullGroupRefusesNewMembersCountingHandedOutIds() {
        ClassicHarness small = new ClassicHarness(ClassicGroupConfig.defaults().withInitialRebalanceDelayMs(0).withMaxSize(2));
        small.joinNew("a");
        assertEquals(ClassicError.MEMBER_ID_REQUIRED, small.join(joinRequest("", "b")).get().error());
        assertEquals(ClassicError.GROUP_MAX_SIZE_REACHED, small.join(joinRequest("", "c")).get().error());
    }

    @Test
    void aStaticMemberRejoiningWithoutItsIdFencesTheOldOne() {
        ClassicJoinResponse old = h.join(ClassicHarness.fullJoinRequest("", "i-1", "s", "consumer", "range")).get();
        assertEquals(ClassicError.NONE, old.error(), "static members skip the member id round");
        h.sync(old, Map.of(old.memberId(), new byte[]{9}));
        ClassicJoinResponse replacement = h.join(ClassicHarness.fullJoinRequest("", "i-1", "s", "consumer", "range")).get();
        assertEquals(ClassicError.NONE, replacement.error());
        assertEquals(ClassicError.FENCED_INSTANCE_ID, h.group.heartbeat(
                new ClassicHeartbeatRequest("g", replacement.generation(), old.memberId(), "i-1"), h.now));
        assertEquals(ClassicError.FENCED_INSTANCE_ID,
                h.join(ClassicHarness.fullJoinRequest(old.memberId(), "i-1", "s", "consumer", "range")).get().error());
        ClassicLeaveResponse left = h.group.leave(new ClassicLeaveRequest("g",
                List.of(new ClassicLeaveRequest.Leaving(old.memberId(), "i-1"))), h.now);
        assertEquals(ClassicError.FENCED_INSTANCE_ID, left.members().get(0).error());
    }

    @Test
    void commitsWithoutAMemberAreAcceptedOnlyWhileTheGroupHasNone() {
        assertEquals(ClassicError.NONE, h.group.checkCommit("", null, -1, h.now));
        ClassicJoinResponse a = h.joinNew("a").get();
        assertEquals(ClassicError.UNKNOWN_MEMBER_ID, h.group.checkCommit("", null, -1, h.now));
        assertEquals(ClassicError.REBALANCE_IN_PROGRESS, h.group.checkCommit(a.memberId(), null, a.generation(), h.now),
                "between join and sync");
        h.sync(a, Map.of());
        assertEquals(ClassicError.NONE, h.group.checkCommit(a.memberId(), null, a.generation(), h.now));
        assertEquals(ClassicError.ILLEGAL_GENERATION, h.group.checkCommit(a.memberId(), null, 7, h.now));
        assertEquals(ClassicError.UNKNOWN_MEMBER_ID, h.group.checkCommit("ghost", null, a.generation(), h.now));
    }

    @Test
    void aCommitKeepsTheMemberAlive() {
        ClassicJoinResponse a = stableGroupOf("a").get(0);
        for (int i = 0; i < 5; i++) {
            h.advance(SESSION_MS - 1);
            assertEquals(ClassicError.NONE, h.group.checkCommit(a.memberId(), null, a.generation(), h.now));
        }
        assertEquals(ClassicGroupState.STABLE, h.group.state());
    }

    @Test
    void theFirstRebalanceOfAnEmptyGroupWaitsTheInitialDelayExtendedByNewcomers() {
        ClassicHarness delayed = new ClassicHarness(ClassicGroupConfig.defaults().withInitialRebalanceDelayMs(3_000));
        AtomicReference<ClassicJoinResponse> a = delayed.joinNew("a");
        delayed.advance(2_000);
        AtomicReference<ClassicJoinResponse> b = delayed.joinNew("b");
        delayed.advance(2_000);
        assertNull(a.get(), "b's arrival pushed the barrier to 5 s");
        delayed.advance(1_000);
        assertEquals(1, a.get().generation());
        assertEquals(1, b.get().generation(), "one generation for both");
    }

    @Test
    void aLeaderThatNeverSyncsIsRemovedAfterTheRebalanceTimeout() {
        ClassicJoinResponse a = h.joinNew("a").get();
        AtomicReference<ClassicJoinResponse> b = h.joinNew("b");
        h.join(joinRequest(a.memberId(), "a"));
        ClassicJoinResponse follower = b.get();
        AtomicReference<ClassicSyncResponse> waiting = h.sync(follower, Map.of());
        List<String> removed = h.advance(REBALANCE_MS);
        assertEquals(a.memberId(), removed.get(0), "the leader never synced");
        assertEquals(ClassicError.REBALANCE_IN_PROGRESS, waiting.get().error());
    }

    @Test
    void aLeaderRejoiningInStableForcesARebalance() {
        ClassicJoinResponse a = stableGroupOf("a").get(0);
        ClassicJoinResponse again = h.join(joinRequest(a.memberId(), "a")).get();
        assertEquals(a.generation() + 1, again.generation());
    }

    @Test
    void unloadingAnswersWaitingMembersNotCoordinator() {
        ClassicJoinResponse a = stableGroupOf("a").get(0);
        AtomicReference<ClassicJoinResponse> b = h.joinNew("b");
        h.group.unload();
        h.deliver();
        assertEquals(ClassicError.NOT_COORDINATOR, b.get().error());
        assertEquals(ClassicGroupState.DEAD, h.group.state());
        assertEquals(ClassicError.COORDINATOR_NOT_AVAILABLE, h.heartbeat(a.memberId(), a.generation()));
    }
}
