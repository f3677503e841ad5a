package io.rivulet.engine.http;

import io.rivulet.api.Admin;
import io.rivulet.api.Producer;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.RecordMetadata;
import io.rivulet.api.errors.UnknownTopicException;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Sends records for the HTTP and WebSocket produce paths through the listener's one shared producer.
 *
 * <p>Why the topic check: the engine creates a missing topic on first use (when
 * {@code auto.create.topics.enable} is on), and creating one makes directories — blocking work that
 * must not run on a Netty event loop. So a send to a topic that did not exist when the request came is
 * subscribed on the listener's one {@code rivulet-http-create} thread, where the engine may create it or
 * refuse with {@code UnknownTopicException}; a send to an existing topic never blocks and stays on the
 * loop. One thread, not a pool: the records of one produce socket must reach the producer in the order
 * they came, and a single thread runs its tasks in order.
 */
final class RecordSender implements AutoCloseable {
    private final Admin admin;
    private final Producer<byte[], byte[]> producer;
    private final Scheduler creating = Schedulers.newSingle("rivulet-http-create", true);

    RecordSender(Admin admin, Producer<byte[], byte[]> producer) {
        this.admin = admin;
        this.producer = producer;
    }

    @Override
    public void close() {
        creating.dispose();
    }

    /** Whether {@code topic} exists now (an invalid name fails with {@code InvalidTopicException}). */
    Mono<Boolean> topicExists(String topic) {
        return admin.describeTopic(topic).map(d -> true)
                .onErrorResume(UnknownTopicException.class, e -> Mono.just(false));
    }

    /** The records' results in order; off the event loop when the topic may have to be created first. */
    Flux<RecordMetadata> send(Publisher<ProducerRecord<byte[], byte[]>> records, boolean topicExists) {
        Flux<RecordMetadata> sent = producer.send(records);
        return topicExists ? sent : sent.subscribeOn(creating);
    }

    /** One record's result. */
    Mono<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, boolean topicExists) {
        Mono<RecordMetadata> sent = producer.send(record);
        return topicExists ? sent : sent.subscribeOn(creating);
    }
}
