package io.rivulet.api;

/**
 * One node of a cluster.
 *
 * @param id           the node id
 * @param host         the host its native protocol listens on ({@code "embedded"} for an in-process engine)
 * @param port         the port, or 0 when it does not listen
 * @param fenced       whether the controller declared the node dead (it missed its heartbeats); a fenced node
 *                     leads nothing until it comes back
 * @param leaderCount  how many partitions the node leads
 * @param replicaCount how many partitions the node holds a replica of, counting those moving onto or off it
 * @param draining     whether an operator drained the node ({@link Admin#drainNode}): it takes no replica of a
 *                     new topic until its process restarts
 */
public record NodeDescription(int id, String host, int port, boolean fenced, int leaderCount, int replicaCount,
                              boolean draining) {

    /** A node that is not draining. */
    public NodeDescription(int id, String host, int port, boolean fenced, int leaderCount, int replicaCount) {
        this(id, host, port, fenced, leaderCount, replicaCount, false);
    }

    /** A live node whose partitions are not counted (as older releases described nodes). */
    public NodeDescription(int id, String host, int port) {
        this(id, host, port, false, 0, 0);
    }
}
