package io.rivulet.samples.lambda;

import io.rivulet.api.NewTopic;
import io.rivulet.api.Producer;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.Rivulet;
import io.rivulet.api.serde.Serdes;
import io.rivulet.samples.clicks.LiveClicks;
import io.rivulet.samples.window.PageCount;
import io.rivulet.samples.window.TopN;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The lambda sample: a live clickstream; a batch layer that recomputes clicks per page from the whole
 * log on a schedule and records the offsets it covered; a speed layer that counts from those offsets
 * on; and a serving view that merges both. Every few seconds it prints the merged answer and checks it
 * against a full recomputation of exactly the log prefix the answer covers.
 *
 * <pre>./mvnw -B -q -pl samples exec:exec -Dsample.main=io.rivulet.samples.lambda.LambdaSample
 *     [-Dsample.args="DATA_DIR CLICKS_PER_SECOND BATCH_EVERY_SECONDS RUN_SECONDS"]</pre>
 *
 * Defaults: a scratch directory (deleted at the end), 500 clicks/s, a batch every 15 s, 60 s (0: until Ctrl-C).
 */
public final class LambdaSample {
    /** The clickstream topic. */
    public static final String INPUT = "clicks";

    private LambdaSample() {
    }

    public static void main(String[] args) throws Exception {
        boolean scratch = args.length == 0 || args[0].isBlank() || args[0].equals("-");
        Path dir = scratch ? Files.createTempDirectory("rivulet-lambda") : Path.of(args[0]);
        int rate = intArg(args, 1, 500);
        int batchEvery = intArg(args, 2, 15);
        int runFor = intArg(args, 3, 60);
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "lambda-sample-shutdown"));
        try (Rivulet rivulet = Rivulet.embedded(dir)) {
            System.out.printf("data in %s%n", dir.toAbsolutePath());
            run(rivulet, System.out, rate, Duration.ofSeconds(batchEvery), runFor == 0 ? null : Duration.ofSeconds(runFor), stop);
        } finally {
            if (scratch) {
                deleteRecursively(dir);
            }
            stopped.countDown();
        }
    }

    /** Runs the scenario until {@code runFor} has passed (null: until {@code stop} counts down). */
    static void run(Rivulet rivulet, PrintStream out, int rate, Duration batchEvery, Duration runFor, CountDownLatch stop)
            throws InterruptedException {
        rivulet.admin().createTopic(NewTopic.of(INPUT).withPartitions(6)).block();
        Scheduler batchThread = Schedulers.newSingle("lambda-batch");
        try (Producer<String, String> producer = rivulet.producer(ProducerOptions.of(Serdes.string(), Serdes.string()));
             LiveClicks clicks = new LiveClicks(producer, INPUT, rate, System.nanoTime());
             ServingView view = new ServingView(rivulet, INPUT,
                     BatchLayer.latestRecorded(rivulet, INPUT).blockOptional().orElse(BatchView.empty(6)))) {
            out.printf("writing %d clicks/s to '%s'; the batch layer recomputes every %d s%n", rate, INPUT,
                    batchEvery.toSeconds());
            Disposable batches = Flux.interval(batchEvery, batchEvery, batchThread)
                    .onBackpressureDrop()
                    .concatMap(tick -> BatchLayer.recomputeAndRecord(rivulet, producer, INPUT), 1)
                    .subscribe(batch -> {
                        view.install(batch);
                        out.printf("batch: %,d records up to offsets %s recorded; the speed layer restarts there%n",
                                batch.records(), batch.covered());
                    });
            long started = System.nanoTime();
            try {
                while (!stop.await(3, TimeUnit.SECONDS)) {
                    ServingView.Answer answer = view.query();
                    Map<String, Long> full = BatchLayer.totalsUpTo(rivulet, INPUT, answer.positions()).block();
                    out.printf("serving: %,d clicks (batch to %,d + speed) top %s — full recomputation of the same "
                                    + "offsets agrees: %s%n", answer.records(), sum(answer.batchCovered()),
                            top(answer.totals()), full.equals(answer.totals()));
                    if (runFor != null && System.nanoTime() - started > runFor.toNanos()) {
                        break;
                    }
                }
            } finally {
                batches.dispose();
            }
        } finally {
            batchThread.dispose();
        }
    }

    private static long sum(Map<Integer, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String top(Map<String, Long> totals) {
        List<PageCount> top = TopN.of(totals, 3);
        return top.stream().map(p -> p.page() + " " + p.count()).collect(Collectors.joining(", ", "[", "]"));
    }

    private static int intArg(String[] args, int i, int otherwise) {
        if (args.length <= i || args[i].isBlank()) {
            return otherwise;
        }
        try {
            return Integer.parseInt(args[i]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("argument " + (i + 1) + " must be a whole number but was '" + args[i]
                    + "': DATA_DIR CLICKS_PER_SECOND BATCH_EVERY_SECONDS RUN_SECONDS", e);
        }
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
