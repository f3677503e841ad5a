package io.rivulet.api.errors;

/**
 * A configuration value is missing, malformed or out of bounds. The message names the Kafka-style
 * key, the rejected value and what is accepted, e.g.
 * {@code invalid value 'maybe' for acks: expected one of 0, 1, all, -1}.
 */
public class InvalidConfigException extends RivuletException {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final String value;

    /**
     * An error for {@code key} set to {@code value} ({@code null} when it was missing); {@code expected}
     * says what is accepted and reads as the end of the message.
     */
    public InvalidConfigException(String key, Object value, String expected) {
        this(key, value, expected, null);
    }

    /** As {@link #InvalidConfigException(String, Object, String)}, keeping the parse failure as the cause. */
    public InvalidConfigException(String key, Object value, String expected, Throwable cause) {
        super(ErrorCode.INVALID_CONFIG, (value == null ? "missing value for " + key
                : "invalid value '" + value + "' for " + key) + ": " + expected, cause);
        this.key = key;
        this.value = value == null ? null : String.valueOf(value);
    }

    /** The config key, e.g. {@code batch.size}. */
    public String key() {
        return key;
    }

    /** The rejected value as text, or {@code null} when the value was missing. */
    public String value() {
        return value;
    }
}
