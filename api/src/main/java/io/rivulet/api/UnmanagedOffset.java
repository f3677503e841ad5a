package io.rivulet.api;

import reactor.core.publisher.Mono;

import java.util.Objects;

/** The {@link RecordOffset} of a record read without a group: nothing to acknowledge, nowhere to commit. */
record UnmanagedOffset(TopicPartition topicPartition, long offset) implements RecordOffset {

    UnmanagedOffset {
        Objects.requireNonNull(topicPartition, "topicPartition");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0 but was " + offset);
        }
    }

    @Override
    public void acknowledge() {
        // A manual reader tracks its own position; there is no commit tracker to update.
    }

    @Override
    public Mono<Void> commit() {
        return Mono.error(() -> new IllegalStateException("record " + topicPartition + "@" + offset
                + " was read without a group, so there is nowhere to commit it: "
                + "keep the offset yourself, or consume with group.id and receive()"));
    }
}
