package io.rivulet.api;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sends records to topics. Obtained from {@link Rivulet#producer(ProducerOptions)}.
 *
 * <p>Threading: thread-safe; one producer may serve many concurrent {@code send} streams, and sharing
 * one is cheaper than creating many. No method blocks the calling thread except {@link #close()}.
 *
 * <p>Errors: a record that cannot be written fails with a typed
 * {@link io.rivulet.api.errors.RivuletException}: {@code SerializationException},
 * {@code UnknownTopicException} (when automatic topic creation is off), {@code InvalidTopicException},
 * {@code RecordTooLargeException}, {@code NotEnoughReplicasException}, {@code StorageFullException},
 * or {@code RivuletClosedException} once the producer is closed.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface Producer<K, V> extends AutoCloseable {

    /**
     * Sends every record {@code records} emits and emits each one's {@link RecordMetadata} once it is
     * acknowledged at the configured {@code acks} level.
     *
     * <ul>
     *   <li><b>Order:</b> results are emitted in the order the records were emitted, whatever their
     *       partitions; records for the same partition are written in that order.</li>
     *   <li><b>Demand:</b> the producer requests records from {@code records} only while fewer than
     *       {@code max.in.flight.records} are unacknowledged and results are wanted downstream, so a fast
     *       source is slowed to the engine's pace instead of being buffered. Nothing is sent until the
     *       returned {@code Flux} is subscribed; each subscription subscribes to {@code records} anew.</li>
     *   <li><b>Errors:</b> the first record that fails ends the {@code Flux} with its error, after the
     *       results of the records before it; records after it are not requested. Records already
     *       handed to the engine may still be written (at-least-once, not atomic). To keep going past
     *       failures, send records one by one with {@link #send(ProducerRecord)}.</li>
     *   <li><b>Cancel:</b> stops requesting records; records already handed over may still be written.</li>
     * </ul>
     */
    Flux<RecordMetadata> send(Publisher<ProducerRecord<K, V>> records);

    /**
     * Sends one record; the {@code Mono} emits its metadata once acknowledged at the configured
     * {@code acks} level, or fails with a typed error. Nothing is sent until it is subscribed.
     */
    Mono<RecordMetadata> send(ProducerRecord<K, V> record);

    /** The options this producer was created with. */
    ProducerOptions<K, V> options();

    /**
     * Stops accepting records, waits until the records already handed over are acknowledged or have
     * failed, then releases the producer's resources. New sends fail with
     * {@link io.rivulet.api.errors.RivuletClosedException}. Idempotent. It may block, so do not call
     * it on a non-blocking (Reactor {@code parallel} or Netty event-loop) thread.
     */
    @Override
    void close();
}
