package io.rivulet.api;

import java.util.List;

/**
 * The producer's settings, declared once with their Kafka-style names, defaults and documentation.
 * {@link ProducerOptions#fromProperties} reads exactly these keys.
 */
public final class ProducerConfig {
    /** Default of {@code batch.size}, in bytes. */
    public static final int DEFAULT_BATCH_SIZE = 16_384;
    /** Default of {@code linger.ms}. */
    public static final long DEFAULT_LINGER_MS = 5;
    /** Default of {@code max.in.flight.records}. */
    public static final int DEFAULT_MAX_IN_FLIGHT_RECORDS = 16_384;

    /** {@code acks}: how much of a write is confirmed before a send completes. */
    public static final ConfigKey ACKS = new ConfigKey("acks", Acks.ALL.configValue(),
            "How many replicas must have a record before its send completes: 0 (do not wait), "
                    + "1 (the leader) or all/-1 (every in-sync replica).");
    /** {@code batch.size}: the most bytes batched per partition before a batch is sent. */
    public static final ConfigKey BATCH_SIZE = new ConfigKey("batch.size", String.valueOf(DEFAULT_BATCH_SIZE),
            "The most bytes of records gathered into one batch per partition; a full batch is written at once. "
                    + "0 disables batching.");
    /** {@code linger.ms}: how long a batch that is not full waits for more records. */
    public static final ConfigKey LINGER_MS = new ConfigKey("linger.ms", String.valueOf(DEFAULT_LINGER_MS),
            "How long a partition's batch that is not yet full waits for more records before it is written, "
                    + "trading a little latency for larger batches.");
    /** {@code max.in.flight.records}: the bound on records sent but not yet acknowledged. */
    public static final ConfigKey MAX_IN_FLIGHT_RECORDS = new ConfigKey("max.in.flight.records",
            String.valueOf(DEFAULT_MAX_IN_FLIGHT_RECORDS),
            "The most records one send(...) stream has requested from its source but not yet seen acknowledged; "
                    + "when reached the producer stops requesting (backpressure) instead of queueing.");
    /** Default of {@code delivery.timeout.ms}. */
    public static final long DEFAULT_DELIVERY_TIMEOUT_MS = 120_000;
    /** {@code delivery.timeout.ms}: how long a send may keep retrying before it fails. */
    public static final ConfigKey DELIVERY_TIMEOUT_MS = new ConfigKey("delivery.timeout.ms",
            String.valueOf(DEFAULT_DELIVERY_TIMEOUT_MS),
            "How long a remote producer keeps sending a batch again after a retriable failure (the partition's "
                    + "leader moved, the connection was lost) before its records fail. A batch sent again may be "
                    + "appended twice: delivery is at-least-once.");
    /** {@code client.id}: a name for this producer in logs and metrics. */
    public static final ConfigKey CLIENT_ID = new ConfigKey("client.id", null,
            "A name for this producer in logs, metrics and errors; the engine assigns one when unset.");

    /** Every producer setting, in documentation order. */
    public static final List<ConfigKey> ALL = List.of(ACKS, BATCH_SIZE, LINGER_MS, MAX_IN_FLIGHT_RECORDS, DELIVERY_TIMEOUT_MS,
            CLIENT_ID);

    private ProducerConfig() {
    }
}
