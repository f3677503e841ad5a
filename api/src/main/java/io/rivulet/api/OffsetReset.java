package io.rivulet.api;

import io.rivulet.api.errors.InvalidConfigException;

import java.util.Locale;

/**
 * Where a group consumer starts a partition that has no committed offset, or whose committed offset
 * is no longer in the log ({@code auto.offset.reset}).
 */
public enum OffsetReset {
    /** Start at the first record still in the log. */
    EARLIEST,
    /** Start at the end: only records appended from now on (Kafka's default). */
    LATEST,
    /**
     * Do not guess: fail the consumer's stream with
     * {@link io.rivulet.api.errors.OffsetOutOfRangeException} (or, with nothing committed, an
     * {@link io.rivulet.api.errors.InvalidOffsetException}).
     */
    NONE;

    /** The value as written in configuration: {@code earliest}, {@code latest} or {@code none}. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads {@code earliest}, {@code latest} or {@code none}, ignoring case and surrounding blanks.
     *
     * @throws InvalidConfigException naming {@code auto.offset.reset} and the accepted values
     */
    public static OffsetReset parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "earliest" -> EARLIEST;
            case "latest" -> LATEST;
            case "none" -> NONE;
            default -> throw new InvalidConfigException(ConsumerConfig.AUTO_OFFSET_RESET.name(), value,
                    "expected one of earliest, latest, none");
        };
    }
}
