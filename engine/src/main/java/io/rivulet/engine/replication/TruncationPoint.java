package io.rivulet.engine.replication;

import io.rivulet.storage.log.EpochEnd;

/**
 * Where a follower cuts its log after a leader change so that it never keeps records the new leader
 * does not have (KIP-101, refined by KIP-279). The follower asks the leader where the follower's
 * latest epoch ends ({@code leaderAnswer}: the leader's largest epoch at most that one, and its end),
 * looks up its own end for the epoch the leader answered with ({@code followerOwn}, from
 * {@code PartitionLog.endOffsetForEpoch}), truncates to {@link #of} and, unless
 * {@link #isFinal}, asks again with its new latest epoch.
 *
 * <p>The cases:
 * <ol>
 *   <li><b>Both know the epoch</b> ({@code followerOwn.epoch() == leaderAnswer.epoch()}): up to the
 *       smaller of the two ends both logs were written by the same leaders, so the follower keeps
 *       {@code min(leader's end, its own end, its log end)}. Final.</li>
 *   <li><b>The follower does not know the leader's epoch</b> ({@code followerOwn.epoch()} is lower):
 *       the follower's records after its own end were written in epochs the leader never had, so it
 *       cuts at the same minimum, but it cannot yet tell whether the records before were written by
 *       the same leader as the leader's; not final, ask again (KIP-279's extra round).</li>
 *   <li><b>The leader knows no epoch that old</b> ({@code leaderAnswer} undefined), or the follower
 *       has no epochs to ask about (pass {@link EpochEnd#UNDEFINED} as the answer): nothing can be
 *       compared, so the follower falls back to its high watermark, below which every record was
 *       committed and so is on every in-sync replica, the leader included (Kafka's fallback). Final.</li>
 *   <li><b>The follower keeps no epoch that old</b> ({@code followerOwn} undefined): it cannot compare
 *       either; it keeps what is committed and nothing past the leader's end:
 *       {@code min(leader's end, high watermark, log end)} — more careful than Kafka, which keeps up
 *       to the leader's end. Final.</li>
 * </ol>
 * The point is never past the follower's log end: truncation only removes.
 */
public final class TruncationPoint {
    private TruncationPoint() {
    }

    /**
     * The offset to truncate the follower's log to.
     *
     * @param leaderAnswer          the leader's end for the follower's latest epoch
     * @param followerOwn           the follower's own end for {@code leaderAnswer.epoch()}
     * @param followerLogEnd        the follower's log end offset
     * @param followerHighWatermark the high watermark the follower last learnt
     */
    public static long of(EpochEnd leaderAnswer, EpochEnd followerOwn, long followerLogEnd, long followerHighWatermark) {
        check(leaderAnswer, followerOwn);
        long committed = Math.min(followerHighWatermark, followerLogEnd);
        if (!leaderAnswer.isDefined()) {
            return committed;
        }
        if (!followerOwn.isDefined()) {
            return Math.min(leaderAnswer.endOffset(), committed);
        }
        return Math.min(Math.min(leaderAnswer.endOffset(), followerOwn.endOffset()), followerLogEnd);
    }

    /** False when the follower must ask the leader again after truncating: case 2 of the class doc. */
    public static boolean isFinal(EpochEnd leaderAnswer, EpochEnd followerOwn) {
        check(leaderAnswer, followerOwn);
        return !leaderAnswer.isDefined() || !followerOwn.isDefined() || followerOwn.epoch() == leaderAnswer.epoch();
    }

    private static void check(EpochEnd leaderAnswer, EpochEnd followerOwn) {
        if (leaderAnswer.isDefined() && followerOwn.epoch() > leaderAnswer.epoch()) {
            throw new IllegalArgumentException("the follower's own end must be for an epoch at most the leader's "
                    + leaderAnswer.epoch() + ", was " + followerOwn);
        }
    }
}
