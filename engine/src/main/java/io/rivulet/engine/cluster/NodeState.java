package io.rivulet.engine.cluster;

import java.util.Objects;

/**
 * A registered node, whether it is fenced, and whether it is being drained. A fenced node missed its
 * heartbeats for longer than the session timeout, leads nothing, and is out of every ISR it could leave. A
 * draining node had its replicas moved off by {@code cluster drain} and takes no replica of a new topic
 * ({@link ReplicaPlacement}, {@link Drain}); it stays draining until it registers again (its process
 * restarts).
 *
 * @param endpoint where the node serves
 * @param fenced   whether the controller has declared it dead
 * @param draining whether an operator drained it: new replicas go elsewhere
 */
public record NodeState(NodeEndpoint endpoint, boolean fenced, boolean draining) {

    /** Requires an endpoint. */
    public NodeState {
        Objects.requireNonNull(endpoint, "endpoint");
    }

    /** A node that is not draining. */
    public NodeState(NodeEndpoint endpoint, boolean fenced) {
        this(endpoint, fenced, false);
    }

    /** The node's id. */
    public int id() {
        return endpoint.id();
    }

    /** This node, fenced or not. */
    NodeState withFenced(boolean nowFenced) {
        return new NodeState(endpoint, nowFenced, draining);
    }

    /** This node, draining or not. */
    NodeState withDraining(boolean nowDraining) {
        return new NodeState(endpoint, fenced, nowDraining);
    }
}
