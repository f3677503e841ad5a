package io.rivulet.storage.log;

import io.rivulet.storage.batch.InPlaceBatch;
import io.rivulet.storage.segment.Segment;

/**
 * The segment half of {@link PartitionLog#appendInPlace}, once the room at the active segment's end is reserved: let the
 * encoder write records there, finish the batch in place (header, one CRC-32C), index it and publish the
 * segment's new size — or, if the encoder throws or writes nothing, zero what it wrote and publish nothing.
 *
 * <pre>
 *   segment:  | published batches ... | header (61 B, last) | records (encoder) | free ... |
 *                                     ^ size               ^ size + 61         ^ size + room
 * </pre>
 *
 * <p>The header is written after the records, so until the batch is finished the bytes at the segment's
 * end are never a valid batch: recovery after a crash mid-encode stops there, as readers do (they never
 * look past the published size). The log publishes its end offset after this returns.
 *
 * <p>Confined to the log's writer (called under the log's lock). Allocates nothing.
 */
final class InPlaceAppender {
    private final InPlaceBatch batch = new InPlaceBatch();

    /**
     * Encodes one batch at {@code position}, the end of {@code segment}, with {@code room} bytes at most, which
     * {@link Segment#reserveInPlace} reserved; stamped with {@code baseOffset} and {@code leaderEpoch}. Returns
     * the number of records appended; 0 when the encoder appended none (then nothing changed).
     */
    int append(Segment segment, int position, int room, long baseOffset, int leaderEpoch, BatchEncoder encoder) {
        batch.begin(segment.writableStore(), position, room);
        boolean published = false;
        try {
            encoder.encode(batch);
            int count = batch.recordCount();
            if (count == 0) {
                return 0;
            }
            int length = batch.finish(baseOffset, leaderEpoch);
            segment.commitInPlace(position, length, baseOffset, baseOffset + count, batch.maxTimestamp());
            published = true;
            return count;
        } finally {
            if (!published && batch.reach() > position) {
                segment.zero(position, batch.reach() - position);
            }
            batch.detach();
        }
    }
}
