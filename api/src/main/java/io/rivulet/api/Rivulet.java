package io.rivulet.api;

import io.rivulet.api.spi.RivuletProvider;

import java.nio.file.Path;
import java.util.Map;

/**
 * A handle on a Rivulet engine: in this process ({@link #embedded(Path)}) or a running cluster
 * ({@link #connect(String)}); either way the same API. Producers, consumers and the admin come from it.
 *
 * <pre>{@code
 * try (Rivulet rivulet = Rivulet.embedded(Path.of("data"));
 *      Producer<String, String> producer = rivulet.producer(ProducerOptions.of(Serdes.string(), Serdes.string()));
 *      Consumer<String, String> consumer = rivulet.consumer(
 *              ConsumerOptions.builder(Serdes.string(), Serdes.string())
 *                      .groupId("billing")
 *                      .topics("orders")
 *                      .autoOffsetReset(OffsetReset.EARLIEST)
 *                      .build())) {
 *
 *     rivulet.admin().createTopic(NewTopic.of("orders").withPartitions(6)).block();
 *
 *     producer.send(Flux.range(0, 1_000).map(i -> ProducerRecord.of("orders", "customer-" + i % 10, "order " + i)))
 *             .doOnNext(meta -> System.out.println(meta.partition() + " " + meta.offset()))
 *             .blockLast();
 *
 *     // bill(String) returns Mono<Void>: the application's own work; records are acknowledged when done,
 *     // in any order, and the group commits each partition's contiguous acknowledged prefix.
 *     consumer.receive()
 *             .flatMap(record -> bill(record.value()).doOnSuccess(done -> record.acknowledge()))
 *             .take(1_000)
 *             .blockLast();
 * }
 * }</pre>
 *
 * <p>The engine is found through {@link java.util.ServiceLoader} ({@link RivuletProvider}); with no
 * engine on the classpath these factories throw {@link io.rivulet.api.errors.EngineNotFoundException}
 * naming the artifact to add, {@code io.rivulet:rivulet-engine}.
 *
 * <p>Threading: thread-safe. Closing the handle closes every producer and consumer made from it and
 * ends their streams.
 */
public interface Rivulet extends AutoCloseable {

    /**
     * Opens an engine in this process on {@code dataDir} with default settings, creating the directory
     * if needed; several engines may run in one JVM on different directories.
     *
     * @throws io.rivulet.api.errors.EngineNotFoundException if no engine is on the classpath
     * @throws io.rivulet.api.errors.DataDirLockedException if another engine holds the directory
     */
    static Rivulet embedded(Path dataDir) {
        return embedded().dataDir(dataDir).open();
    }

    /** A builder for an engine in this process with settings; see {@link EmbeddedBuilder}. */
    static EmbeddedBuilder embedded() {
        return new EmbeddedBuilder();
    }

    /**
     * Connects to a running cluster, e.g. {@code rivulet://localhost:7070} or
     * {@code rivulet://node1:7070,node2:7070} (see {@link ConnectUri}).
     *
     * @throws io.rivulet.api.errors.InvalidConfigException if the URI is malformed
     * @throws io.rivulet.api.errors.EngineNotFoundException if no client engine is on the classpath
     */
    static Rivulet connect(String uri) {
        return connect(uri, Map.of());
    }

    /** As {@link #connect(String)}, with client settings under Kafka-style keys. */
    static Rivulet connect(String uri, Map<String, String> config) {
        ConnectUri.parse(uri);
        return EngineDiscovery.find(uri, "a connection to " + uri).connect(uri, Map.copyOf(config));
    }

    /** Topic, group and cluster administration. The same instance on every call. */
    Admin admin();

    /** A new producer; close it when done (closing this handle also closes it). */
    <K, V> Producer<K, V> producer(ProducerOptions<K, V> options);

    /** A new consumer; close it when done (closing this handle also closes it). */
    <K, V> Consumer<K, V> consumer(ConsumerOptions<K, V> options);

    /**
     * Closes every producer and consumer made from this handle, then the engine or connection: an
     * embedded engine flushes its logs, marks a clean shutdown and releases its files and lock.
     * Idempotent. It blocks, so do not call it on a non-blocking thread.
     */
    @Override
    void close();
}
