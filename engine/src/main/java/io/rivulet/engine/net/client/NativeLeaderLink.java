package io.rivulet.engine.net.client;

import io.netty.buffer.ByteBuf;
import io.rivulet.api.ServerAddress;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.RivuletException;
import io.rivulet.engine.net.ApiKey;
import io.rivulet.engine.net.OffHeapCopy;
import io.rivulet.engine.net.ReplicaCodec;
import io.rivulet.engine.net.StoredBatches;
import io.rivulet.engine.net.WireFormat;
import io.rivulet.engine.replication.LeaderLink;
import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.log.EpochEnd;
import net.openhft.chronicle.bytes.BytesStore;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * A follower's link to its leaders over the native protocol: one connection per leader node, shared by every
 * partition it follows there. Data frames are handed from the event loop to a worker of {@code appender} per
 * stream (retained until appended), so the follower's appends never run on a network thread.
 */
public final class NativeLeaderLink implements LeaderLink {
    private final IntFunction<ServerAddress> addressOf;
    private final ClientSettings settings;
    private final Scheduler appender;
    private final Map<Integer, NodeClient> clients = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param addressOf the native address of a node id, from the cluster metadata (null if unknown)
     * @param config    client settings for node-to-node connections (token, TLS, timeouts)
     * @param appender  where followers append what arrives
     */
    public NativeLeaderLink(IntFunction<ServerAddress> addressOf, Map<String, String> config, Scheduler appender) {
        this.addressOf = addressOf;
        this.settings = ClientSettings.from(config);
        this.appender = appender;
    }

    private NodeClient client(int node) {
        if (closed) {
            throw new io.rivulet.api.errors.RivuletClosedException("the replica link");
        }
        ServerAddress address = addressOf.apply(node);
        if (address == null) {
            throw new RivuletException(ErrorCode.DISCONNECTED, "node " + node + " has no known address yet");
        }
        NodeClient c = clients.get(node);
        if (c != null && c.servers().equals(List.of(address))) {
            return c;
        }
        if (c != null && clients.remove(node, c)) {
            c.close(); // the node came back on another address
        }
        return clients.computeIfAbsent(node, n -> new NodeClient(List.of(address), settings, false));
    }

    /** Forgets the connection to {@code node}, e.g. after it moved to a new address. */
    public void forget(int node) {
        NodeClient c = clients.remove(node);
        if (c != null) {
            c.close();
        }
    }

    @Override
    public Mono<EpochEnd> endOffsetForEpoch(int leader, TopicPartition tp, int epoch) {
        return Mono.defer(() -> client(leader).call(ApiKey.OFFSET_FOR_LEADER_EPOCH, b -> {
            WireFormat.writePartition(b, tp);
            b.writeInt(epoch);
        }, b -> new EpochEnd(WireFormat.readInt(b), WireFormat.readLong(b))));
    }

    @Override
    public void ack(int leader, TopicPartition tp, int replicaId, int leaderEpoch, long logEnd) {
        ClientConnection c;
        try {
            c = client(leader).connection().toFuture().getNow(null);
        } catch (RuntimeException e) {
            return; // no connection now: the next ack, or the stream's reopening, reports the position
        }
        if (c != null && c.isOpen()) {
            try {
                c.callAndForget(ApiKey.REPLICA_ACK,
                        b -> ReplicaCodec.writeAck(b, new ReplicaCodec.Ack(tp, replicaId, leaderEpoch, logEnd)));
            } catch (RuntimeException ignored) {
                // the connection is going away; the stream fails too and starts over from the log end
            }
        }
    }

    @Override
    public Stream replicate(int leader, TopicPartition tp, int replicaId, int leaderEpoch, long fetchOffset,
                            long window, Sink sink) {
        OpenStream s = new OpenStream(sink);
        client(leader).connection().subscribe(c -> {
            if (s.disposed) {
                return;
            }
            try {
                s.connection = c;
                s.id = c.openStream(b -> ReplicaCodec.writeOpen(b, new ReplicaCodec.Open(tp, replicaId, leaderEpoch,
                        fetchOffset)), s);
                c.credit(s.id, window);
                if (s.disposed) {
                    c.cancel(s.id);
                }
            } catch (RuntimeException e) {
                s.onError(e);
            }
        }, s::onError);
        return s;
    }

    @Override
    public void close() {
        closed = true;
        clients.values().forEach(NodeClient::close);
        clients.clear();
    }

    /** One replica stream: frames hop from the event loop to an appender worker, in order. */
    private final class OpenStream implements Stream, StreamListener {
        private final Sink sink;
        private final Scheduler.Worker worker = appender.createWorker();
        volatile ClientConnection connection;
        volatile int id;
        volatile boolean disposed;
        private boolean failed;

        OpenStream(Sink sink) {
            this.sink = sink;
        }

        @Override
        public void grant(long records) {
            ClientConnection c = connection;
            if (c != null && !disposed && c.isOpen()) {
                try {
                    c.credit(id, records);
                } catch (RuntimeException e) {
                    onError(e);
                }
            }
        }

        @Override
        public void onData(ByteBuf payload) {
            ByteBuf held = payload.retain();
            try {
                worker.schedule(() -> deliver(held));
            } catch (RuntimeException rejected) {
                held.release();
            }
        }

        private void deliver(ByteBuf payload) {
            try {
                if (disposed || failed) {
                    return;
                }
                long first = WireFormat.readLong(payload);
                int count = WireFormat.readInt(payload);
                long hw = WireFormat.readLong(payload);
                long logStart = WireFormat.readLong(payload);
                BytesStore<?, ?> view = OffHeapCopy.view(payload);
                sink.onData(first, count, hw, logStart, StoredBatches.in(view, payload.readableBytes()));
            } catch (Throwable t) {
                fail(t);
                cancelOnServer();
            } finally {
                payload.release();
            }
        }

        @Override
        public void onComplete() {
            onError(new RivuletException(ErrorCode.DISCONNECTED, "the leader ended the replica stream"));
        }

        @Override
        public void onError(Throwable error) {
            try {
                worker.schedule(() -> fail(error));
            } catch (RuntimeException rejected) {
                // disposed: nobody listens any more
            }
        }

        private void fail(Throwable error) {
            if (!failed && !disposed) {
                failed = true;
                sink.failed(error);
            }
            worker.dispose();
        }

        private void cancelOnServer() {
            ClientConnection c = connection;
            if (c != null) {
                c.cancel(id);
            }
        }

        @Override
        public void dispose() {
            disposed = true;
            cancelOnServer();
            worker.dispose();
        }

        @Override
        public boolean isDisposed() {
            return disposed;
        }
    }
}
