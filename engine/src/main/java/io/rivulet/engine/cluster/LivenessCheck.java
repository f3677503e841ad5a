package io.rivulet.engine.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * The controller's liveness rule: fence a registered node silent for longer than the session timeout,
 * unfence a fenced node whose own heartbeat is recent again.
 *
 * <p>Unfencing looks only at real heartbeats, never at the new leader's grace, or a leader change
 * would unfence every dead node. Pure: a function of the image, the table and the time given.
 */
final class LivenessCheck {

    private LivenessCheck() {
    }

    /** The fence and unfence commands due at {@code nowNanos}, in node id order. */
    static List<MetadataCommand> due(ClusterImage image, HeartbeatTable heard, long nowNanos, long sessionTimeoutNanos) {
        List<MetadataCommand> commands = new ArrayList<>();
        for (NodeState node : image.nodes().values()) {
            if (!node.fenced()) {
                if (silentFor(heard.lastHeard(node.id()), nowNanos) > sessionTimeoutNanos) {
                    commands.add(new MetadataCommand.FenceNode(node.id()));
                }
            } else if (silentFor(heard.heartbeat(node.id()), nowNanos) <= sessionTimeoutNanos) {
                commands.add(new MetadataCommand.UnfenceNode(node.id()));
            }
        }
        return commands;
    }

    private static long silentFor(long heardNanos, long nowNanos) {
        return heardNanos == Long.MIN_VALUE ? Long.MAX_VALUE : nowNanos - heardNanos;
    }
}
