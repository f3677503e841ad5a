package io.rivulet.samples.kappa;

import io.rivulet.api.NewTopic;
import io.rivulet.api.Producer;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.Rivulet;
import io.rivulet.api.serde.Serdes;
import io.rivulet.engine.http.HttpListener;
import io.rivulet.engine.http.HttpSettings;
import io.rivulet.engine.metrics.EngineMetrics;
import io.rivulet.samples.clicks.LiveClicks;
import io.rivulet.samples.dashboard.DashboardServer;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The kappa sample, end to end: a live clickstream into a topic of 6 partitions, version 1 of the
 * windowed job writing to its output topic, the dashboard reading that topic over WebSocket, and after
 * a while the scripted reprocessing — version 2 from the earliest click, caught up, readers switched,
 * version 1 retired — while clicks keep coming.
 *
 * <pre>./mvnw -B -q -pl samples exec:exec -Dsample.main=io.rivulet.samples.kappa.KappaSample
 *     [-Dsample.args="DATA_DIR CLICKS_PER_SECOND V2_AFTER_SECONDS RUN_SECONDS DASHBOARD_PORT"]</pre>
 *
 * Defaults: a scratch directory (deleted at the end), 200 clicks/s, version 2 after 60 s, run until
 * Ctrl-C (0), the dashboard on 127.0.0.1:8090 (the node's HTTP listener takes a free port).
 */
public final class KappaSample {
    /** The clickstream topic. */
    public static final String INPUT = "clicks";

    private KappaSample() {
    }

    public static void main(String[] args) throws Exception {
        boolean scratch = args.length == 0 || args[0].isBlank() || args[0].equals("-");
        Path dir = scratch ? Files.createTempDirectory("rivulet-kappa") : Path.of(args[0]);
        int rate = intArg(args, 1, 200);
        int v2After = intArg(args, 2, 60);
        int runFor = intArg(args, 3, 0);
        int dashboardPort = intArg(args, 4, 8090);
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(20, TimeUnit.SECONDS); // let main close the engine cleanly on Ctrl-C
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "kappa-sample-shutdown"));
        try (Rivulet rivulet = Rivulet.embedded(dir);
             HttpListener http = HttpListener.start(rivulet, HttpSettings.defaults().withAddress("127.0.0.1", 0),
                     EngineMetrics.of(rivulet));
             DashboardServer dashboard = DashboardServer.start("127.0.0.1", dashboardPort, http.port())) {
            System.out.printf("data in %s%ndashboard: %s  (the node's WebSocket: ws://127.0.0.1:%d)%n",
                    dir.toAbsolutePath(), dashboard.url(), http.port());
            run(rivulet, System.out, rate, Duration.ofSeconds(v2After), runFor == 0 ? null : Duration.ofSeconds(runFor), stop);
        } finally {
            if (scratch) {
                deleteRecursively(dir);
            }
            stopped.countDown();
        }
    }

    /**
     * Runs the scenario on {@code rivulet} until {@code runFor} has passed (null: until {@code stop}
     * counts down), then stops what it started.
     */
    static void run(Rivulet rivulet, PrintStream out, int rate, Duration v2After, Duration runFor, CountDownLatch stop)
            throws InterruptedException {
        rivulet.admin().createTopic(NewTopic.of(INPUT).withPartitions(6)).block();
        try (Producer<String, String> producer = rivulet.producer(ProducerOptions.of(Serdes.string(), Serdes.string()));
             LiveClicks clicks = new LiveClicks(producer, INPUT, rate, System.nanoTime())) {
            out.printf("writing %d clicks/s to '%s' (6 partitions, keyed by page; some out of order, a few late)%n",
                    rate, INPUT);
            KappaJob job = KappaJob.start(rivulet, JobVersion.v1(INPUT));
            ServingPointer.point(rivulet, producer, job.version().outputTopic()).block();
            out.printf("v1 runs: 10 s tumbling and 30 s sliding windows, 5 s allowed lateness, top 3 -> '%s'%n",
                    job.version().outputTopic());
            long started = System.nanoTime();
            try {
                if (!stop.await(v2After.toMillis(), TimeUnit.MILLISECONDS)) {
                    out.printf("after %d s: %,d clicks sent; v1 checkpointed %s%n", v2After.toSeconds(), clicks.sent(),
                            job.positions());
                    job = Reprocessing.replace(rivulet, job, JobVersion.v2(INPUT), producer, out, Duration.ofMinutes(5));
                    out.println("v2 serves: bots excluded, 15 s allowed lateness, top 5 (the dashboard switched by itself)");
                }
                if (runFor == null) {
                    out.println("Ctrl-C to stop");
                    stop.await();
                } else {
                    long left = runFor.toNanos() - (System.nanoTime() - started);
                    stop.await(Math.max(0, left), TimeUnit.NANOSECONDS);
                }
                out.printf("stopping: %,d clicks sent; %s checkpointed %s%n", clicks.sent(), job.version().name(),
                        job.positions());
            } finally {
                job.close();
            }
        }
    }

    private static int intArg(String[] args, int i, int otherwise) {
        if (args.length <= i || args[i].isBlank()) {
            return otherwise;
        }
        try {
            return Integer.parseInt(args[i]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("argument " + (i + 1) + " must be a whole number but was '" + args[i]
                    + "': DATA_DIR CLICKS_PER_SECOND V2_AFTER_SECONDS RUN_SECONDS DASHBOARD_PORT", e);
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
