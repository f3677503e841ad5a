package io.rivulet.api.errors;

/** A topic could not be created because one with the same name exists. */
public class TopicExistsException extends RivuletException {
    private static final long serialVersionUID = 1L;

    private final String topic;

    /** An error naming the existing topic. */
    public TopicExistsException(String topic) {
        super(ErrorCode.TOPIC_EXISTS, "topic '" + topic + "' already exists: use it as it is, "
                + "delete it first, or choose another name");
        this.topic = topic;
    }

    /** The name that is taken. */
    public String topic() {
        return topic;
    }
}
