package io.rivulet.engine.net.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import java.time.Duration;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.RivuletException;
import io.rivulet.engine.net.ApiKey;
import io.rivulet.engine.net.OffHeapCopy;
import io.rivulet.engine.net.ProduceCodec;
import io.rivulet.engine.net.WireFormat;
import io.rivulet.engine.produce.BatchTarget;
import io.rivulet.engine.produce.TopicCatalog;
import io.rivulet.engine.replication.ProducerStateTable;
import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.batch.RecordBatchBuilder;

import java.security.SecureRandom;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * What a remote producer knows of topics: each topic's partition count, learnt from the cluster's metadata on
 * first use (a node that auto-creates topics creates it then) and kept. Records that arrive before the answer
 * wait in order and go on when it comes. Each partition's target sends batches as {@code PRODUCE} requests to
 * the partition's leader, on one connection, so the leader appends them in the order they were sent. A batch
 * refused because leadership moved, or lost with the connection, is sent again to the leader the metadata
 * then names, until {@code delivery.timeout.ms} — so a failover costs a pause, not an error.
 *
 * <p>With {@code acks=all} the producer is idempotent, as Kafka's is: each batch carries the producer's id,
 * epoch and per-partition sequence numbers ({@link ProducerSequence}), so the leader answers a batch sent again
 * after its answer was lost with the original offset instead of appending it twice, and refuses a batch that
 * overtook an earlier one still being retried ({@code OUT_OF_ORDER_SEQUENCE}, retried here in turn). At most
 * {@value #MAX_UNANSWERED} batches per partition are out at once ({@link SendWindow}). Each record is then
 * appended once and in order. With {@code acks} 0 or 1 batches carry no producer id and a retried batch may be
 * appended twice (at-least-once), as before: an acknowledged batch may be lost with its leader, which leaves a
 * gap in the sequence that no retry can fill. Thread-safe.
 */
final class RemoteCatalog implements TopicCatalog {
    /** The largest batch a remote producer builds; the node checks its own limit too. */
    private static final int MAX_BATCH = 1024 * 1024;
    /** Unanswered batches per partition of an idempotent producer: what the leader remembers of it. */
    private static final int MAX_UNANSWERED = ProducerStateTable.CACHED_BATCHES;
    private static final SecureRandom PRODUCER_IDS = new SecureRandom();

    private final ClusterRoutes routes;
    private final int acks;
    private final Duration deliveryTimeout;
    private final Duration retryBackoff;
    private final Map<String, Entry> topics = new ConcurrentHashMap<>();
    /** By partition, not by layout: a layout learnt again must go on with the same sequence numbers. */
    private final Map<TopicPartition, Lane> lanes = new ConcurrentHashMap<>();
    private final long producerId = newProducerId();

    RemoteCatalog(ClusterRoutes routes, int acks, Duration deliveryTimeout, Duration retryBackoff) {
        this.routes = routes;
        this.acks = acks;
        this.deliveryTimeout = deliveryTimeout;
        this.retryBackoff = retryBackoff;
    }

    @Override
    public TopicLayout layout(String topic) {
        Entry e = topics.get(topic);
        if (e == null) {
            return null;
        }
        Layout known = e.layout;
        // while the waiting records are replayed, they (and only they) see the layout already
        return known != null || e.replayer != Thread.currentThread() ? known : e.replaying;
    }

    @Override
    public void await(String topic, Runnable then, Consumer<Throwable> failed) {
        Entry e = topics.computeIfAbsent(topic, Entry::new);
        boolean ask = false;
        boolean known;
        synchronized (e) {
            known = e.layout != null;
            if (!known) {
                e.waiting.add(new Waiter(then, failed));
                ask = !e.asking;
                e.asking = true;
            }
        }
        if (known) {
            then.run();
            return;
        }
        if (ask) {
            routes.topic(topic).subscribe(t -> known(e, t.partitions().size()), error -> unknown(e, error));
        }
    }

    private void known(Entry e, int count) {
        List<Waiter> run;
        synchronized (e) {
            run = new ArrayList<>(e.waiting);
            e.waiting.clear();
            e.asking = false;
            // Run the waiters before publishing the layout, so records sent since cannot overtake them;
            // other threads wait on this lock meanwhile.
            e.replaying = new Layout(e.topic, count);
            e.replayer = Thread.currentThread();
            try {
                for (Waiter w : run) {
                    w.then.run();
                }
            } finally {
                e.layout = e.replaying;
                e.replayer = null;
            }
        }
    }

    private void unknown(Entry e, Throwable error) {
        List<Waiter> failed;
        synchronized (e) {
            failed = new ArrayList<>(e.waiting);
            e.waiting.clear();
            e.asking = false;
            topics.remove(e.topic, e); // ask again next time: the topic may be created meanwhile
        }
        failed.forEach(w -> w.failed.accept(error));
    }

    /** A topic deleted (or re-created smaller) on the node: ask for its layout again next time. */
    private void forgetIfGone(String topic, Throwable error) {
        if (error instanceof RivuletException r
                && (r.code() == ErrorCode.UNKNOWN_TOPIC || r.code() == ErrorCode.UNKNOWN_PARTITION)) {
            Entry e = topics.get(topic);
            if (e != null && e.layout != null) {
                topics.remove(topic, e);
            }
        }
        if (ClusterRoutes.staleRoute(error)) {
            routes.forget(topic);
        }
    }

    /** A random positive 63-bit producer id (see {@link ProducerSequence}). */
    private static long newProducerId() {
        return PRODUCER_IDS.nextLong() & Long.MAX_VALUE;
    }

    private Lane lane(TopicPartition tp) {
        return acks != -1 ? null : lanes.computeIfAbsent(tp, k -> new Lane(
                new ProducerSequence(producerId, RemoteCatalog::newProducerId), new SendWindow(MAX_UNANSWERED)));
    }

    /** An idempotent producer's numbering and window for one partition. */
    private record Lane(ProducerSequence sequence, SendWindow window) {
    }

    private record Waiter(Runnable then, Consumer<Throwable> failed) {
    }

    private static final class Entry {
        final String topic;
        final List<Waiter> waiting = new ArrayList<>();
        boolean asking;
        volatile Layout layout;
        volatile Layout replaying;
        volatile Thread replayer;

        Entry(String topic) {
            this.topic = topic;
        }
    }

    private final class Layout implements TopicLayout {
        private final String name;
        private final Target[] targets;

        Layout(String name, int count) {
            this.name = name;
            this.targets = new Target[count];
            for (int p = 0; p < count; p++) {
                targets[p] = new Target(new TopicPartition(name, p));
            }
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int partitionCount() {
            return targets.length;
        }

        @Override
        public BatchTarget partitionTarget(int p) {
            if (p < 0 || p >= targets.length) {
                throw new RivuletException(ErrorCode.UNKNOWN_PARTITION, "topic '" + name + "' has partitions 0.."
                        + (targets.length - 1) + ", not " + p);
            }
            return targets[p];
        }
    }

    /** Sends one partition's batches. */
    private final class Target implements BatchTarget {
        private final TopicPartition tp;
        private final Lane lane;

        Target(TopicPartition tp) {
            this.tp = tp;
            this.lane = lane(tp);
        }

        @Override
        public void stamp(RecordBatchBuilder batch) {
            if (lane != null) {
                lane.sequence().stamp(batch);
            }
        }

        @Override
        public TopicPartition id() {
            return tp;
        }

        @Override
        public int maxMessageBytes() {
            return MAX_BATCH;
        }

        @Override
        public void append(RecordBatch batch, Outcome outcome) {
            // Copied now: the batcher reuses the batch's memory when this returns, and a retry needs the bytes.
            ByteBuf copy = PooledByteBufAllocator.DEFAULT.directBuffer(batch.sizeInBytes());
            try {
                OffHeapCopy.copy(batch.store(), batch.position(), batch.sizeInBytes(), copy);
            } catch (RuntimeException e) {
                copy.release();
                outcome.failed(e);
                return;
            }
            if (acks == 0) {
                sendAndForget(copy, outcome);
                return;
            }
            // delivery.timeout.ms counts from here, so time spent waiting for the window counts too
            long deadline = System.nanoTime() + deliveryTimeout.toNanos();
            if (lane == null) {
                sendWithRetries(copy, deadline, null, () -> false, outcome);
                return;
            }
            long id = batch.producerId();
            short epoch = batch.producerEpoch();
            BooleanSupplier abandoned = () -> lane.sequence().abandoned(id, epoch);
            lane.window().submit(slot -> sendWithRetries(copy, deadline, slot, abandoned, new Outcome() {
                @Override
                public void appended(long baseOffset) {
                    lane.window().answered(slot);
                    outcome.appended(baseOffset);
                }

                @Override
                public void failed(Throwable error) {
                    lane.sequence().failed(id, epoch);
                    lane.window().answered(slot);
                    outcome.failed(error);
                }
            }));
        }

        /**
         * Sends until the leader appends the batch, or a failure that no retry can get past, or the deadline. An
         * attempt after a failure waits {@code reconnect.backoff.ms}; an idempotent producer's batch instead waits
         * its turn in the partition's {@link SendWindow}, so that the batches sent again reach the leader in
         * sequence order (the oldest of them still pauses first). A batch of a producer session that was left
         * behind ({@code abandoned}: an earlier batch failed for good) is not sent again: the leader would refuse
         * it as out of order until the delivery timeout, and hold up the new session's batches all that time.
         */
        private void sendWithRetries(ByteBuf copy, long deadline, SendWindow.Slot slot, BooleanSupplier abandoned,
                                     Outcome outcome) {
            new Delivery(copy, deadline, slot, abandoned, outcome).attempt();
        }

        /**
         * One attempt: to the leader as known now; a stale route is forgotten so the next attempt asks again. An
         * attempt that has no answer within {@code request.timeout.ms}, wherever it waits (finding the leader, or
         * the leader's answer), ends as a retriable timeout: one stuck attempt must not hold up the partition's
         * later batches until their delivery timeout. Sending again is safe: the leader answers a batch it already
         * has with its offset.
         */
        private Mono<Long> send(ByteBuf batch) {
            Duration limit = routes.bootstrap().settings().requestTimeout();
            return routes.leader(tp)
                    .flatMap(leader -> leader.call(ApiKey.PRODUCE, b -> body(b, batch), ByteBuf::readLong))
                    .timeout(limit, Mono.error(() -> new RivuletException(ErrorCode.TIMEOUT, "no answer from the "
                            + "leader of " + tp + " within " + limit.toMillis() + " ms (request.timeout.ms); sending again")));
        }

        /**
         * {@code acks=0}: written to the leader's connection and reported at once, with no offset. On the leader's
         * open connection when the route is known; otherwise this waits for the leader to be found and connected.
         * That wait is on the append worker (an elastic one, where waiting is allowed) and not in a callback on
         * purpose: the partition's later batches queue behind it, so batches without answers still reach the
         * leader in order.
         */
        private void sendAndForget(ByteBuf batch, Outcome outcome) {
            try {
                ClientConnection leader = routes.leaderNow(tp);
                if (leader == null) {
                    NodeClient node = routes.leader(tp).block(routes.bootstrap().settings().requestTimeout());
                    leader = node.connection().block(node.settings().requestTimeout());
                }
                leader.callAndForget(ApiKey.PRODUCE, b -> body(b, batch));
                outcome.appended(-1);
            } catch (Throwable t) {
                forgetIfGone(tp.topic(), t);
                outcome.failed(t);
            } finally {
                batch.release();
            }
        }

        private void body(ByteBuf out, ByteBuf batch) {
            ProduceCodec.writeProduceHead(out, tp, acks);
            out.writeBytes(batch, batch.readerIndex(), batch.readableBytes());
        }

        /**
         * One batch on its way ({@link #sendWithRetries}). Callbacks, not a reactive chain with timers, because a
         * producer sends tens of thousands of batches a second: when the leader is known and connected, an attempt
         * is one request on its connection, whose deadline the connection checks.
         */
        private final class Delivery implements Reply<Long> {
            private final ByteBuf copy;
            private final long deadline;
            private final SendWindow.Slot slot;
            private final BooleanSupplier abandoned;
            private final Outcome outcome;

            Delivery(ByteBuf copy, long deadline, SendWindow.Slot slot, BooleanSupplier abandoned, Outcome outcome) {
                this.copy = copy;
                this.deadline = deadline;
                this.slot = slot;
                this.abandoned = abandoned;
                this.outcome = outcome;
            }

            void attempt() {
                if (slot != null) {
                    lane.window().sending(slot);
                }
                ClientConnection leader = routes.leaderNow(tp);
                if (leader != null) {
                    leader.request(ApiKey.PRODUCE, b -> body(b, copy), ByteBuf::readLong, this);
                } else {
                    send(copy).subscribe(this::answered, this::failed);
                }
            }

            @Override
            public void answered(Long baseOffset) {
                copy.release();
                outcome.appended(baseOffset);
            }

            @Override
            public void failed(Throwable error) {
                forgetIfGone(tp.topic(), error);
                if (!ClusterRoutes.worthRetrying(error) || System.nanoTime() >= deadline || abandoned.getAsBoolean()) {
                    copy.release();
                    outcome.failed(error);
                } else if (slot == null) {
                    later(this::attempt);
                } else if (lane.window().failed(slot)) {
                    later(() -> lane.window().whenTurn(slot, this::attempt));
                } else {
                    lane.window().whenTurn(slot, this::attempt);
                }
            }

            private void later(Runnable task) {
                Schedulers.parallel().schedule(task, retryBackoff.toNanos(), TimeUnit.NANOSECONDS);
            }
        }
    }
}
