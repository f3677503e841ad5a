package io.rivulet.engine.group;

import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.log.LogConfig;
import io.rivulet.storage.log.LogSlice;
import io.rivulet.storage.log.PartitionLog;

import java.nio.file.Path;

/**
 * A single node's offsets, in its own {@link PartitionLog} at {@code <dataDir>/__consumer_offsets-0}: an
 * append is done once it is in the page cache, and snapshots delete the segments they supersede. Owns the log.
 */
final class LocalOffsetStore implements OffsetStore {
    private final PartitionLog log;

    private LocalOffsetStore(PartitionLog log) {
        this.log = log;
    }

    /** Opens (creating if needed) the log in {@code dir}; throws the storage layer's exceptions. */
    static LocalOffsetStore open(Path dir, LogConfig config) {
        return new LocalOffsetStore(PartitionLog.open(dir, config));
    }

    @Override
    public String describe() {
        return log.dir().toString();
    }

    @Override
    public int maxBatchBytes() {
        return log.config().maxMessageBytes();
    }

    @Override
    public long logStartOffset() {
        return log.logStartOffset();
    }

    @Override
    public long logEndOffset() {
        return log.logEndOffset();
    }

    @Override
    public LogSlice read(long offset, int maxBytes) {
        return log.read(offset, maxBytes);
    }

    @Override
    public void append(RecordBatch batch) {
        log.append(batch);
    }

    @Override
    public void deleteBefore(long offset) {
        log.deleteBefore(offset);
    }

    @Override
    public long recoveryTruncatedBytes() {
        return log.recoveryTruncatedBytes();
    }

    @Override
    public void close() {
        log.close();
    }
}
