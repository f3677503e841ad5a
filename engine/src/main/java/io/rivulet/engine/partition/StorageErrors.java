package io.rivulet.engine.partition;

import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.InvalidOffsetException;
import io.rivulet.api.errors.OffsetOutOfRangeException;
import io.rivulet.api.errors.RecordTooLargeException;
import io.rivulet.api.errors.RivuletClosedException;
import io.rivulet.api.errors.RivuletException;
import io.rivulet.api.errors.StorageFullException;
import io.rivulet.storage.BatchTooLargeException;
import io.rivulet.storage.CorruptBatchException;
import io.rivulet.storage.LogClosedException;
import io.rivulet.storage.StorageException;

/** Translates the storage layer's exceptions into the api's typed errors, naming the partition. */
public final class StorageErrors {
    private StorageErrors() {
    }

    public static RivuletException translate(TopicPartition tp, Throwable t) {
        if (t instanceof RivuletException r) {
            return r;
        }
        if (t instanceof io.rivulet.storage.StorageFullException e) {
            return new StorageFullException(tp + " (" + e.getMessage() + ")", e);
        }
        if (t instanceof BatchTooLargeException e) {
            return new RecordTooLargeException(tp.topic(), e.size(), e.limit(), "max.message.bytes");
        }
        if (t instanceof io.rivulet.storage.OffsetOutOfRangeException e) {
            return new OffsetOutOfRangeException(tp, e.offset(), e.logStartOffset(), e.logEndOffset());
        }
        if (t instanceof io.rivulet.storage.InvalidOffsetException e) {
            return new InvalidOffsetException(tp + ": " + e.getMessage(), e);
        }
        if (t instanceof CorruptBatchException e) {
            return new RivuletException(ErrorCode.CORRUPT_RECORD, tp + ": " + e.getMessage(), e);
        }
        if (t instanceof LogClosedException) {
            return new RivuletClosedException("partition " + tp);
        }
        if (t instanceof StorageException e) {
            return new RivuletException(ErrorCode.UNKNOWN, tp + ": " + e.getMessage(), e);
        }
        return new RivuletException(ErrorCode.UNKNOWN, tp + ": " + t, t);
    }
}
