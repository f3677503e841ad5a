package io.rivulet.engine.net.client;

import io.netty.buffer.ByteBuf;
import io.rivulet.api.ConsumerRecord;
import io.rivulet.api.RecordOffset;
import io.rivulet.api.StartAt;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.serde.Serde;
import io.rivulet.engine.fetch.RecordDecoder;
import io.rivulet.engine.fetch.RecordHandles;
import io.rivulet.engine.net.FetchCodec;
import io.rivulet.engine.net.OffHeapCopy;
import io.rivulet.engine.net.StoredBatches;
import io.rivulet.engine.net.WireFormat;
import io.rivulet.storage.batch.BatchRecord;
import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.batch.RecordIterator;
import net.openhft.chronicle.bytes.PointerBytesStore;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A partition read from a node as a {@code Flux}: a fetch stream whose credits follow the subscriber's
 * demand. Credits in flight and records received but not delivered together stay within what the subscriber
 * has requested plus a prefetch — {@code max.poll.records}, or about {@value #PREFETCH_BYTES} bytes of records
 * if that is more, like Kafka's {@code max.partition.fetch.bytes} — and never above a window of about
 * {@value #WINDOW_BYTES} bytes. So a {@code request(n)} becomes {@code CREDIT} frames, a stalled subscriber
 * holds at most the prefetch, and {@code request(Long.MAX_VALUE)} or a group pause ({@code max.ack.ahead})
 * cannot make the client buffer without bound.
 *
 * <p>Signals are serialized through a work-in-progress counter and run on whichever thread enters it: the
 * connection's event loop when frames arrive, or the caller of {@code request}. A data frame is kept as it
 * came (its buffer retained) and its records are decoded only as they are delivered, straight into the
 * {@code ConsumerRecord}: the event loop does no decoding for records nobody has asked for yet, and a record
 * costs one object, not a decoded copy waiting in a queue as well.
 */
final class RemoteRecords<K, V> extends Flux<ConsumerRecord<K, V>> {
    private final ClusterRoutes routes;
    private final TopicPartition tp;
    private final StartAt start;
    private final RecordHandles handles;
    /** The most bytes of records received ahead of delivery, whatever the demand. */
    static final long WINDOW_BYTES = 4L << 20;
    /** Bytes of records fetched ahead of demand, so a round trip per request does not set the pace. */
    static final long PREFETCH_BYTES = 1L << 20;
    static final int MAX_WINDOW = 65_536;
    private final int minPrefetch;
    private final RecordDecoder<K, V> decoder;

    RemoteRecords(ClusterRoutes routes, TopicPartition tp, StartAt start, Serde<K> keySerde, Serde<V> valueSerde,
                  RecordHandles handles, int minPrefetch) {
        this.routes = routes;
        this.tp = tp;
        this.start = start;
        this.handles = handles;
        this.minPrefetch = minPrefetch;
        this.decoder = new RecordDecoder<>(tp, keySerde, valueSerde);
    }

    @Override
    public void subscribe(CoreSubscriber<? super ConsumerRecord<K, V>> actual) {
        Reader r = new Reader(actual);
        actual.onSubscribe(r);
        r.connecting = routes.leader(tp).flatMap(NodeClient::connection).subscribe(r::opened, r::onError);
    }

    /** A data frame waiting to be read: its stored batches (buffer retained) and the offsets it was sent for. */
    private record DataFrame(ByteBuf batches, long first, int count) {
    }

    private final class Reader implements Subscription, StreamListener {
        private final CoreSubscriber<? super ConsumerRecord<K, V>> actual;
        private final AtomicLong requested = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        private final ArrayDeque<DataFrame> frames = new ArrayDeque<>(); // guarded by this
        private long queued; // records in frames not yet delivered, the frame being read included; guarded by this
        private boolean released; // frames are released, later ones at once; guarded by this
        // The frame being read and where in it, owned by the drain.
        private final Frames reading = new Frames();
        private volatile Disposable connecting;
        private volatile ClientConnection connection;
        private volatile int streamId;
        private volatile boolean cancelled;
        private volatile boolean completed;
        private volatile Throwable error;
        private volatile boolean resumeArmed;
        private volatile long resumeAt = -1; // the next offset to ask a new leader for, once records arrived
        private volatile long retryUntil; // nanoTime deadline of the current run of failovers, 0 when none
        private long granted; // credits sent and not yet used; guarded by this
        private long receivedBytes; // guarded by this
        private long receivedRecords; // guarded by this
        private long window = minPrefetch; // in records, sized from the records seen; guarded by this
        private long prefetch = minPrefetch; // in records, sized from the records seen; guarded by this
        private boolean done;

        Reader(CoreSubscriber<? super ConsumerRecord<K, V>> actual) {
            this.actual = actual;
        }

        void opened(ClientConnection c) {
            if (cancelled) {
                return;
            }
            try {
                connection = c;
                long at = resumeAt;
                StartAt from = at >= 0 ? StartAt.offset(at) : start;
                streamId = c.openStream(b -> FetchCodec.writeOpen(b, tp, from), this);
            } catch (Throwable t) {
                fail(t);
                return;
            }
            if (cancelled) {
                c.cancel(streamId); // cancelled while the stream was being opened
                return;
            }
            drain();
        }

        void fail(Throwable t) {
            error = t;
            drain();
        }

        @Override
        public void request(long n) {
            if (Operators.validate(n)) {
                requested.getAndUpdate(x -> Operators.addCap(x, n));
                drain();
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
            Disposable d = connecting;
            if (d != null) {
                d.dispose();
            }
            ClientConnection c = connection;
            if (c != null && streamId != 0) {
                c.cancel(streamId);
            }
            drain(); // releases the frames held
        }

        @Override
        public void onData(ByteBuf payload) {
            long first = WireFormat.readLong(payload);
            int count = WireFormat.readInt(payload);
            resumeAt = first + count;
            retryUntil = 0;
            synchronized (this) {
                granted -= count;
                // size window and prefetch in records from the bytes records take
                receivedBytes += payload.writerIndex() - FetchCodec.DATA_HEADER;
                receivedRecords += count;
                long perRecord = Math.max(1, receivedBytes / Math.max(1, receivedRecords));
                window = Math.max(minPrefetch, Math.min(MAX_WINDOW, WINDOW_BYTES / perRecord));
                prefetch = Math.max(minPrefetch, Math.min(window, PREFETCH_BYTES / perRecord));
                if (released) {
                    return; // the stream is ending: what is still in flight is not wanted
                }
                frames.add(new DataFrame(payload.retain(), first, count));
                queued += count;
            }
            drain();
        }

        @Override
        public void onComplete() {
            completed = true;
            drain();
        }

        @Override
        public void onError(Throwable e) {
            if (!cancelled && routes.isCluster() && ClusterRoutes.staleRoute(e) && mayRetry()) {
                failover();
                return;
            }
            fail(e);
        }

        /** Within request.timeout.ms of the first failure since records last arrived. */
        private boolean mayRetry() {
            long now = System.nanoTime();
            if (retryUntil == 0) {
                retryUntil = now + routes.bootstrap().settings().requestTimeout().toNanos();
            }
            return now < retryUntil;
        }

        /**
         * The leader moved or went away: ask the cluster again and go on from the next offset at the leader it
         * names. Credits granted on the old stream died with it.
         */
        private void failover() {
            routes.forget(tp.topic());
            connection = null;
            streamId = 0;
            synchronized (this) {
                granted = 0;
            }
            connecting = Mono.delay(routes.bootstrap().settings().backoff())
                    .then(routes.leader(tp))
                    .flatMap(NodeClient::connection)
                    .subscribe(this::opened, this::onError);
        }

        private void drain() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                if (!done) {
                    step();
                }
                missed = wip.addAndGet(-missed);
            } while (missed != 0);
        }

        private void step() {
            if (cancelled) {
                done = true;
                releaseFrames();
                return;
            }
            Throwable e = error;
            if (e != null) {
                done = true;
                cancel();
                releaseFrames();
                actual.onError(e);
                return;
            }
            long r = requested.get();
            long emitted = 0;
            long read = 0;
            try {
                while (emitted < r && handles.mayEmit()) {
                    BatchRecord rec = reading.next();
                    if (rec == null) {
                        break;
                    }
                    read++;
                    K key = decoder.key(rec);
                    V value = decoder.value(rec);
                    RecordOffset handle = handles.emitted(rec.offset());
                    if (handle != null) {
                        actual.onNext(new ConsumerRecord<>(tp.topic(), tp.partition(), rec.offset(), rec.timestamp(),
                                key, value, RecordDecoder.headers(rec), handle));
                        emitted++;
                    }
                }
            } catch (Throwable t) {
                // a corrupt batch or a serde that throws: the records before it were delivered, as the
                // embedded reader does
                done = true;
                cancel();
                releaseFrames();
                actual.onError(t);
                return;
            }
            if (emitted > 0 && r != Long.MAX_VALUE) {
                r = requested.addAndGet(-emitted);
            }
            long queued;
            synchronized (this) {
                this.queued -= read + reading.skipped();
                queued = this.queued;
            }
            if (queued > 0 && !resumeArmed && !handles.mayEmit()) {
                resumeArmed = true; // one wake-up, however many frames arrive while paused
                handles.whenResumed(() -> {
                    resumeArmed = false;
                    drain();
                });
            }
            if (completed && queued == 0) {
                done = true;
                releaseFrames();
                actual.onComplete();
                return;
            }
            ClientConnection c = connection;
            if (c != null && streamId != 0) {
                long want;
                synchronized (this) {
                    want = Math.min(Operators.addCap(r, prefetch), window) - granted - queued;
                    if (want > 0) {
                        granted += want;
                    }
                }
                if (want > 0) {
                    try {
                        c.credit(streamId, want);
                    } catch (Throwable t) {
                        error = t;
                        drain(); // this drain loops once more and delivers it
                    }
                }
            }
        }

        /** Releases every frame held, now and as they arrive later. Called by the drain once it is done. */
        private void releaseFrames() {
            synchronized (this) {
                released = true;
                frames.forEach(f -> f.batches().release());
                frames.clear();
                queued = 0;
            }
            reading.close();
        }

        /**
         * The records of the received frames, one after the other, read in place from each frame's buffer; a
         * frame's buffer is released once its last record is read. Owned by the drain.
         */
        private final class Frames {
            private final PointerBytesStore pointer = new PointerBytesStore();
            private final RecordIterator records = new RecordIterator();
            private DataFrame frame;
            private Iterator<RecordBatch> batches;
            private boolean inBatch;
            private long left; // records of this frame not yet read
            private long skipped; // records of finished frames that were never read, since the last call

            /** The next record to deliver, valid until the next call; null when every frame received is read. */
            BatchRecord next() {
                while (true) {
                    if (inBatch && records.hasNext()) {
                        BatchRecord rec = records.next();
                        long o = rec.offset();
                        if (o >= frame.first() && o < frame.first() + frame.count()) {
                            left--;
                            return rec;
                        }
                    } else if (frame != null && batches.hasNext()) {
                        batches.next().records(records);
                        inBatch = true;
                    } else {
                        finish();
                        DataFrame f;
                        synchronized (Reader.this) {
                            f = frames.poll();
                        }
                        if (f == null) {
                            return null;
                        }
                        open(f);
                    }
                }
            }

            /** Records that frames held but did not carry (none, from a well-behaved node); resets the count. */
            long skipped() {
                long s = skipped;
                skipped = 0;
                return s;
            }

            private void open(DataFrame f) {
                ByteBuf b = f.batches();
                batches = StoredBatches.in(OffHeapCopy.view(b, pointer), b.readableBytes()).iterator();
                frame = f;
                left = f.count();
            }

            private void finish() {
                if (frame != null) {
                    skipped += left;
                    frame.batches().release();
                    frame = null;
                    batches = null;
                    inBatch = false;
                }
            }

            void close() {
                finish();
                skipped = 0;
                if (pointer.refCount() > 0) {
                    pointer.releaseLast();
                }
            }
        }
    }
}
