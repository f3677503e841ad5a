package io.rivulet.engine.metrics;

import io.rivulet.api.AssignmentStrategy;
import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.NewTopic;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.StartAt;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.serde.Serdes;
import io.rivulet.engine.group.CommitRequest;
import io.rivulet.engine.group.JoinRequest;
import io.rivulet.engine.group.JoinResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

class ScrapeTest {
    @TempDir
    Path dir;

    @Test
    void theScrapeHasEveryFamilyWithItsTags() {
        try (MeteredEngine m = MeteredEngine.open(dir)) {
            String text = exercised(m);
            for (String series : List.of(
                    "rivulet_records_in_total{topic=\"clicks\"} 10.0",
                    "rivulet_bytes_in_total{topic=\"clicks\"}",
                    "rivulet_records_out_total{topic=\"clicks\"} 10.0",
                    "rivulet_bytes_out_total{topic=\"clicks\"}",
                    "rivulet_append_latency_seconds_bucket{topic=\"clicks\",le=",
                    "rivulet_append_latency_seconds_count{topic=\"clicks\"}",
                    "rivulet_read_latency_seconds_bucket{topic=\"clicks\",le=\"0.001\"}",
                    "rivulet_read_latency_seconds_count{topic=\"clicks\"}",
                    "rivulet_log_end_offset{partition=\"0\",topic=\"clicks\"} 10.0",
                    "rivulet_log_start_offset{partition=\"1\",topic=\"clicks\"} 0.0",
                    "rivulet_high_watermark{partition=\"0\",topic=\"clicks\"} 10.0",
                    "rivulet_log_size_bytes{partition=\"0\",topic=\"clicks\"}",
                    "rivulet_readers_parked{partition=\"0\",topic=\"clicks\"}",
                    "rivulet_consumer_lag{group=\"dash\",partition=\"0\",topic=\"clicks\"} 6.0",
                    "rivulet_group_members{group=\"dash\"} 1.0",
                    "rivulet_group_rebalances_total{group=\"dash\"} 1.0",
                    "rivulet_group_commits_total{group=\"dash\"} 1.0",
                    "rivulet_errors_total{code=\"UNKNOWN_TOPIC\"} 0.0",
                    "rivulet_listener_connections{listener=\"ws\"} 1.0",
                    "rivulet_listener_connections_opened_total{listener=\"ws\"} 1.0",
                    "rivulet_listener_streams{listener=\"ws\"} 0.0",
                    "rivulet_listener_credits{listener=\"ws\"} 0.0",
                    "rivulet_listener_streams_stalled{listener=\"ws\"} 0.0",
                    "rivulet_producer_stalled 0.0",
                    "jvm_memory_used_bytes{",
                    "jvm_gc_",
                    "jvm_threads_live_threads",
                    "process_cpu_usage",
                    "system_cpu_count")) {
                assertTrue(text.contains(series), () -> "missing " + series + " in\n" + text);
            }
        }
    }

    /**
     * docs/metrics.md names every family a node publishes, and publishes every family it names: a meter added,
     * renamed or dropped in the code fails here until its row says so. Replication meters exist on cluster nodes
     * only and are checked by the cluster's tests; this node is a single one.
     */
    @Test
    void docsMetricsNamesExactlyTheFamiliesANodePublishes() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "metrics.md"));
        Set<String> documented = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| `(rivulet_[a-z_]+)` \\|").matcher(doc);
        while (row.find()) {
            documented.add(row.group(1));
        }
        documented.removeIf(name -> name.startsWith("rivulet_replication_"));
        try (MeteredEngine m = MeteredEngine.open(dir)) {
            Set<String> published = new TreeSet<>();
            for (String line : exercised(m).lines().toList()) {
                if (line.startsWith("rivulet_")) {
                    published.add(line.substring(0, line.indexOf(line.contains("{") ? '{' : ' ')));
                }
            }
            for (String name : published) {
                String family = name.replaceFirst("_(bucket|count|sum|max)$", "");
                assertTrue(documented.contains(name) || documented.contains(family),
                        () -> name + " is published but docs/metrics.md has no row for it");
            }
            for (String name : documented) {
                assertTrue(published.stream().anyMatch(p -> p.equals(name) || p.startsWith(name + "_")),
                        () -> name + " is documented but this node does not publish it: " + published);
            }
        }
    }

    /** A node's meters after it appended, served a reader, a group member's commit and a WebSocket session. */
    private static String exercised(MeteredEngine m) {
            m.rivulet.admin().createTopic(NewTopic.of("clicks").withPartitions(2)).block();
            m.rivulet.producer(MeteredEngine.strings())
                    .send(Flux.range(0, 10).map(i -> ProducerRecord.<String, String>of("clicks", "v").withPartition(0)))
                    .blockLast();
            m.rivulet.consumer(ConsumerOptions.builder(Serdes.string(), Serdes.string()).build())
                    .read(new TopicPartition("clicks", 0), StartAt.earliest()).take(10).blockLast(Duration.ofSeconds(10));
            MeteredEngine.await("records out", () -> m.counter("rivulet.records.out", "topic", "clicks") == 10);
            JoinResponse j = m.engine.groups().join(new JoinRequest("dash", null, "c", "h", List.of("clicks"),
                    AssignmentStrategy.RANGE, 30_000)).block();
            m.engine.groups().commit(new CommitRequest("dash", j.memberId(), j.assignment().generation(),
                    Map.of(new TopicPartition("clicks", 0), 4L))).block();
            ListenerMetrics ws = m.metrics.listener(ListenerMetrics.Listener.WEBSOCKET);
            ws.connectionOpened();

            return m.metrics.scrape();
    }
}
