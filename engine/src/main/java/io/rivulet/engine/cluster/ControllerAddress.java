package io.rivulet.engine.cluster;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One controller-eligible node: its id and the address its Raft server listens on.
 *
 * @param id   the node id, {@code >= 0}; also the Raft peer id (as a decimal string)
 * @param host the host the Raft server is reached on
 * @param port the Raft server's port
 */
public record ControllerAddress(int id, String host, int port) {

    /** Checks the id, that the host is not blank and the port is in range. */
    public ControllerAddress {
        if (id < 0) {
            throw new IllegalArgumentException("controller id must be >= 0 but was " + id);
        }
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host of controller " + id + " is blank");
        }
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port of controller " + id + " must be in [0, 65535] but was " + port);
        }
    }

    /**
     * Parses the {@code --cluster} flag: {@code "1@host:port,2@host:port,..."}, whitespace around
     * entries allowed.
     *
     * @throws IllegalArgumentException naming the bad entry, for a malformed entry, a negative or
     *                                  repeated id, or an empty list
     */
    public static List<ControllerAddress> parseList(String text) {
        Objects.requireNonNull(text, "text");
        List<ControllerAddress> controllers = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        for (String raw : text.split(",", -1)) {
            String entry = raw.strip();
            ControllerAddress address = parse(entry);
            if (!ids.add(address.id())) {
                throw new IllegalArgumentException("controller entry '" + entry + "' repeats id " + address.id()
                        + "; every controller needs its own id");
            }
            controllers.add(address);
        }
        return List.copyOf(controllers);
    }

    private static ControllerAddress parse(String entry) {
        int at = entry.indexOf('@');
        int colon = entry.lastIndexOf(':');
        if (at <= 0 || colon < at + 2 || colon == entry.length() - 1) {
            throw bad(entry, "expected id@host:port, for example 1@127.0.0.1:9093");
        }
        int id = number(entry, entry.substring(0, at), "id");
        String host = entry.substring(at + 1, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = number(entry, entry.substring(colon + 1), "port");
        if (id < 0) {
            throw bad(entry, "the id must be >= 0");
        }
        if (port > 0xFFFF) {
            throw bad(entry, "the port must be in [0, 65535]");
        }
        return new ControllerAddress(id, host, port);
    }

    private static int number(String entry, String text, String what) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw bad(entry, "the " + what + " '" + text + "' is not a number");
        }
    }

    private static IllegalArgumentException bad(String entry, String why) {
        return new IllegalArgumentException("controller entry '" + entry + "' is invalid: " + why);
    }

    /** The form {@link #parseList} reads, {@code id@host:port}. */
    @Override
    public String toString() {
        return id + "@" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
