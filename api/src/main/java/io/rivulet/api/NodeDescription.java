package io.rivulet.api;

/**
 * One node of a cluster.
 *
 * @param id   the node id
 * @param host the host its native protocol listens on ({@code "embedded"} for an in-process engine)
 * @param port the port, or 0 when it does not listen
 */
public record NodeDescription(int id, String host, int port) {
}
