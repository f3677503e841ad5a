package io.rivulet.engine.group;

import io.rivulet.api.PartitionLag;
import io.rivulet.api.TopicPartition;

import java.util.Map;

/**
 * The answer to an {@link OffsetFetchRequest}.
 *
 * @param offsets the committed position of each asked partition that has one; the others are absent
 */
public record OffsetFetchResponse(Map<TopicPartition, Long> offsets) {

    /** Copies the map. */
    public OffsetFetchResponse {
        offsets = Map.copyOf(offsets);
    }

    /** The committed position of {@code tp}, or {@link PartitionLag#NO_OFFSET}. */
    public long offset(TopicPartition tp) {
        return offsets.getOrDefault(tp, PartitionLag.NO_OFFSET);
    }
}
