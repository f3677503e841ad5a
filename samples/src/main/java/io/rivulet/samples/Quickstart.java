package io.rivulet.samples;

import io.rivulet.api.AssignmentStrategy;
import io.rivulet.api.Consumer;
import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.NewTopic;
import io.rivulet.api.OffsetReset;
import io.rivulet.api.PartitionFlux;
import io.rivulet.api.Producer;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.Rivulet;
import io.rivulet.api.serde.Serdes;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rivulet's main job on its embedded default: a node with local storage. Produces a million records
 * into a topic of 6 partitions, then consumes them with a group of 3 consumers that split the
 * partitions between them, and prints the rates and each member's partitions.
 *
 * <pre>./mvnw -B -q -pl samples exec:exec [-Dsample.args="DATA_DIR RECORDS PARTITIONS MEMBERS"]</pre>
 */
public final class Quickstart {
    /** What a run did: distinct records consumed, and each member's partitions at the end. */
    public record Summary(long produced, long consumed, List<Set<Integer>> memberPartitions) {
    }

    public static void main(String[] args) throws Exception {
        boolean scratch = args.length == 0 || args[0].isBlank();
        Path dir = scratch ? Files.createTempDirectory("rivulet-quickstart") : Path.of(args[0]);
        int records = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        int members = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        try {
            run(dir, records, partitions, members, System.out);
        } finally {
            if (scratch) {
                deleteRecursively(dir);
            }
        }
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    public static Summary run(Path dir, int records, int partitions, int members, PrintStream out) {
        String topic = "quickstart-" + Long.toString(System.currentTimeMillis(), 36);
        out.printf("data in %s%n", dir.toAbsolutePath());
        try (Rivulet rivulet = Rivulet.embedded(dir)) {
            rivulet.admin().createTopic(NewTopic.of(topic).withPartitions(partitions)).block();

            // 1. a group of consumers: each member gets a share of the partitions, one Flux per partition
            BitSet[] seen = new BitSet[partitions];
            for (int p = 0; p < partitions; p++) {
                seen[p] = new BitSet();
            }
            AtomicLong distinct = new AtomicLong();
            Sinks.One<Boolean> allSeen = Sinks.one();
            List<Set<Integer>> owned = new ArrayList<>();
            List<Consumer<String, String>> consumers = new ArrayList<>();
            List<Disposable> running = new ArrayList<>();
            for (int m = 0; m < members; m++) {
                Set<Integer> mine = ConcurrentHashMap.newKeySet();
                owned.add(mine);
                Consumer<String, String> consumer = rivulet.consumer(ConsumerOptions.builder(Serdes.string(), Serdes.string())
                        .groupId(topic + "-group").topics(topic).clientId("member-" + (m + 1))
                        .autoOffsetReset(OffsetReset.EARLIEST)
                        .assignmentStrategy(AssignmentStrategy.COOPERATIVE_STICKY)
                        .build());
                consumers.add(consumer);
                running.add(consumer.receivePartitions()
                        .flatMap(partition -> consume(partition, mine, seen, distinct, records, allSeen), partitions)
                        .subscribe());
            }
            awaitBalanced(owned, partitions, Duration.ofSeconds(30));
            for (int m = 0; m < members; m++) {
                out.printf("member-%d partitions %s%n", m + 1, new TreeSet<>(owned.get(m)));
            }

            // 2. produce: results come back in order, with the offset each record got
            String value = "x".repeat(90);
            Producer<String, String> producer = rivulet.producer(ProducerOptions.of(Serdes.string(), Serdes.string()));
            long t0 = System.nanoTime();
            long produced = producer.send(Flux.range(0, records)
                            .map(i -> ProducerRecord.of(topic, "user-" + (i % 10_000), value)))
                    .count().block();
            report(out, "produced", produced, t0);
            allSeen.asMono().block(Duration.ofMinutes(5));
            report(out, "consumed", distinct.get(), t0);
            List<Set<Integer>> result = new ArrayList<>();
            owned.forEach(s -> result.add(Set.copyOf(s)));
            running.forEach(Disposable::dispose);
            consumers.forEach(Consumer::close);
            return new Summary(produced, distinct.get(), result);
        }
    }

    /** Reads one assigned partition until the group takes it away, acknowledging each record. */
    private static Flux<Void> consume(PartitionFlux<String, String> partition, Set<Integer> mine, BitSet[] seen,
                                      AtomicLong distinct, int records, Sinks.One<Boolean> allSeen) {
        int p = partition.topicPartition().partition();
        mine.add(p);
        return partition
                .doOnNext(record -> {
                    boolean first;
                    synchronized (seen[p]) {
                        first = !seen[p].get((int) record.offset());
                        seen[p].set((int) record.offset());
                    }
                    if (first && distinct.incrementAndGet() == records) {
                        allSeen.tryEmitValue(true);
                    }
                    record.acknowledge();
                })
                .doFinally(signal -> mine.remove(p))
                .then()
                .flux();
    }

    /** Waits until every partition is held by exactly one member and every member holds some. */
    private static void awaitBalanced(List<Set<Integer>> owned, int partitions, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            int held = owned.stream().mapToInt(Set::size).sum();
            boolean everyone = owned.stream().allMatch(s -> !s.isEmpty()) || owned.size() > partitions;
            if (held == partitions && everyone) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("the group did not settle within " + timeout + ": " + owned);
    }

    private static void report(PrintStream out, String what, long count, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        out.printf("%s %,d records in %.2f s (%,.0f records/s)%n", what, count, seconds,
                count / seconds);
    }
}
