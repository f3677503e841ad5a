package io.rivulet.api;

/** Where a consumer group is in its life, with Kafka's names. */
public enum GroupState {
    /** No members; committed offsets are kept. */
    EMPTY,
    /** Members are joining or leaving; consumption of moving partitions is paused. */
    PREPARING_REBALANCE,
    /** The new assignment is being handed to members. */
    COMPLETING_REBALANCE,
    /** Every member has its assignment and is consuming. */
    STABLE,
    /** The group is being removed. */
    DEAD
}
