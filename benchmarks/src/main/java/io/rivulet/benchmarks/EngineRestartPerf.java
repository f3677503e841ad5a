package io.rivulet.benchmarks;

import io.rivulet.api.NewTopic;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.Rivulet;
import io.rivulet.api.serde.Serdes;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * How long an embedded node takes to come back with a multi-GB log: fills a topic through the engine,
 * closes it, then times {@code Rivulet.embedded(dir)} (open until it serves requests) after a clean
 * shutdown and after a simulated crash (the clean-shutdown markers removed, so each active segment's
 * tail is validated).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.rivulet.benchmarks.EngineRestartPerf [GIB] [PARTITIONS] [RUNS]</pre>
 */
public final class EngineRestartPerf {
    public static void main(String[] args) throws Exception {
        double gib = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path dir = Files.createTempDirectory("rivulet-restart");
        try {
            long records = (long) (gib * (1L << 30) / 1024);
            byte[] value = new byte[1024 - 16];
            byte[] key = new byte[16];
            try (Rivulet r = Rivulet.embedded(dir)) {
                r.admin().createTopic(NewTopic.of("restart").withPartitions(partitions)).block();
                var producer = r.producer(ProducerOptions.builder(Serdes.byteArray(), Serdes.byteArray()).build());
                producer.send(Flux.range(0, (int) records).map(i -> new ProducerRecord<byte[], byte[]>(
                        "restart", i % partitions, key, value, null, null))).blockLast();
            }
            System.out.printf(Locale.ROOT, "log: %.2f GiB in %d partitions%n", size(dir) / (double) (1L << 30), partitions);
            for (String mode : List.of("clean", "crash")) {
                List<Double> ms = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    if (mode.equals("crash")) {
                        removeCleanMarkers(dir);
                    }
                    long t0 = System.nanoTime();
                    Rivulet r = Rivulet.embedded(dir);
                    r.admin().listTopics().block();
                    double took = (System.nanoTime() - t0) / 1e6;
                    r.close();
                    ms.add(took);
                }
                ms.sort(Comparator.naturalOrder());
                System.out.printf(Locale.ROOT, "open after %s shutdown: median %.1f ms (min %.1f, max %.1f, %d runs)%n",
                        mode, ms.get(ms.size() / 2), ms.get(0), ms.get(ms.size() - 1), runs);
            }
        } finally {
            Workload.deleteRecursively(dir);
        }
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".log")).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }

    private static void removeCleanMarkers(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(p -> p.getFileName().toString().equals(".clean-shutdown")).toList()) {
                Files.delete(p);
            }
        }
    }
}
