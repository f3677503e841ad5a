package io.rivulet.api;

import java.util.Objects;

/**
 * The host and port of one node's native protocol listener.
 *
 * @param host a host name or IP address (IPv6 without brackets)
 * @param port the port, 1 to 65535
 */
public record ServerAddress(String host, int port) {
    /** The port a node listens on when none is given. */
    public static final int DEFAULT_PORT = 7070;

    /** Requires a non-blank host and a port in range. */
    public ServerAddress {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be in 1..65535 but was " + port);
        }
    }

    /** {@code host:port}, with IPv6 hosts in brackets. */
    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
