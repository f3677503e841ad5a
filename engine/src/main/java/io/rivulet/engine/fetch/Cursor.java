package io.rivulet.engine.fetch;

import io.rivulet.api.ConsumerRecord;
import io.rivulet.api.RecordOffset;
import io.rivulet.api.StartAt;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.OffsetOutOfRangeException;
import io.rivulet.api.errors.RivuletClosedException;
import io.rivulet.api.serde.Serde;
import io.rivulet.engine.metrics.PartitionMeters;
import io.rivulet.engine.partition.Partition;
import io.rivulet.engine.partition.StorageErrors;
import io.rivulet.storage.StorageException;
import io.rivulet.storage.batch.BatchRecord;
import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.batch.RecordIterator;
import io.rivulet.storage.log.LogSlice;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;

import java.util.Iterator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One subscriber's position in a partition. All reading happens in {@link #run} on one scheduler
 * worker, entered through a work-in-progress counter, so signals to the subscriber are serialized and
 * the slice is only touched by one thread. {@code request}, {@code cancel}, append wake-ups and resumes
 * only bump the counter.
 *
 * <p>What it delivers is metered once per drain of {@link #run}, not per record: records emitted and
 * bytes of the batches it opened, added to the partition's meters held since construction.
 */
final class Cursor<K, V> implements Subscription {
    private final CoreSubscriber<? super ConsumerRecord<K, V>> actual;
    private final Partition partition;
    private final TopicPartition tp;
    private final StartAt start;
    private final RecordDecoder<K, V> decoder;
    private final RecordHandles handles;
    private final Scheduler.Worker worker;
    private final PartitionMeters meters;
    private final AtomicLong requested = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private volatile boolean cancelled;

    // touched only inside run()
    private long nextOffset = -1;
    private LogSlice slice;
    private Iterator<RecordBatch> batches;
    private RecordIterator records;
    // one per cursor: a compressed batch is decompressed into its buffer, which is then reused
    private final RecordIterator recordIterator = new RecordIterator();
    private Runnable cancelWait;
    private volatile boolean parked;
    private boolean done;
    private long batchBytesRead; // since the last report to the meters
    private boolean delivered; // a record went out: from then on a position below the log start is an error

    Cursor(CoreSubscriber<? super ConsumerRecord<K, V>> actual, Partition partition, StartAt start,
           Serde<K> keySerde, Serde<V> valueSerde, RecordHandles handles, Scheduler.Worker worker) {
        this.actual = actual;
        this.partition = partition;
        this.tp = partition.id();
        this.start = start;
        this.decoder = new RecordDecoder<>(tp, keySerde, valueSerde);
        this.handles = handles;
        this.worker = worker;
        this.meters = partition.meters();
    }

    @Override
    public void request(long n) {
        if (Operators.validate(n)) {
            requested.getAndUpdate(r -> Operators.addCap(r, n));
            schedule();
        } else {
            cancelled = true;
            errorLater(Operators.onOperatorError(new IllegalArgumentException(
                    "§3.9 violated: request must be positive but was " + n), actual.currentContext()));
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
        schedule();
    }

    private Throwable pendingError;

    private void errorLater(Throwable t) {
        pendingError = t;
        schedule();
    }

    private void schedule() {
        if (wip.getAndIncrement() == 0) {
            try {
                worker.schedule(this::run);
            } catch (RuntimeException rejected) {
                // The scheduler is gone (engine closing): nothing more will be read.
                wip.set(0);
            }
        }
    }

    private void run() {
        int missed = 1;
        for (;;) {
            if (!done) {
                step();
            }
            missed = wip.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    private void step() {
        if (cancelled) {
            if (pendingError != null) {
                fail(pendingError);
            } else {
                finish();
            }
            return;
        }
        long e = 0;
        try {
            if (nextOffset < 0) {
                nextOffset = StartPositions.resolve(partition, start);
            }
            long r = requested.get();
            while (e < r) {
                if (cancelled) {
                    finish();
                    return;
                }
                if (!handles.mayEmit()) {
                    handles.whenResumed(this::schedule);
                    break;
                }
                BatchRecord rec = nextRecord();
                if (rec == null) {
                    park();
                    break;
                }
                RecordOffset handle = handles.emitted(rec.offset());
                if (handle == null) {
                    continue;
                }
                actual.onNext(decoder.decode(rec, handle));
                e++;
            }
            if (e > 0 && r != Long.MAX_VALUE) {
                requested.addAndGet(-e);
            }
        } catch (StorageException t) {
            fail(StorageErrors.translate(tp, t)); // e.g. a compressed batch that does not decompress: CORRUPT_RECORD
        } catch (Throwable t) {
            fail(t);
        } finally {
            if (e > 0 || batchBytesRead > 0) {
                meters.delivered(e, batchBytesRead);
                batchBytesRead = 0;
            }
        }
    }

    /** The next record below the high watermark, or null when caught up. */
    private BatchRecord nextRecord() {
        for (;;) {
            if (records != null && records.hasNext()) {
                BatchRecord rec = records.next();
                if (rec.offset() < nextOffset) {
                    continue; // the slice starts at the batch holding nextOffset; skip what came before
                }
                nextOffset = rec.offset() + 1;
                delivered = true;
                return rec;
            }
            if (batches != null && batches.hasNext()) {
                RecordBatch batch = batches.next();
                batchBytesRead += batch.sizeInBytes();
                records = batch.records(recordIterator);
                continue;
            }
            releaseSlice();
            if (nextOffset >= partition.highWatermark()) {
                if (partition.isClosed()) {
                    throw new RivuletClosedException("partition " + tp);
                }
                return null;
            }
            try {
                slice = partition.read(nextOffset, PartitionStream.SLICE_BYTES);
            } catch (OffsetOutOfRangeException e) {
                if (startsOver()) {
                    continue;
                }
                throw e;
            }
            if (slice.isEmpty()) {
                releaseSlice();
                return null;
            }
            batches = slice.batches();
        }
    }

    /**
     * Retention moved the log start past a position this cursor chose itself: begin again
     * ({@link StartPositions#startOver}).
     */
    private boolean startsOver() {
        long again = StartPositions.startOver(partition, start, nextOffset, delivered);
        if (again < 0) {
            return false;
        }
        nextOffset = again;
        return true;
    }

    private void park() {
        if (!parked) {
            parked = true;
            long seen = nextOffset;
            cancelWait = partition.awaitData(seen, () -> {
                parked = false;
                schedule();
            });
        }
    }

    private void releaseSlice() {
        records = null;
        batches = null;
        if (slice != null) {
            slice.close();
            slice = null;
        }
    }

    private void fail(Throwable t) {
        if (!done) {
            cleanUp();
            actual.onError(t);
        }
    }

    private void finish() {
        if (!done) {
            cleanUp();
        }
    }

    private void cleanUp() {
        done = true;
        if (cancelWait != null) {
            cancelWait.run();
            cancelWait = null;
        }
        releaseSlice();
        worker.dispose();
    }
}
