package io.rivulet.benchmarks;

import io.rivulet.api.Acks;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.Rivulet;
import io.rivulet.api.serde.Serdes;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures how long writes stop when a cluster loses a partition's leader: sends one {@code acks=all} record
 * every {@code intervalMs} for {@code seconds} and prints, as one JSON line, the longest time between two
 * acknowledgements — while someone kills the leader in the middle (see {@code benchmarks/cluster-perf.sh}).
 *
 * <pre>java -cp benchmarks.jar io.rivulet.benchmarks.FailoverProbe rivulet://h1:p1,h2:p2 TOPIC SECONDS [INTERVAL_MS]</pre>
 */
public final class FailoverProbe {
    private FailoverProbe() {
    }

    public static void main(String[] args) {
        String bootstrap = args[0];
        String topic = args[1];
        int seconds = Integer.parseInt(args[2]);
        long intervalMs = args.length > 3 ? Long.parseLong(args[3]) : 2;
        long count = seconds * 1000L / intervalMs;
        AtomicLong last = new AtomicLong(System.nanoTime());
        AtomicLong longest = new AtomicLong();
        AtomicLong acked = new AtomicLong();
        try (Rivulet rivulet = Rivulet.connect(bootstrap, Map.of("request.timeout.ms", "3000"))) {
            var producer = rivulet.producer(ProducerOptions.builder(Serdes.string(), Serdes.string())
                    .acks(Acks.ALL).linger(Duration.ZERO).deliveryTimeout(Duration.ofSeconds(60)).build());
            producer.send(Flux.interval(Duration.ofMillis(intervalMs)).take(count).onBackpressureBuffer(100_000)
                            .map(i -> ProducerRecord.<String, String>of(topic, "probe", Long.toString(i))))
                    .doOnNext(m -> {
                        long now = System.nanoTime();
                        long gap = now - last.getAndSet(now);
                        long n = acked.incrementAndGet();
                        if (n > 100) { // past start-up: the first sends connect and warm up
                            longest.accumulateAndGet(gap, Math::max);
                        }
                        if (n == 101) { // the script kills the leader after this line
                            System.err.println("probe: writing");
                        }
                        if (gap > 200_000_000L && acked.get() > 100) { // on stderr, to line up with the nodes' logs
                            System.err.printf("%s writes resumed after %.0f ms%n", java.time.LocalTime.now(), gap / 1e6);
                        }
                    })
                    .blockLast(Duration.ofSeconds(seconds + 120L));
        }
        System.out.printf("{\"acked\":%d,\"sent\":%d,\"longest_pause_ms\":%.1f}%n", acked.get(), count,
                longest.get() / 1e6);
    }
}
