package io.rivulet.engine.kafka;

/**
 * Where the Kafka door listens, how large a request it takes, and how it is secured.
 *
 * @param host            the address to bind
 * @param port            the port; {@link #DEFAULT_PORT} unless told otherwise
 * @param maxRequestBytes {@code socket.request.max.bytes}: a larger request closes its connection before
 *                        anything is allocated for it
 * @param tls             serve TLS (Kafka's {@code security.protocol=SSL}) with this context; null for plain text
 * @param token           require SASL/PLAIN with this token as the password (any user name); null for none
 */
public record KafkaSettings(String host, int port, int maxRequestBytes, io.netty.handler.ssl.SslContext tls,
                            String token) {
    /** Kafka's own port. */
    public static final int DEFAULT_PORT = 9092;
    /** Kafka's name for the request size bound. */
    public static final String MAX_REQUEST_BYTES_CONFIG = "socket.request.max.bytes";
    /** Kafka's default: 100 MiB. */
    public static final int DEFAULT_MAX_REQUEST_BYTES = 100 * 1024 * 1024;

    /** Checks the values. */
    public KafkaSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Kafka port " + port + " is not a port: give 1..65535, or 0 for any free one");
        }
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException(MAX_REQUEST_BYTES_CONFIG + " " + maxRequestBytes
                    + " is too small: give at least 1024 bytes");
        }
    }

    /** Binds {@code host:port}, in plain text, with the default request bound. */
    public static KafkaSettings of(String host, int port) {
        return new KafkaSettings(host, port, DEFAULT_MAX_REQUEST_BYTES, null, null);
    }

    /** The same, serving TLS with {@code tls} (null: plain) and requiring {@code token} (null: open). */
    public KafkaSettings secured(io.netty.handler.ssl.SslContext tls, String token) {
        return new KafkaSettings(host, port, maxRequestBytes, tls, token);
    }
}
