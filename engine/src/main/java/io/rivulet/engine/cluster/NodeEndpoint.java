package io.rivulet.engine.cluster;

import java.util.Objects;

/**
 * Where a node serves clients: its id and the ports of its front doors, as registered in the cluster
 * metadata so that clients and other nodes can find a partition's leader.
 *
 * @param id         the node id, unique in the cluster, {@code >= 0}
 * @param host       the host name or address other nodes and clients reach it on
 * @param nativePort the native protocol port
 * @param httpPort   the HTTP and WebSocket port; 0 when it serves none
 * @param kafkaPort  the Kafka protocol port; 0 when it serves none
 */
public record NodeEndpoint(int id, String host, int nativePort, int httpPort, int kafkaPort) {

    /** A node without a Kafka door. */
    public NodeEndpoint(int id, String host, int nativePort, int httpPort) {
        this(id, host, nativePort, httpPort, 0);
    }

    /** Checks the id, that the host is not blank and the ports are in range. */
    public NodeEndpoint {
        if (id < 0) {
            throw new IllegalArgumentException("node id must be >= 0 but was " + id);
        }
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host of node " + id + " is blank");
        }
        checkPort(id, "native", nativePort);
        checkPort(id, "http", httpPort);
        checkPort(id, "kafka", kafkaPort);
    }

    private static void checkPort(int id, String what, int port) {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException(what + " port of node " + id + " must be in [0, 65535] but was " + port);
        }
    }
}
