package io.rivulet.engine.replication;

/**
 * What the leader knows of one follower: its log end as last acknowledged and since when it has been
 * caught up, by Kafka's {@code lastCaughtUpTime} rule.
 *
 * <p>The rule: a follower that acknowledges log end {@code L} at time {@code t} was caught up at
 * {@code t} if {@code L} reaches the leader's log end at {@code t}; otherwise it was caught up at
 * the time of its previous acknowledgement if {@code L} reaches the leader's log end as it was then
 * (it has since fetched everything the leader had then, so it is at most one round behind). A
 * follower that keeps up under a steady stream of appends thus stays caught up even though it never
 * equals the leader's log end at the moment it acknowledges. Not thread-safe: the tracker's caller
 * serializes.
 */
final class FollowerState {
    final int id;
    /** The last acknowledged log end; -1 before the first acknowledgement to this leader. */
    long logEnd = -1;
    boolean inIsr;
    private long lastCaughtUpMs;
    private long leaderLogEndAtLastAck = -1;
    private long lastAckMs = Long.MIN_VALUE / 2;

    FollowerState(int id, boolean inIsr, long nowMs) {
        this.id = id;
        this.inIsr = inIsr;
        this.lastCaughtUpMs = inIsr ? nowMs : Long.MIN_VALUE / 2; // "never", without overflow in now - it
    }

    /**
     * Metadata admitted or removed it. An admitted follower counts as caught up as of its last
     * acknowledgement (it was admitted for reaching the high watermark), so that it is not proposed for
     * removal the moment it joins.
     */
    void isrMembership(boolean member) {
        if (member && !inIsr) {
            lastCaughtUpMs = Math.max(lastCaughtUpMs, lastAckMs);
        }
        inIsr = member;
    }

    void acked(long followerLogEnd, long leaderLogEnd, long nowMs) {
        if (followerLogEnd >= leaderLogEnd) {
            lastCaughtUpMs = Math.max(lastCaughtUpMs, nowMs);
        } else if (leaderLogEndAtLastAck >= 0 && followerLogEnd >= leaderLogEndAtLastAck) {
            lastCaughtUpMs = Math.max(lastCaughtUpMs, lastAckMs);
        }
        logEnd = followerLogEnd;
        leaderLogEndAtLastAck = leaderLogEnd;
        lastAckMs = nowMs;
    }

    /**
     * True when the follower has not been caught up for longer than {@code maxLagMs}; one whose log
     * end equals the leader's is never lagging (with no appends it need not fetch to stay in sync).
     */
    boolean isLagging(long leaderLogEnd, long nowMs, long maxLagMs) {
        return logEnd != leaderLogEnd && nowMs - lastCaughtUpMs > maxLagMs;
    }
}
