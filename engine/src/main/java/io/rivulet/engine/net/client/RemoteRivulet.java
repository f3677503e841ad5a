package io.rivulet.engine.net.client;

import io.netty.buffer.ByteBuf;
import io.rivulet.api.Acks;
import io.rivulet.api.Admin;
import io.rivulet.api.ConnectUri;
import io.rivulet.api.Consumer;
import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.Producer;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.Rivulet;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.RivuletClosedException;
import io.rivulet.engine.consume.ConsumerBackend;
import io.rivulet.engine.consume.GroupConsumer;
import io.rivulet.engine.consume.PartitionReader;
import io.rivulet.engine.group.GroupCoordinator;
import io.rivulet.engine.net.ApiKey;
import io.rivulet.engine.net.OffHeapCopy;
import io.rivulet.engine.net.WireFormat;
import io.rivulet.engine.produce.BatchProducer;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The api served by a node across the network ({@code Rivulet.connect("rivulet://host:port")}): producers
 * batch and partition here exactly as embedded ones do and send stored-format batches; consumers run their
 * group membership here against the node's coordinator and read partitions as credit-driven streams.
 */
final class RemoteRivulet implements Rivulet, ConsumerBackend {
    private final String uri;
    private final NodeClient client;
    private final ClusterRoutes routes;
    private final RemoteGroupCoordinator groups;
    private final RemoteAdmin admin;
    private final Scheduler appendScheduler;
    private final Scheduler sendScheduler;
    private final Scheduler groupScheduler;
    private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    RemoteRivulet(String uri, ClientSettings settings) {
        this.uri = uri;
        this.client = new NodeClient(ConnectUri.parse(uri).servers(), settings);
        this.routes = new ClusterRoutes(client);
        this.groups = new RemoteGroupCoordinator(routes);
        this.admin = new RemoteAdmin(client, groups, routes);
        int cores = Runtime.getRuntime().availableProcessors();
        // appends may wait for a reconnect, so they run where waiting is allowed
        this.appendScheduler = Schedulers.newBoundedElastic(Math.max(2, cores), 100_000, "rivulet-client-append", 60, true);
        this.sendScheduler = Schedulers.newParallel("rivulet-client-send", Math.max(2, cores), true);
        this.groupScheduler = Schedulers.newParallel("rivulet-client-groups", 2, true);
    }

    /**
     * Connects now, so a wrong address or token fails here rather than on first use; meanwhile this thread
     * readies the batch codec ({@link OffHeapCopy#prepare}).
     */
    RemoteRivulet verify() {
        Mono<ClientConnection> connecting = client.connection().cache();
        connecting.subscribe(c -> { }, e -> { }); // starts connecting; the block below reports a failure
        OffHeapCopy.prepare();
        connecting.block(client.settings().requestTimeout().plusSeconds(1));
        return this;
    }

    @Override
    public Admin admin() {
        ensureOpen();
        return admin;
    }

    @Override
    public <K, V> Producer<K, V> producer(ProducerOptions<K, V> options) {
        ensureOpen();
        int acks = options.acks() == Acks.NONE ? 0 : options.acks() == Acks.LEADER ? 1 : -1;
        BatchProducer<K, V> p = new BatchProducer<>(new RemoteCatalog(routes, acks, options.deliveryTimeout(),
                client.settings().backoff()), Objects.requireNonNull(options),
                appendScheduler, sendScheduler, open::remove);
        open.add(p);
        return p;
    }

    @Override
    public <K, V> Consumer<K, V> consumer(ConsumerOptions<K, V> options) {
        ensureOpen();
        GroupConsumer<K, V> c = new GroupConsumer<>(this, Objects.requireNonNull(options));
        open.add(c);
        return c;
    }

    @Override
    public GroupCoordinator coordinator() {
        return groups;
    }

    @Override
    public Scheduler groupScheduler() {
        return groupScheduler;
    }

    @Override
    public String host() {
        return "remote";
    }

    @Override
    public <K, V> PartitionReader<K, V> reader(TopicPartition tp, ConsumerOptions<K, V> options) {
        return PartitionReader.of(tp,
                routes.leader(tp).flatMap(leader -> leader.call(ApiKey.PARTITION_OFFSETS,
                        b -> WireFormat.writePartition(b, tp),
                        (ByteBuf b) -> new PartitionReader.Bounds(b.readLong(), b.readLong()))),
                (start, handles) -> new RemoteRecords<>(routes, tp, start, options.keySerde(), options.valueSerde(),
                        handles, options.maxPollRecords()));
    }

    @Override
    public void closed(AutoCloseable consumer) {
        open.remove(consumer);
    }

    private void ensureOpen() {
        if (closed) {
            throw new RivuletClosedException("this Rivulet client");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<AutoCloseable> all = new ArrayList<>(open);
        for (AutoCloseable c : all) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing the rest matters more
            }
        }
        routes.close();
        appendScheduler.dispose();
        sendScheduler.dispose();
        groupScheduler.dispose();
    }

    @Override
    public String toString() {
        return "Rivulet[" + uri + "]";
    }
}
