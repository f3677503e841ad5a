package io.rivulet.engine.group.classic;

/**
 * One group as ListGroups shows it.
 *
 * @param groupId      the group
 * @param protocolType {@code consumer} for consumer groups (classic or Rivulet's own), empty for a group that only
 *                     has committed offsets
 * @param state        its state
 * @param groupType    {@code classic} for Kafka classic groups and groups with only offsets, {@code consumer}
 *                     for groups of Rivulet's own (heartbeat-reconciled) protocol
 */
public record ClassicGroupListing(String groupId, String protocolType, ClassicGroupState state, String groupType) {
    /** Kafka's group type name of classic groups. */
    public static final String CLASSIC = "classic";
    /** Kafka's group type name of groups that reconcile by heartbeat, like Rivulet's own. */
    public static final String CONSUMER = "consumer";
}
