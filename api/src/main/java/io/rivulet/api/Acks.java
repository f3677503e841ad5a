package io.rivulet.api;

import io.rivulet.api.errors.InvalidConfigException;

import java.util.Locale;

/**
 * How much of a write the engine confirms before a send completes ({@code acks}).
 *
 * <p>What each level can lose: {@link #NONE} loses whatever is in flight if the engine stops;
 * {@link #LEADER} loses records the leader had not yet replicated if it dies and a follower takes over
 * (a crash of the leader's process alone loses nothing, since the record is in the page cache);
 * {@link #ALL} loses nothing while at least {@code min.insync.replicas} replicas survive. Until
 * replication exists, {@code ALL} behaves as {@code LEADER}.
 */
public enum Acks {
    /** {@code acks=0}: do not wait; the send completes once handed to the engine, with no offset. */
    NONE("0"),
    /** {@code acks=1}: complete once the partition leader has appended the record. */
    LEADER("1"),
    /** {@code acks=all} (or {@code -1}): complete once every in-sync replica has the record. */
    ALL("all");

    private final String configValue;

    Acks(String configValue) {
        this.configValue = configValue;
    }

    /** The value as written in configuration: {@code 0}, {@code 1} or {@code all}. */
    public String configValue() {
        return configValue;
    }

    /**
     * Reads {@code 0}, {@code 1}, {@code all} or {@code -1} (Kafka's synonym for {@code all}),
     * ignoring case and surrounding blanks.
     *
     * @throws InvalidConfigException naming {@code acks} and the accepted values
     */
    public static Acks parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "0" -> NONE;
            case "1" -> LEADER;
            case "all", "-1" -> ALL;
            default -> throw new InvalidConfigException(ProducerConfig.ACKS.name(), value, "expected one of 0, 1, all, -1");
        };
    }
}
