package io.rivulet.engine.kafka;

/**
 * Where the Kafka door listens and how large a request it takes.
 *
 * @param host            the address to bind
 * @param port            the port; {@link #DEFAULT_PORT} unless told otherwise
 * @param maxRequestBytes {@code socket.request.max.bytes}: a larger request closes its connection before
 *                        anything is allocated for it
 */
public record KafkaSettings(String host, int port, int maxRequestBytes) {
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

    /** Binds {@code host:port} with the default request bound. */
    public static KafkaSettings of(String host, int port) {
        return new KafkaSettings(host, port, DEFAULT_MAX_REQUEST_BYTES);
    }
}
