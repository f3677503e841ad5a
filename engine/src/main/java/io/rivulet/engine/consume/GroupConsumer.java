package io.rivulet.engine.consume;

import io.rivulet.api.Consumer;
import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.ConsumerRecord;
import io.rivulet.api.PartitionFlux;
import io.rivulet.api.StartAt;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.RivuletClosedException;
import io.rivulet.engine.fetch.RecordHandles;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A consumer over a {@link ConsumerBackend} — the engine in this process or a node across the network: manual
 * reads of any partition, and group-managed consumption through a {@link GroupSession} per subscription.
 */
public final class GroupConsumer<K, V> implements Consumer<K, V> {
    private final ConsumerBackend backend;
    private final ConsumerOptions<K, V> options;
    private static final int MAX_PARTITIONS = 1 << 16;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final AtomicInteger CLIENT_IDS = new AtomicInteger();

    private final String clientId = "consumer-" + CLIENT_IDS.incrementAndGet();
    private final Set<GroupSession<K, V>> active = ConcurrentHashMap.newKeySet();
    private final Set<Mono<Void>> closing = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public GroupConsumer(ConsumerBackend backend, ConsumerOptions<K, V> options) {
        this.backend = backend;
        this.options = options;
    }

    @Override
    public Flux<ConsumerRecord<K, V>> receive() {
        // each partition's stream is pulled max.poll.records at a time; the merge keeps partitions apart
        return receivePartitions().flatMap(p -> p, MAX_PARTITIONS, options.maxPollRecords());
    }

    @Override
    public Flux<PartitionFlux<K, V>> receivePartitions() {
        return Flux.defer(() -> {
            if (closed) {
                return Flux.error(new RivuletClosedException("the consumer"));
            }
            // Each subscription is one member of the group; a retry() subscribes a new member while the old
            // one leaves, committing what was acknowledged, so the new one resumes from there.
            GroupSession<K, V> session = new GroupSession<>(backend, options, clientId);
            active.add(session);
            Runnable release = () -> {
                // Into `closing` before out of `active`, so close() (which looks at `active` first)
                // always finds a leaving member in one of the two.
                Mono<Void> leaving = session.close();
                closing.add(leaving);
                if (active.remove(session)) {
                    leaving.doFinally(x -> closing.remove(leaving)).subscribe();
                } else {
                    closing.remove(leaving);
                }
            };
            return session.partitions().doOnTerminate(release).doOnCancel(release);
        });
    }

    @Override
    public Flux<ConsumerRecord<K, V>> read(TopicPartition partition, StartAt start) {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(start, "start");
        return Flux.defer(() -> {
            if (closed) {
                return Flux.error(new RivuletClosedException("the consumer"));
            }
            return backend.reader(partition, options).read(start, RecordHandles.unmanaged(partition));
        });
    }

    /** Makes the current group member stop as if its process died (no leave, no commit). For failover tests. */
    public void halt() {
        active.forEach(s -> s.member().halt());
    }

    @Override
    public Mono<Void> commit() {
        return Mono.when(active.stream().map(s -> s.member().commit()).toList());
    }

    @Override
    public ConsumerOptions<K, V> options() {
        return options;
    }

    @Override
    public void close() {
        closed = true;
        List<Mono<Void>> leaving = new ArrayList<>();
        for (GroupSession<K, V> s : List.copyOf(active)) {
            active.remove(s);
            leaving.add(s.close());
        }
        leaving.addAll(closing); // after `active`: see the release in receivePartitions
        Mono<Void> all = Mono.when(leaving);
        try {
            all.block(CLOSE_TIMEOUT);
        } catch (IllegalStateException nonBlockingThread) {
            all.subscribe(); // called from a reactive thread: leave in the background
        }
        backend.closed(this);
    }
}
