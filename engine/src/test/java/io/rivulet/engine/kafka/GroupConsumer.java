package io.rivulet.engine.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A stock KafkaConsumer in a group, polling on its own thread (the consumer is single-threaded), committing
 * synchronously after every poll that returned records. The test reads what it consumed and what it owns.
 */
final class GroupConsumer implements AutoCloseable {
    /** A consumed record and who consumed it. */
    record Consumed(String consumer, ConsumerRecord<String, String> record) {
    }

    private final String name;
    private final ConcurrentLinkedQueue<Consumed> sink;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile Set<TopicPartition> assignment = Set.of();
    private volatile boolean stop;
    private volatile Throwable failure;

    GroupConsumer(String name, Properties properties, String topic, ConcurrentLinkedQueue<Consumed> sink) {
        this.name = name;
        this.sink = sink;
        Properties p = new Properties();
        p.putAll(properties);
        p.put("client.id", name);
        Thread t = new Thread(() -> run(p, topic), "kgroups-consumer-" + name);
        t.setDaemon(true);
        t.start();
    }

    private void run(Properties p, String topic) {
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of(topic));
            while (!stop) {
                var records = c.poll(Duration.ofMillis(100));
                records.forEach(r -> sink.add(new Consumed(name, r)));
                if (!records.isEmpty()) {
                    c.commitSync();
                }
                assignment = Set.copyOf(c.assignment());
            }
        } catch (Throwable e) {
            failure = e;
        } finally {
            done.complete(null);
        }
    }

    String name() {
        return name;
    }

    /** What it owned after its last poll. */
    Set<TopicPartition> assignment() {
        return assignment;
    }

    /** Stops polling and closes the consumer (which leaves the group); rethrows what failed its thread. */
    @Override
    public void close() throws Exception {
        stop = true;
        done.get(60, TimeUnit.SECONDS);
        if (failure != null) {
            throw new AssertionError("consumer " + name + " failed", failure);
        }
    }
}
