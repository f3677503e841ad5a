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

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

class ScrapeTest {
    @TempDir
    Path dir;

    @Test
    void theScrapeHasEveryFamilyWithItsTags() {
        try (MeteredEngine m = MeteredEngine.open(dir)) {
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

            String text = m.metrics.scrape();

            for (String series : List.of(
                    "rivulet_records_in_total{topic=\"clicks\"} 10.0",
                    "rivulet_bytes_in_total{topic=\"clicks\"}",
                    "rivulet_records_out_total{topic=\"clicks\"} 10.0",
                    "rivulet_bytes_out_total{topic=\"clicks\"}",
                    "rivulet_append_latency_seconds_bucket{topic=\"clicks\",le=",
                    "rivulet_append_latency_seconds_count{topic=\"clicks\"}",
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
}
