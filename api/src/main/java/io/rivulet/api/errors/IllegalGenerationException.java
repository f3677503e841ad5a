package io.rivulet.api.errors;

/**
 * A commit came from a consumer-group generation that has ended: the partition was reassigned in a
 * rebalance after the record was delivered. The commit was rejected so it cannot overwrite the new
 * owner's progress; the record will be delivered again to whoever owns the partition now.
 * Retrying the same commit is pointless.
 */
public class IllegalGenerationException extends RivuletException {
    private static final long serialVersionUID = 1L;

    private final String groupId;
    private final int staleGeneration;
    private final int currentGeneration;

    /** An error for {@code groupId}: the request carried {@code staleGeneration}, the group is at {@code currentGeneration}. */
    public IllegalGenerationException(String groupId, int staleGeneration, int currentGeneration) {
        super(ErrorCode.ILLEGAL_GENERATION, message(groupId, staleGeneration, currentGeneration));
        this.groupId = groupId;
        this.staleGeneration = staleGeneration;
        this.currentGeneration = currentGeneration;
    }

    private static String message(String groupId, int stale, int current) {
        String where = stale == current
                ? "group '" + groupId + "' (generation " + current + ") no longer gives this member the partition"
                : "group '" + groupId + "' is at generation " + current + " but the request came from generation " + stale;
        return where + ": the partition was reassigned; its records will be redelivered to the current owner"
                + " (a consumer rejoins by itself; commit sooner, or raise session.timeout.ms if members are being removed)";
    }

    /** The group. */
    public String groupId() {
        return groupId;
    }

    /** The generation the rejected request belonged to. */
    public int staleGeneration() {
        return staleGeneration;
    }

    /** The group's generation when the request was rejected. */
    public int currentGeneration() {
        return currentGeneration;
    }
}
