package io.rivulet.engine.cluster;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each node was last heard from, as seen by this controller. In memory only and never
 * replicated: liveness is a matter of the current Raft leader's clock, and replicating every
 * heartbeat would grow the log without bound.
 *
 * <p>A controller that becomes leader calls {@link #leaderSince} so that every node counts as heard
 * from at that moment: the new leader did not see the heartbeats sent to the old one, and without
 * this grace of one session timeout it would fence the whole cluster.
 *
 * <p>Times are {@link System#nanoTime()} values passed in by the caller, so tests need no clock.
 * Thread-safe: heartbeats arrive on Ratis threads while the controller duty reads.
 */
final class HeartbeatTable {

    private final Map<Integer, Long> heard = new ConcurrentHashMap<>();
    private volatile long leaderSinceNanos = Long.MIN_VALUE;

    /** Records a heartbeat from {@code nodeId} at {@code nowNanos}. */
    void record(int nodeId, long nowNanos) {
        heard.merge(nodeId, nowNanos, Math::max);
    }

    /** This controller became the Raft leader at {@code nowNanos}: every node counts as heard from then. */
    void leaderSince(long nowNanos) {
        leaderSinceNanos = nowNanos;
    }

    /** When {@code nodeId} was last heard from, counting the leader's grace; {@code Long.MIN_VALUE} if never. */
    long lastHeard(int nodeId) {
        return Math.max(heartbeat(nodeId), leaderSinceNanos);
    }

    /** When {@code nodeId} last sent a heartbeat itself (no grace); {@code Long.MIN_VALUE} if never. */
    long heartbeat(int nodeId) {
        return heard.getOrDefault(nodeId, Long.MIN_VALUE);
    }
}
