package io.rivulet.samples.kappa;

import io.rivulet.api.Consumer;
import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.ConsumerRecord;
import io.rivulet.api.NewTopic;
import io.rivulet.api.OffsetReset;
import io.rivulet.api.PartitionFlux;
import io.rivulet.api.Producer;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.Rivulet;
import io.rivulet.api.errors.TopicExistsException;
import io.rivulet.api.serde.Serdes;
import io.rivulet.samples.TopicReads;
import io.rivulet.samples.clicks.Clickstream;
import io.rivulet.samples.window.Aggregate;
import io.rivulet.samples.window.PartitionWindows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The kappa job: a Reactor pipeline that turns the clickstream into windowed aggregates, end to end
 * at-least-once. One task per input partition, in offset order:
 *
 * <ol>
 *   <li>take a chunk of clicks (up to {@value #CHUNK} records, or what came in {@value #CHUNK_MILLIS} ms);</li>
 *   <li>apply them to the partition's {@link PartitionWindows} and send the changed aggregates to the
 *       output topic, keyed by window, so a value written twice replaces itself;</li>
 *   <li>once every one is acknowledged, write the partition's state to the checkpoint topic;</li>
 *   <li>once that is acknowledged, acknowledge the chunk's input records and commit the group's offsets.</li>
 * </ol>
 *
 * A job stopped anywhere — even between steps 2 and 4 — restarts from the last checkpoint (which is
 * never behind the committed offsets), skips input below it, and writes the same aggregates again:
 * readers may see a window's count go back to an earlier value for a moment, never a wrong final one.
 * (Kafka Streams' at-least-once mode, with a changelog per task; Flink's checkpoints with an idempotent
 * sink.)
 *
 * <p>Threading: the pipeline runs on the engine's threads and never blocks; {@link #start} and
 * {@link #close()} block and belong to the caller's thread.
 */
public final class KappaJob implements AutoCloseable {
    static final int CHUNK = 256;
    static final long CHUNK_MILLIS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(KappaJob.class);

    private final JobVersion version;
    private final Consumer<String, String> consumer;
    private final Producer<String, String> producer;
    /** The last checkpointed state per partition: where a partition assigned (again) resumes. */
    private final Map<Integer, PartitionWindows.State> checkpoints = new ConcurrentHashMap<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Disposable running;

    private KappaJob(Rivulet rivulet, JobVersion version, Map<Integer, PartitionWindows.State> restored) {
        this.version = version;
        this.checkpoints.putAll(restored);
        this.producer = rivulet.producer(ProducerOptions.of(Serdes.string(), Serdes.string()));
        this.consumer = rivulet.consumer(ConsumerOptions.builder(Serdes.string(), Serdes.string())
                .groupId(version.groupId()).topics(version.inputTopic()).clientId(version.name())
                .autoOffsetReset(OffsetReset.EARLIEST).build());
        this.running = consumer.receivePartitions()
                .flatMap(this::task, Integer.MAX_VALUE)
                .subscribe(null, this::failed);
    }

    /**
     * Starts {@code version}: creates its output and checkpoint topics when missing, restores every
     * partition's last checkpoint, and joins its group (from the earliest input when the group is new).
     * Blocks until the checkpoints are read.
     */
    public static KappaJob start(Rivulet rivulet, JobVersion version) {
        int partitions = rivulet.admin().describeTopic(version.inputTopic()).block().partitionCount();
        createIfMissing(rivulet, NewTopic.of(version.outputTopic()).withPartitions(partitions));
        createIfMissing(rivulet, NewTopic.of(version.checkpointTopic()));
        Map<Integer, PartitionWindows.State> restored = new ConcurrentHashMap<>();
        TopicReads.upToEnd(rivulet, version.checkpointTopic())
                .map(r -> AggregateJson.readState(r.value()))
                .doOnNext(s -> restored.put(s.partition(), s))
                .blockLast();
        LOG.info("{} starts with checkpoints of partitions {}", version.name(), restored.keySet());
        return new KappaJob(rivulet, version, restored);
    }

    private static void createIfMissing(Rivulet rivulet, NewTopic topic) {
        rivulet.admin().createTopic(topic).onErrorResume(TopicExistsException.class, e -> Mono.empty()).block();
    }

    /** One partition's task, from its assignment until it is revoked. */
    private Flux<Void> task(PartitionFlux<String, String> records) {
        int partition = records.topicPartition().partition();
        PartitionWindows.State last = checkpoints.get(partition);
        PartitionWindows state = last == null
                ? new PartitionWindows(partition, version.logic())
                : PartitionWindows.restore(last, version.logic());
        return records
                .bufferTimeout(CHUNK, Duration.ofMillis(CHUNK_MILLIS), true)
                .concatMap(chunk -> process(state, chunk), 0)
                .thenMany(Flux.empty());
    }

    private Mono<Void> process(PartitionWindows state, List<ConsumerRecord<String, String>> chunk) {
        for (ConsumerRecord<String, String> record : chunk) {
            if (record.offset() >= state.position()) { // below it: in the restored checkpoint already
                state.apply(record.offset(), Clickstream.click(record));
            }
        }
        List<Aggregate> changes = state.drainChanges();
        PartitionWindows.State snapshot = state.snapshot();
        ConsumerRecord<String, String> lastRecord = chunk.get(chunk.size() - 1);
        return producer.send(Flux.fromIterable(changes)
                        .map(a -> ProducerRecord.of(version.outputTopic(), a.key(), AggregateJson.write(a))))
                .then(Mono.defer(() -> producer.send(ProducerRecord.of(version.checkpointTopic(),
                        "partition-" + state.partition(), AggregateJson.writeState(snapshot)))))
                .then(Mono.defer(() -> {
                    checkpoints.put(state.partition(), snapshot);
                    chunk.forEach(ConsumerRecord::acknowledge);
                    return lastRecord.commit();
                }));
    }

    private void failed(Throwable e) {
        failure.set(e);
        LOG.error("{} stopped: {}", version.name(), e.toString(), e);
    }

    /** The version this job runs. */
    public JobVersion version() {
        return version;
    }

    /** Per input partition, the next offset its last checkpoint covers (absent: none yet). */
    public Map<Integer, Long> positions() {
        Map<Integer, Long> positions = new TreeMap<>();
        checkpoints.forEach((p, s) -> positions.put(p, s.position()));
        return positions;
    }

    /** Whether every partition's checkpoint covers its input up to {@code ends} (partition → end offset). */
    public boolean covers(Map<Integer, Long> ends) {
        Map<Integer, Long> positions = positions();
        return ends.entrySet().stream().allMatch(e -> positions.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }

    /**
     * Waits until the checkpoints cover the input as it is now, i.e. the job has caught up.
     *
     * @throws IllegalStateException if the job failed, or did not catch up within {@code timeout}
     */
    public void awaitCaughtUp(Rivulet rivulet, Duration timeout) {
        Map<Integer, Long> ends = TopicReads.endOffsets(rivulet, version.inputTopic()).block();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!covers(ends)) {
            if (failure.get() != null) {
                throw new IllegalStateException(version.name() + " failed", failure.get());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(version.name() + " did not catch up with " + ends + " within "
                        + timeout + ": it is at " + positions());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + version.name(), e);
            }
        }
    }

    /**
     * Stops the job where it is, as a crash would (a chunk in flight is abandoned; its outputs may be
     * written, its offsets are not committed), then leaves the group and closes the clients.
     */
    @Override
    public void close() {
        running.dispose();
        consumer.close();
        producer.close();
    }
}
