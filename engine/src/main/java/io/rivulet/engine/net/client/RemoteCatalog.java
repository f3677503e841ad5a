package io.rivulet.engine.net.client;

import io.netty.buffer.ByteBuf;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.RivuletException;
import io.rivulet.engine.net.ApiKey;
import io.rivulet.engine.net.OffHeapCopy;
import io.rivulet.engine.net.ProduceCodec;
import io.rivulet.engine.net.WireFormat;
import io.rivulet.engine.produce.BatchTarget;
import io.rivulet.engine.produce.TopicCatalog;
import io.rivulet.storage.batch.RecordBatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What a remote producer knows of topics: each topic's partition count, asked of the node on first use
 * (which creates the topic when the node auto-creates topics) and kept. Records that arrive before the
 * answer wait in order and go on when it comes. Each partition's target sends batches as {@code PRODUCE}
 * requests on the one connection, so the node appends them in the order they were sent. Thread-safe.
 */
final class RemoteCatalog implements TopicCatalog {
    /** The largest batch a remote producer builds; the node checks its own limit too. */
    private static final int MAX_BATCH = 1024 * 1024;

    private final NodeClient client;
    private final int acks;
    private final Map<String, Entry> topics = new ConcurrentHashMap<>();

    RemoteCatalog(NodeClient client, int acks) {
        this.client = client;
        this.acks = acks;
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
            client.call(ApiKey.TOPIC_METADATA, b -> WireFormat.writeString(b, topic), ByteBuf::readInt)
                    .subscribe(count -> known(e, count), error -> unknown(e, error));
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

        Target(TopicPartition tp) {
            this.tp = tp;
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
            // Copied into the request now: the batcher reuses the batch's memory when this returns.
            Consumer<ByteBuf> body = b -> {
                ProduceCodec.writeProduceHead(b, tp, acks);
                OffHeapCopy.copy(batch.store(), batch.position(), batch.sizeInBytes(), b);
            };
            ClientConnection c;
            try {
                c = client.connection().block(client.settings().requestTimeout());
            } catch (Throwable t) {
                outcome.failed(t);
                return;
            }
            try {
                if (acks == 0) {
                    c.callAndForget(ApiKey.PRODUCE, body);
                    outcome.appended(-1);
                    return;
                }
                c.call(ApiKey.PRODUCE, body, ByteBuf::readLong)
                        .timeout(client.settings().requestTimeout())
                        .subscribe(outcome::appended, error -> {
                            forgetIfGone(tp.topic(), error);
                            outcome.failed(error);
                        });
            } catch (Throwable t) {
                outcome.failed(t);
            }
        }
    }
}
