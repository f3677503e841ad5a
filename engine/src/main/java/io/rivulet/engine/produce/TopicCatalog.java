package io.rivulet.engine.produce;

/**
 * What a producer knows of topics: how many partitions each has and where each partition's batches go. The
 * engine in this process always knows (it creates topics on first use when allowed); a remote client learns
 * a topic's layout by asking its node, so it may not know it yet.
 */
public interface TopicCatalog {
    /**
     * The topic's layout if it is known now, else {@code null} — then {@link #await} says when it is.
     *
     * @throws io.rivulet.api.errors.RivuletException if the topic cannot exist (invalid name, unknown and not
     *         created automatically)
     */
    TopicLayout layout(String topic);

    /**
     * Runs {@code then} once the layout of {@code topic} is known, or {@code failed} if it cannot be; calls
     * made before the layout is known run in the order they were made, before any {@link #layout} returns it.
     */
    void await(String topic, Runnable then, java.util.function.Consumer<Throwable> failed);

    /** A topic's partitions, as a producer needs them. */
    interface TopicLayout {
        String name();

        int partitionCount();

        /** Partition {@code p}'s target; an error naming the valid range if there is none. */
        BatchTarget partitionTarget(int p);
    }
}
