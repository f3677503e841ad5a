package io.rivulet.engine.net.client;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.rivulet.api.errors.InvalidConfigException;
import io.rivulet.engine.net.FrameBounds;

import java.io.File;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * A remote client's settings, read from the config map given to {@code Rivulet.connect(uri, config)}:
 *
 * <pre>
 * request.timeout.ms        30000   how long a request waits for its answer, reconnecting included
 * reconnect.backoff.ms      100     first wait before reconnecting to a node that went away
 * reconnect.backoff.max.ms  5000    longest wait between reconnect attempts
 * socket.request.max.bytes  16 MiB  the largest frame sent or accepted (the same on both ends)
 * rivulet.token             none    the node's token, when it requires one
 * ssl.enabled               false   connect with TLS
 * ssl.truststore.certificates none  PEM file of the certificates to trust (the JDK's when absent)
 * </pre>
 */
record ClientSettings(Duration requestTimeout, Duration backoff, Duration backoffMax, int maxFrameBytes, String token,
                      SslContext tls) {
    static final Set<String> KEYS = Set.of("request.timeout.ms", "reconnect.backoff.ms", "reconnect.backoff.max.ms",
            "socket.request.max.bytes", "rivulet.token", "ssl.enabled", "ssl.truststore.certificates");

    static ClientSettings from(Map<String, String> config) {
        for (String key : config.keySet()) {
            if (!KEYS.contains(key)) {
                throw new InvalidConfigException(key, config.get(key), "not a client setting; known: "
                        + new java.util.TreeSet<>(KEYS));
            }
        }
        Duration timeout = Duration.ofMillis(positive(config, "request.timeout.ms", 30_000));
        Duration backoff = Duration.ofMillis(positive(config, "reconnect.backoff.ms", 100));
        Duration backoffMax = Duration.ofMillis(positive(config, "reconnect.backoff.max.ms", 5_000));
        int maxFrame = (int) positive(config, "socket.request.max.bytes", FrameBounds.DEFAULT_MAX_FRAME_LENGTH);
        boolean ssl = Boolean.parseBoolean(config.getOrDefault("ssl.enabled", "false"));
        String trust = config.get("ssl.truststore.certificates");
        SslContext tls = null;
        if (ssl || trust != null) {
            try {
                SslContextBuilder b = SslContextBuilder.forClient();
                if (trust != null) {
                    b.trustManager(new File(trust));
                }
                tls = b.build();
            } catch (Exception e) {
                throw new InvalidConfigException("ssl.truststore.certificates", trust,
                        "a readable PEM file of X.509 certificates (" + e.getMessage() + ")", e);
            }
        }
        return new ClientSettings(timeout, backoff, backoffMax, maxFrame, config.get("rivulet.token"), tls);
    }

    private static long positive(Map<String, String> config, String key, long dflt) {
        String v = config.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n > 0 && n <= Integer.MAX_VALUE) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidConfigException(key, v, "a whole number from 1 to " + Integer.MAX_VALUE);
    }
}
