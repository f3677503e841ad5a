package io.rivulet.api;

import io.rivulet.api.errors.InvalidConfigException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The address of a running Rivulet cluster: {@code rivulet://host[:port][,host[:port]]…}, listing one
 * or more nodes to bootstrap from (the client learns the rest from them). The port defaults to
 * {@value ServerAddress#DEFAULT_PORT}; IPv6 hosts go in brackets ({@code rivulet://[::1]:7070}).
 *
 * @param servers the bootstrap nodes, in the order given, at least one
 */
public record ConnectUri(List<ServerAddress> servers) {
    /** The URI scheme. */
    public static final String SCHEME = "rivulet";

    private static final String PREFIX = SCHEME + "://";
    private static final String FORM = "expected rivulet://host:port[,host:port] (e.g. rivulet://localhost:7070)";
    private static final String KEY = "uri";

    /** Requires at least one server; copies the list. */
    public ConnectUri {
        servers = List.copyOf(servers);
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("at least one server is required");
        }
    }

    /**
     * Reads a connect URI.
     *
     * @throws InvalidConfigException naming the URI and the accepted form
     */
    public static ConnectUri parse(String uri) {
        if (uri == null || !uri.trim().toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
            throw new InvalidConfigException(KEY, uri, FORM);
        }
        String rest = uri.trim().substring(PREFIX.length());
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        List<ServerAddress> servers = new ArrayList<>();
        for (String part : rest.split(",", -1)) {
            servers.add(parseServer(uri, part.trim()));
        }
        return new ConnectUri(servers);
    }

    private static ServerAddress parseServer(String uri, String text) {
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new InvalidConfigException(KEY, uri, "unclosed '[' in '" + text + "'; " + FORM);
            }
            host = text.substring(1, close);
            String after = text.substring(close + 1);
            if (!after.isEmpty() && !after.startsWith(":")) {
                throw new InvalidConfigException(KEY, uri, "unexpected '" + after + "' after '" + text.substring(0, close + 1) + "'; " + FORM);
            }
            port = after.isEmpty() ? null : after.substring(1);
        } else {
            int colon = text.indexOf(':');
            if (colon != text.lastIndexOf(':')) {
                throw new InvalidConfigException(KEY, uri, "put IPv6 hosts in brackets, e.g. rivulet://[::1]:7070");
            }
            host = colon < 0 ? text : text.substring(0, colon);
            port = colon < 0 ? null : text.substring(colon + 1);
        }
        if (host.isEmpty() || !host.chars().allMatch(ConnectUri::isHostChar)) {
            throw new InvalidConfigException(KEY, uri, "'" + text + "' has no valid host; " + FORM);
        }
        return new ServerAddress(host, port == null ? ServerAddress.DEFAULT_PORT : parsePort(uri, port));
    }

    private static int parsePort(String uri, String port) {
        try {
            int value = Integer.parseInt(port);
            if (value >= 1 && value <= 65_535) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw new InvalidConfigException(KEY, uri, "port '" + port + "' must be a number in 1..65535");
    }

    private static boolean isHostChar(int c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || c == ':' || c == '%';
    }

    /** The URI in canonical form, which {@link #parse(String)} reads back to an equal value. */
    @Override
    public String toString() {
        return PREFIX + String.join(",", servers.stream().map(ServerAddress::toString).toList());
    }
}
