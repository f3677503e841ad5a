package io.rivulet.engine.produce;

import io.rivulet.api.Acks;
import io.rivulet.api.Header;
import io.rivulet.api.Headers;
import io.rivulet.api.Producer;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.RecordMetadata;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.RivuletClosedException;
import io.rivulet.api.errors.RivuletException;
import io.rivulet.api.errors.SerializationException;
import io.rivulet.engine.partition.StorageErrors;
import io.rivulet.storage.batch.RecordHeader;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;

import java.util.ArrayList;
import java.util.List;

/**
 * A producer: serializes, partitions and batches records through a {@link RecordAccumulator} into the
 * {@link BatchTarget}s of a {@link TopicCatalog} — the logs of this process, or a node across the network.
 * {@code send(Publisher)} keeps at most {@code max.in.flight.records} records between the caller and the log
 * and emits results in the order records came in.
 */
public final class BatchProducer<K, V> implements Producer<K, V> {
    private final Scheduler sendScheduler;
    private final java.util.function.Consumer<AutoCloseable> onClose;
    private final java.util.function.Supplier<InFlightWatch> watches;
    private final ProducerOptions<K, V> options;
    private final RecordAccumulator accumulator;
    private final boolean reportOffsets;
    private volatile boolean closed;

    /**
     * @param appendScheduler where batches are appended (or sent)
     * @param sendScheduler   where sources are asked for more records
     * @param onClose         told once when the producer has closed
     */
    public BatchProducer(TopicCatalog topics, ProducerOptions<K, V> options, Scheduler appendScheduler,
                         Scheduler sendScheduler, java.util.function.Consumer<AutoCloseable> onClose) {
        this(topics, options, appendScheduler, sendScheduler, onClose, () -> InFlightWatch.NONE);
    }

    /** As above, with a watch per {@code send(Publisher)} that reports waits on the in-flight bound. */
    public BatchProducer(TopicCatalog topics, ProducerOptions<K, V> options, Scheduler appendScheduler,
                         Scheduler sendScheduler, java.util.function.Consumer<AutoCloseable> onClose,
                         java.util.function.Supplier<InFlightWatch> watches) {
        this.watches = watches;
        this.sendScheduler = sendScheduler;
        this.onClose = onClose;
        this.options = options;
        this.accumulator = new RecordAccumulator(topics, options.batchSize(), options.linger(),
                options.partitioner().orElse(null), appendScheduler);
        // Until replication exists, acks=all is the same wait as acks=1: the local log holds the record.
        this.reportOffsets = options.acks() != Acks.NONE;
    }

    @Override
    public Flux<RecordMetadata> send(Publisher<ProducerRecord<K, V>> records) {
        return new InOrderSend<ProducerRecord<K, V>>(Flux.from(records), (record, ticket) -> {
            if (closed) {
                throw new RivuletClosedException("the producer");
            }
            long timestamp = timestampOf(record);
            ticket.prepare(record.topic(), timestamp); // before enqueue: the append may complete at once
            enqueue(record, timestamp, ticket);
        }, options.maxInFlightRecords(), reportOffsets, sendScheduler, watches);
    }

    @Override
    public Mono<RecordMetadata> send(ProducerRecord<K, V> record) {
        return Mono.create(sink -> {
            if (closed) {
                sink.error(new RivuletClosedException("the producer"));
                return;
            }
            try {
                long timestamp = timestampOf(record);
                enqueue(record, timestamp, new Result(sink, record.topic(), timestamp));
            } catch (Throwable t) {
                sink.error(t);
            }
        });
    }

    private static long timestampOf(ProducerRecord<?, ?> record) {
        return record.timestamp() != null ? record.timestamp() : System.currentTimeMillis();
    }

    /** Serializes and queues one record. */
    private void enqueue(ProducerRecord<K, V> record, long timestamp, AppendCallback callback) {
        String topic = record.topic();
        byte[] key;
        byte[] value;
        try {
            key = options.keySerde().serialize(record.key());
        } catch (RuntimeException e) {
            throw SerializationException.serializing("key", topic, record.partition(), e);
        }
        try {
            value = options.valueSerde().serialize(record.value());
        } catch (RuntimeException e) {
            throw SerializationException.serializing("value", topic, record.partition(), e);
        }
        accumulator.append(topic, record.partition(), record.key(), key, value, timestamp,
                headers(record.headers()), callback);
    }

    private static List<RecordHeader> headers(Headers headers) {
        if (headers.isEmpty()) {
            return List.of();
        }
        List<RecordHeader> out = new ArrayList<>(headers.size());
        for (Header h : headers) {
            out.add(new RecordHeader(h.key(), h.value()));
        }
        return out;
    }

    @Override
    public ProducerOptions<K, V> options() {
        return options;
    }

    /** Appends what is gathered, then refuses new records. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            accumulator.close();
            onClose.accept(this);
        }
    }

    private final class Result implements AppendCallback {
        private final MonoSink<RecordMetadata> sink;
        private final String topic;
        private final long timestamp;

        Result(MonoSink<RecordMetadata> sink, String topic, long timestamp) {
            this.sink = sink;
            this.topic = topic;
            this.timestamp = timestamp;
        }

        @Override
        public void appended(int partition, long offset) {
            sink.success(new RecordMetadata(topic, partition,
                    reportOffsets ? offset : RecordMetadata.UNKNOWN_OFFSET, timestamp));
        }

        @Override
        public void failed(int partition, Throwable error) {
            sink.error(error instanceof RivuletException || partition < 0 ? error
                    : StorageErrors.translate(new TopicPartition(topic, partition), error));
        }
    }
}
