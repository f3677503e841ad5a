package io.rivulet.engine.cluster;

import java.util.Objects;

/**
 * A registered node and whether it is fenced: a fenced node missed its heartbeats for longer than the
 * session timeout, leads nothing, and is out of every ISR it could leave.
 *
 * @param endpoint where the node serves
 * @param fenced   whether the controller has declared it dead
 */
public record NodeState(NodeEndpoint endpoint, boolean fenced) {

    /** Requires an endpoint. */
    public NodeState {
        Objects.requireNonNull(endpoint, "endpoint");
    }

    /** The node's id. */
    public int id() {
        return endpoint.id();
    }
}
