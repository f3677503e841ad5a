package io.rivulet.api.errors;

/** The topic does not exist, and it was not created because automatic creation is off. */
public class UnknownTopicException extends RivuletException {
    private static final long serialVersionUID = 1L;

    private final String topic;

    /** An error naming the missing topic. */
    public UnknownTopicException(String topic) {
        super(ErrorCode.UNKNOWN_TOPIC, "topic '" + topic + "' does not exist: create it with Admin.createTopic "
                + "(or 'rivulet topics create'), or set auto.create.topics.enable=true on the engine");
        this.topic = topic;
    }

    /** The topic that was asked for. */
    public String topic() {
        return topic;
    }
}
