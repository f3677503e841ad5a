package io.rivulet.engine.group.classic;

/** Where a classic group is in its rebalance cycle, with the names Kafka's tools print. */
public enum ClassicGroupState {
    /** No members; committed offsets may remain. */
    EMPTY("Empty"),
    /** Waiting for every member to (re)join, or for the rebalance timeout. */
    PREPARING_REBALANCE("PreparingRebalance"),
    /** A generation is formed; waiting for the leader's assignment (SyncGroup). */
    COMPLETING_REBALANCE("CompletingRebalance"),
    /** Every member has its assignment. */
    STABLE("Stable"),
    /** Unloaded; nothing more is served from it. */
    DEAD("Dead");

    private final String kafkaName;

    ClassicGroupState(String kafkaName) {
        this.kafkaName = kafkaName;
    }

    /** The state as Kafka's ListGroups and DescribeGroups spell it. */
    public String kafkaName() {
        return kafkaName;
    }
}
