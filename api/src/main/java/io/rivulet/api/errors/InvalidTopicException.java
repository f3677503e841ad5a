package io.rivulet.api.errors;

/**
 * A topic name breaks the naming rules (see {@code io.rivulet.api.TopicNames}).
 *
 * <p>The message has the form {@code topic 'a b' is invalid: only [a-zA-Z0-9._-] are allowed}.
 */
public class InvalidTopicException extends RivuletException {
    private static final long serialVersionUID = 1L;

    private final String topic;

    /**
     * An error for {@code topic}; {@code reason} says which rule it breaks and reads as the end of
     * the sentence {@code topic 'x' is invalid: <reason>}.
     */
    public InvalidTopicException(String topic, String reason) {
        super(ErrorCode.INVALID_TOPIC, "topic " + quote(topic) + " is invalid: " + reason);
        this.topic = topic;
    }

    /** The rejected name, possibly {@code null}. */
    public String topic() {
        return topic;
    }

    private static String quote(String topic) {
        return topic == null ? "null" : "'" + topic + "'";
    }
}
