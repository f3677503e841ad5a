package io.rivulet.engine.net.server;

import io.rivulet.api.Consumer;
import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.ConsumerRecord;
import io.rivulet.api.NewTopic;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.Rivulet;
import io.rivulet.api.StartAt;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.RivuletException;
import io.rivulet.api.serde.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What remote clients see when the node goes away, comes back, or has many clients at once. */
class ConnectionFaultsIT {
    @TempDir
    Path dir;

    private static ProducerOptions<String, String> strings() {
        return ProducerOptions.builder(Serdes.string(), Serdes.string()).linger(Duration.ofMillis(1)).build();
    }

    private static ConsumerOptions<String, String> reader() {
        return ConsumerOptions.builder(Serdes.string(), Serdes.string()).build();
    }

    private static void produce(Rivulet r, String topic, int from, int count) {
        r.producer(strings()).send(Flux.range(from, count).map(i -> ProducerRecord.of(topic, "v" + i))).blockLast();
    }

    /** Retries on what a restart throws: retriable errors such as DISCONNECTED, and nothing else. */
    private static reactor.util.retry.Retry whileRetriable(int times, Duration delay) {
        return reactor.util.retry.Retry.fixedDelay(times, delay)
                .filter(e -> e instanceof RivuletException r && r.retriable());
    }

    /**
     * Sends records after a restart as an application would: the first send may still meet the old connection
     * before the client has seen it close, a retriable DISCONNECTED; the node was down, so nothing of the
     * failed attempt was appended.
     */
    private static void produceRetrying(Rivulet r, String topic, int from, int count) {
        r.producer(strings()).send(Flux.range(from, count).map(i -> ProducerRecord.of(topic, "v" + i)))
                .then()
                .retryWhen(whileRetriable(20, Duration.ofMillis(100)))
                .block();
    }

    @Test
    void aStreamGetsADisconnectedErrorWhenTheNodeGoesAwayMidStream() {
        TestNode node = TestNode.start(dir, 0);
        try (Rivulet client = node.connect()) {
            produce(client, "t", 0, 100);
            List<ConsumerRecord<String, String>> seen = new CopyOnWriteArrayList<>();
            AtomicReference<Throwable> ended = new AtomicReference<>();
            client.consumer(reader()).read(new TopicPartition("t", 0), StartAt.earliest())
                    .subscribe(seen::add, ended::set);
            await(() -> seen.size() == 100);
            node.close();
            await(() -> ended.get() != null);
            RivuletException e = assertInstanceOf(RivuletException.class, ended.get());
            assertEquals(ErrorCode.DISCONNECTED, e.code());
            assertTrue(e.retriable(), "a disconnect is worth retrying");
        } finally {
            node.close();
        }
    }

    @Test
    void clientsReconnectAfterTheNodeRestartsAndAStreamResumesWithRetry() {
        TestNode first = TestNode.start(dir, 0);
        int port = first.server.port();
        try (Rivulet client = first.connect(Map.of("reconnect.backoff.ms", "20", "request.timeout.ms", "10000"))) {
            produce(client, "t", 0, 10);
            List<Long> offsets = new CopyOnWriteArrayList<>();
            // the application resumes from the next offset it has not seen: a per-partition position
            Flux<ConsumerRecord<String, String>> resumable = Flux.defer(() -> client.consumer(reader())
                            .read(new TopicPartition("t", 0), StartAt.offset(offsets.isEmpty() ? 0 : offsets.get(offsets.size() - 1) + 1)))
                    .retryWhen(whileRetriable(100, Duration.ofMillis(50)));
            var sub = resumable.subscribe(r -> offsets.add(r.offset()));
            await(() -> offsets.size() == 10);

            first.close();
            TestNode second = TestNode.start(dir, port); // same data, same port
            try {
                produceRetrying(client, "t", 10, 10);
                await(() -> offsets.size() == 20);
                List<Long> expected = new ArrayList<>();
                for (long i = 0; i < 20; i++) {
                    expected.add(i);
                }
                assertEquals(expected, offsets, "nothing lost, nothing twice");
                assertEquals(List.of("t"), client.admin().listTopics().block());
            } finally {
                sub.dispose();
                second.close();
            }
        } finally {
            first.close();
        }
    }

    @Test
    void aGroupConsumerResumesFromItsCommitsAfterTheNodeRestarts() {
        TestNode first = TestNode.start(dir, 0);
        int port = first.server.port();
        try (Rivulet client = first.connect(Map.of("reconnect.backoff.ms", "20", "request.timeout.ms", "10000"))) {
            client.admin().createTopic(NewTopic.of("g").withPartitions(2)).block();
            produce(client, "g", 0, 10);
            var consumer = client.consumer(ConsumerOptions.builder(Serdes.string(), Serdes.string())
                    .groupId("readers").topics("g").autoOffsetReset(io.rivulet.api.OffsetReset.EARLIEST)
                    .sessionTimeout(Duration.ofSeconds(2)).heartbeatInterval(Duration.ofMillis(200)).build());
            java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
            var sub = consumer.receive()
                    .doOnNext(r -> {
                        seen.add(r.value());
                        r.acknowledge();
                    })
                    .retryWhen(whileRetriable(200, Duration.ofMillis(100)))
                    .subscribe();
            await(() -> seen.size() == 10);
            consumer.commit().block(Duration.ofSeconds(10));

            first.close();
            TestNode second = TestNode.start(dir, port);
            try {
                produceRetrying(client, "g", 10, 10);
                await(() -> seen.size() == 20); // every record, the ones before the restart not lost
            } finally {
                sub.dispose();
                second.close();
            }
        } finally {
            first.close();
        }
    }

    @Test
    void twoHundredConnectionsAtOnceAreServed() {
        try (TestNode node = TestNode.start(dir, 0)) {
            try (Rivulet setup = node.connect()) {
                setup.admin().createTopic(NewTopic.of("many").withPartitions(4)).block();
            }
            List<Rivulet> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 200; i++) {
                    clients.add(node.connect());
                }
                List<Mono<Long>> work = new ArrayList<>();
                for (int i = 0; i < clients.size(); i++) {
                    int id = i;
                    Rivulet c = clients.get(i);
                    work.add(c.producer(strings()).send(ProducerRecord.of("many", "k" + id, "v" + id))
                            .then(c.admin().describeTopic("many"))
                            .map(d -> d.partitions().stream().mapToLong(p -> p.endOffset()).sum())
                            .subscribeOn(Schedulers.parallel()));
                }
                List<Long> ends = Flux.merge(work).collectList().block(Duration.ofSeconds(60));
                assertEquals(200, ends.size());
                try (Rivulet check = node.connect()) {
                    long total = check.admin().describeTopic("many").block().partitions().stream()
                            .mapToLong(p -> p.endOffset()).sum();
                    assertEquals(200, total, "every connection's record is in");
                }
            } finally {
                clients.forEach(Rivulet::close);
            }
        }
    }

    static void await(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
