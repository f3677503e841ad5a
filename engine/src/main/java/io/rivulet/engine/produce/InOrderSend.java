package io.rivulet.engine.produce;

import io.rivulet.api.RecordMetadata;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends a stream of records and emits their results in the order the records came in, with at most
 * {@code maxInFlight} records between the source and the log.
 *
 * <p>Each record takes a {@link Ticket} from a ring sized to the in-flight bound; the append thread
 * fills the ticket in and the drain loop emits tickets from the head as they complete and as the
 * subscriber requests. The source is asked for more only as tickets are emitted, so a subscriber that
 * stops requesting stops the source. Tickets are reused: a busy producer allocates nothing per record
 * here but the result itself.
 *
 * @param <T> the record type
 */
public final class InOrderSend<T> extends Flux<RecordMetadata> {
    /** Hands one record to the accumulator; {@code ticket} hears what became of it. May throw. */
    @FunctionalInterface
    public interface Enqueue<T> {
        void enqueue(T record, Ticket ticket);
    }

    private final Flux<? extends T> source;
    private final Enqueue<T> enqueue;
    private final int maxInFlight;
    private final boolean reportOffsets;
    private final Scheduler requests;
    private final java.util.function.Supplier<InFlightWatch> watches;

    /**
     * @param requests where the source is asked for more records. A synchronous source produces on the
     *                 thread that requests; asking from here, not from the append thread that just emitted
     *                 results, keeps producing and appending on two threads that work in parallel.
     */
    public InOrderSend(Flux<? extends T> source, Enqueue<T> enqueue, int maxInFlight, boolean reportOffsets,
                       Scheduler requests) {
        this(source, enqueue, maxInFlight, reportOffsets, requests, () -> InFlightWatch.NONE);
    }

    /** As above, telling a watch (one per subscription) when the in-flight bound holds the send back. */
    public InOrderSend(Flux<? extends T> source, Enqueue<T> enqueue, int maxInFlight, boolean reportOffsets,
                       Scheduler requests, java.util.function.Supplier<InFlightWatch> watches) {
        this.watches = watches;
        this.source = source;
        this.enqueue = enqueue;
        this.maxInFlight = maxInFlight;
        this.reportOffsets = reportOffsets;
        this.requests = requests;
    }

    @Override
    public void subscribe(CoreSubscriber<? super RecordMetadata> actual) {
        source.subscribe(new Sender<>(actual, enqueue, maxInFlight, reportOffsets, requests.createWorker(),
                watches.get()));
    }

    /** One record's place in line: told its topic and timestamp when enqueued, its offset when appended. */
    public static final class Ticket implements AppendCallback {
        private static final int PENDING = 0;
        private static final int DONE = 1;
        private static final int FAILED = 2;
        /**
         * A ticket's state is published with release stores, not volatile ones: the drain that reads it follows
         * a full barrier of its own ({@code wip}), and a reset slot is taken again only after the source was
         * asked for more through the scheduler. A volatile store is a full fence, twice a record.
         */
        private static final VarHandle STATE;

