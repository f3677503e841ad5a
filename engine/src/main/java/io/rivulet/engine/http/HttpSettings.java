package io.rivulet.engine.http;

import io.netty.handler.ssl.SslContext;
import io.rivulet.api.errors.InvalidConfigException;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The settings of an {@link HttpListener}, with Kafka-style dotted names. Each is declared once in
 * {@link #SETTINGS} with its default and meaning; {@code docs/http.md} lists the same table.
 *
 * @param host                 {@code http.host}: the address to bind
 * @param port                 {@code http.port}: the port to bind; 0 picks a free one
 * @param requestMaxBytes      {@code http.request.max.bytes}: the largest request body accepted (413 above)
 * @param fetchMaxRecords      {@code http.fetch.max.records}: the largest {@code limit} of a record read
 * @param wsSessionsMax        {@code ws.sessions.max}: WebSocket sessions open at once on this node (429 above)
 * @param wsFrameMaxBytes      {@code ws.frame.max.bytes}: the largest frame a client may send
 * @param wsStallTimeout       {@code ws.stall.timeout.ms}: how long a consume socket may go without a
 *                             completed write while frames wait before it is closed as too far behind
 *                             (close code 4001)
 * @param wsWriteBufferBytes   {@code ws.write.buffer.bytes}: bytes queued on a socket before it counts as
 *                             unwritable and the record stream stops being pulled
 * @param wsPartitionPrefetch  {@code ws.partition.prefetch}: records read ahead per partition when a
 *                             socket reads several partitions at once
 * @param wsAcksPendingMax     {@code ws.acks.pending.max}: with {@code acks=client}, records delivered but
 *                             not yet acknowledged per partition before delivery pauses
 * @param wsProduceInFlight    {@code ws.produce.in.flight}: records of one produce socket being written at once
 * @param wsCommitInterval     {@code ws.group.commit.interval.ms}: how often a group socket commits what
 *                             was acknowledged
 * @param token                the token every request but {@code GET /health} and the page must present
 *                             ({@code Authorization: Bearer …}), or null for an open node; not a property:
 *                             the server hands in its {@code --token}, so it never sits in a config file
 * @param tls                  the server's TLS context (HTTPS and WSS), or null for plain HTTP; not a
 *                             property either: built from the server's {@code --tls-cert}/{@code --tls-key}
 */
public record HttpSettings(String host, int port, int requestMaxBytes, int fetchMaxRecords, int wsSessionsMax,
                           int wsFrameMaxBytes, Duration wsStallTimeout, int wsWriteBufferBytes,
                           int wsPartitionPrefetch, int wsAcksPendingMax, int wsProduceInFlight,
                           Duration wsCommitInterval, String token, SslContext tls) {

    /** One setting: its name, default and a line of documentation. */
    public record Setting(String name, String defaultValue, String doc) {
    }

    /** Every setting, in the order {@code docs/http.md} lists them. */
    public static final List<Setting> SETTINGS = List.of(
            new Setting("http.host", "127.0.0.1", "The address the HTTP and WebSocket listener binds."),
            new Setting("http.port", "8080", "The port it binds; 0 picks a free port."),
            new Setting("http.request.max.bytes", "4194304",
                    "The largest request body accepted; a larger one is refused with 413 before it is read."),
            new Setting("http.fetch.max.records", "1000", "The largest limit of GET …/records."),
            new Setting("ws.sessions.max", "256", "WebSocket sessions open at once on this node; more are refused with 429."),
            new Setting("ws.frame.max.bytes", "1048576", "The largest frame a WebSocket client may send (close 1009 above)."),
            new Setting("ws.stall.timeout.ms", "30000",
                    "How long a consume socket may go without a write while frames wait before it is closed with 4001."),
            new Setting("ws.write.buffer.bytes", "65536",
                    "Bytes queued on one socket before it counts as unwritable and the log stops being read for it."),
            new Setting("ws.partition.prefetch", "16", "Records read ahead per partition when a socket reads several partitions."),
            new Setting("ws.acks.pending.max", "1000",
                    "With acks=client: records per partition delivered and not acknowledged before delivery pauses."),
            new Setting("ws.produce.in.flight", "64", "Records of one produce socket being written at once."),
            new Setting("ws.group.commit.interval.ms", "1000", "How often a group socket commits what was acknowledged."));

    /** Checks every bound, naming the setting that breaks it. */
    public HttpSettings {
        if (host == null || host.isBlank()) {
            throw new InvalidConfigException("http.host", host, "an address to bind, e.g. 127.0.0.1 or 0.0.0.0");
        }
        if (port < 0 || port > 65_535) {
            throw new InvalidConfigException("http.port", port, "a port from 0 to 65535 (0 picks a free one)");
        }
        atLeast("http.request.max.bytes", requestMaxBytes, 1024);
        atLeast("http.fetch.max.records", fetchMaxRecords, 1);
        atLeast("ws.sessions.max", wsSessionsMax, 1);
        atLeast("ws.frame.max.bytes", wsFrameMaxBytes, 1024);
        if (wsStallTimeout == null || wsStallTimeout.toMillis() < 10) {
            throw new InvalidConfigException("ws.stall.timeout.ms", wsStallTimeout == null ? null : wsStallTimeout.toMillis(),
                    "at least 10 (milliseconds)");
        }
        atLeast("ws.write.buffer.bytes", wsWriteBufferBytes, 1024);
        atLeast("ws.partition.prefetch", wsPartitionPrefetch, 1);
        atLeast("ws.acks.pending.max", wsAcksPendingMax, 1);
        atLeast("ws.produce.in.flight", wsProduceInFlight, 1);
        if (wsCommitInterval == null || wsCommitInterval.isNegative()) {
            throw new InvalidConfigException("ws.group.commit.interval.ms", wsCommitInterval, "at least 0 (milliseconds)");
        }
        if (token != null && token.isEmpty()) {
            // an empty token (RIVULET_TOKEN set but empty) is a slip, not a choice: no client could present it
            throw new InvalidConfigException("token", "", "a non-empty token (--token or RIVULET_TOKEN), or none for an open node");
        }
    }

    /** Every setting at its default: 127.0.0.1:8080. */
    public static HttpSettings defaults() {
        return fromProperties(Map.of());
    }

    /**
     * Settings from dotted names (e.g. the {@code http.*} and {@code ws.*} keys of a server's properties
     * file); names not given keep their defaults.
     *
     * @throws InvalidConfigException for an unknown name (listing the known ones) or a bad value
     */
    public static HttpSettings fromProperties(Map<String, String> properties) {
        Set<String> unknown = new TreeSet<>(properties.keySet());
        SETTINGS.forEach(s -> unknown.remove(s.name()));
        if (!unknown.isEmpty()) {
            String key = unknown.iterator().next();
            throw new InvalidConfigException(key, properties.get(key), "a known HTTP setting: "
                    + SETTINGS.stream().map(Setting::name).collect(Collectors.joining(", ")));
        }
        Map<String, String> v = new LinkedHashMap<>();
        SETTINGS.forEach(s -> v.put(s.name(), properties.getOrDefault(s.name(), s.defaultValue())));
        return new HttpSettings(v.get("http.host").trim(), parseInt(v, "http.port"), parseInt(v, "http.request.max.bytes"),
                parseInt(v, "http.fetch.max.records"), parseInt(v, "ws.sessions.max"), parseInt(v, "ws.frame.max.bytes"),
                Duration.ofMillis(parseLong(v, "ws.stall.timeout.ms")), parseInt(v, "ws.write.buffer.bytes"),
                parseInt(v, "ws.partition.prefetch"), parseInt(v, "ws.acks.pending.max"),
                parseInt(v, "ws.produce.in.flight"), Duration.ofMillis(parseLong(v, "ws.group.commit.interval.ms")),
                null, null);
    }

    /** These settings with another host and port, e.g. {@code withAddress("127.0.0.1", 0)} in tests. */
    public HttpSettings withAddress(String host, int port) {
        return new HttpSettings(host, port, requestMaxBytes, fetchMaxRecords, wsSessionsMax, wsFrameMaxBytes,
                wsStallTimeout, wsWriteBufferBytes, wsPartitionPrefetch, wsAcksPendingMax, wsProduceInFlight,
                wsCommitInterval, token, tls);
    }

    /** These settings requiring {@code token} from clients ({@code null}: open, the default). */
    public HttpSettings withToken(String token) {
        return new HttpSettings(host, port, requestMaxBytes, fetchMaxRecords, wsSessionsMax, wsFrameMaxBytes,
                wsStallTimeout, wsWriteBufferBytes, wsPartitionPrefetch, wsAcksPendingMax, wsProduceInFlight,
                wsCommitInterval, token, tls);
    }

    /** These settings serving HTTPS and WSS with {@code tls} ({@code null}: plain HTTP, the default). */
    public HttpSettings withTls(SslContext tls) {
        return new HttpSettings(host, port, requestMaxBytes, fetchMaxRecords, wsSessionsMax, wsFrameMaxBytes,
                wsStallTimeout, wsWriteBufferBytes, wsPartitionPrefetch, wsAcksPendingMax, wsProduceInFlight,
                wsCommitInterval, token, tls);
    }

    /** Never prints the token: settings end up in logs and test reports. */
    @Override
    public String toString() {
        return "HttpSettings[" + host + ":" + port + (tls != null ? ", tls" : "") + (token != null ? ", token required" : "")
                + ", http.request.max.bytes=" + requestMaxBytes + ", ws.sessions.max=" + wsSessionsMax + "]";
    }

    private static int parseInt(Map<String, String> values, String key) {
        long value = parseLong(values, key);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new InvalidConfigException(key, values.get(key), "a whole number below 2^31");
        }
        return (int) value;
    }

    private static long parseLong(Map<String, String> values, String key) {
        String raw = values.get(key);
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(key, raw, "a whole number", e);
        }
    }

    private static void atLeast(String key, long value, long min) {
        if (value < min) {
            throw new InvalidConfigException(key, value, "at least " + min);
        }
    }
}
