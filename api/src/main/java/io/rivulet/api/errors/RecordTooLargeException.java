package io.rivulet.api.errors;

/**
 * A record, or the batch holding it, is larger than a configured limit. The record was not written;
 * retrying it unchanged fails again.
 */
public class RecordTooLargeException extends RivuletException {
    private static final long serialVersionUID = 1L;

    private final String topic;
    private final long sizeBytes;
    private final long limitBytes;
    private final String limitKey;

    /**
     * An error for a record of {@code sizeBytes} sent to {@code topic}, over the limit
     * {@code limitBytes} set by the config key {@code limitKey} (for example the topic's
     * {@code max.message.bytes}).
     */
    public RecordTooLargeException(String topic, long sizeBytes, long limitBytes, String limitKey) {
        super(ErrorCode.RECORD_TOO_LARGE, "a record of " + sizeBytes + " bytes for topic '" + topic
                + "' exceeds " + limitKey + " = " + limitBytes + ": send smaller records or raise "
                + limitKey);
        this.topic = topic;
        this.sizeBytes = sizeBytes;
        this.limitBytes = limitBytes;
        this.limitKey = limitKey;
    }

    /** The topic the record was sent to. */
    public String topic() {
        return topic;
    }

    /** The encoded size of the rejected record or batch. */
    public long sizeBytes() {
        return sizeBytes;
    }

    /** The limit it exceeded. */
    public long limitBytes() {
        return limitBytes;
    }

    /** The config key that sets the limit. */
    public String limitKey() {
        return limitKey;
    }
}