        static {
            try {
                STATE = MethodHandles.lookup().findVarHandle(Ticket.class, "state", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final Sender<?> owner;
        private String topic;
        private long timestamp;
        private int partition;
        private long offset;
        private Throwable error;
        private volatile int state;

        Ticket(Sender<?> owner) {
            this.owner = owner;
        }

        public void prepare(String topic, long timestamp) {
            this.topic = topic;
            this.timestamp = timestamp;
        }

        @Override
        public void appended(int partition, long offset) {
            this.partition = partition;
            this.offset = offset;
            STATE.setRelease(this, DONE);
        }

        @Override
        public Object owner() {
            return owner;
        }

        @Override
        public void settle() {
            owner.drain();
        }

        @Override
        public void failed(int partition, Throwable error) {
            this.partition = partition;
            this.error = error;
            STATE.setRelease(this, FAILED);
            owner.drain();
        }
    }

    static final class Sender<T> implements CoreSubscriber<T>, Subscription {
        private final CoreSubscriber<? super RecordMetadata> actual;
        private final Enqueue<T> enqueue;
        private final Ticket[] ring;
        private final int mask;
        private final int maxInFlight;
        private final int replenishAt;
        private final boolean reportOffsets;
        private final AtomicLong requested = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        private Subscription upstream;
        // Written by the source's thread, read by drains; a drain relies on it only once upstreamDone is seen
        // (a volatile read after the last write), and finds tickets by their own volatile state before that.
        private long produced;
        private long consumed;
        private long consumedSeen; // the source's thread's last reading of consumed
        private int replenish;
        private volatile boolean upstreamDone;
        private Throwable upstreamError;
        private volatile boolean cancelled;
        private boolean terminated;
        private final Scheduler.Worker requester;
        private final InFlightWatch watch;

        Sender(CoreSubscriber<? super RecordMetadata> actual, Enqueue<T> enqueue, int maxInFlight, boolean reportOffsets,
               Scheduler.Worker requester, InFlightWatch watch) {
            this.requester = requester;
            this.watch = watch;
            this.actual = actual;
            this.enqueue = enqueue;
            this.maxInFlight = maxInFlight;
            this.reportOffsets = reportOffsets;
            int size = Integer.highestOneBit(Math.max(1, maxInFlight - 1)) << 1;
            this.ring = new Ticket[size];
            this.mask = size - 1;
            for (int i = 0; i < size; i++) {
                ring[i] = new Ticket(this);
            }
            this.replenishAt = Math.max(1, maxInFlight - (maxInFlight >> 2));
        }

        @Override
        public void onSubscribe(Subscription s) {
            if (Operators.validate(upstream, s)) {
                upstream = s;
                actual.onSubscribe(this);
                s.request(maxInFlight);
            }
        }

        @Override
        public void onNext(T record) {
            if (upstreamDone) {
                Operators.onNextDropped(record, actual.currentContext());
                return;
            }
            long p = produced;
            Ticket t = ring[(int) (p & mask)];
            produced = p + 1;
            // consumed only grows, so the last reading is a lower bound: the drain's field (another core's
            // cache line) is read again only when that reading says every slot may be taken.
            if (p + 1 - consumedSeen >= maxInFlight && p + 1 - (consumedSeen = consumed) >= maxInFlight) {
                watch.full();
            }
            try {
                enqueue.enqueue(record, t);
            } catch (Throwable e) {
                t.failed(-1, e);
            }
        }

        @Override
        public void onError(Throwable t) {
            if (upstreamDone) {
                Operators.onErrorDropped(t, actual.currentContext());
                return;
            }
            upstreamError = t;
            upstreamDone = true;
            drain();
        }

        @Override
        public void onComplete() {
            upstreamDone = true;
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
            upstream.cancel();
            requester.dispose();
            watch.close();
        }

        private void requestMore(int n) {
            try {
                requester.schedule(() -> upstream.request(n));
            } catch (RuntimeException rejected) {
                upstream.request(n); // the scheduler is gone (engine closing): ask here rather than stall
            }
        }

        void drain() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                if (!terminated) {
                    emit();
                }
                missed = wip.addAndGet(-missed);
            } while (missed != 0);
        }

        private void emit() {
            long r = requested.get();
            long e = 0;
            while (!cancelled) {
                // A slot's ticket is reset when emitted, so a settled one at the head is the next in line.
                Ticket t = ring[(int) (consumed & mask)];
                int state = t.state;
                if (state == Ticket.PENDING) {
                    if (upstreamDone && consumed == produced) {
                        terminated = true;
                        requester.dispose();
                        watch.close();
                        if (upstreamError != null) {
                            actual.onError(upstreamError);
                        } else {
                            actual.onComplete();
                        }
                    }
                    break;
                }
                if (state == Ticket.FAILED) {
                    terminated = true;
                    requester.dispose();
                    watch.close();
                    upstream.cancel();
                    actual.onError(t.error);
                    return;
                }
                if (e == r) {
                    break;
                }
                RecordMetadata m = new RecordMetadata(t.topic, t.partition,
                        reportOffsets ? t.offset : RecordMetadata.UNKNOWN_OFFSET, t.timestamp);
                t.topic = null;
                Ticket.STATE.setRelease(t, Ticket.PENDING);
                consumed++;
                e++;
                actual.onNext(m);
                if (++replenish == replenishAt) {
                    replenish = 0;
                    requestMore(replenishAt);
                }
            }
            if (e != 0) {
                watch.freed();
                if (r != Long.MAX_VALUE) {
                    requested.addAndGet(-e);
                }
            }
        }
    }
}
