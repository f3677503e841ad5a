package io.rivulet.engine.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rivulet.api.NewTopic;
import io.rivulet.api.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MeterLifecycleTest {
    @TempDir
    Path dir;

    @Test
    void deletingATopicRemovesItsMetersAndItsSeries() {
        try (MeteredEngine m = MeteredEngine.open(dir)) {
            m.rivulet.admin().createTopic(NewTopic.of("doomed").withPartitions(4)).block();
            m.rivulet.producer(MeteredEngine.strings())
                    .send(Flux.range(0, 100).map(i -> ProducerRecord.of("doomed", "k" + i, "v"))).blockLast();
            // 6 topic meters + 5 gauges per partition
            assertEquals(6 + 4 * 5, m.metersTagged("topic", "doomed").size());

            m.rivulet.admin().deleteTopic("doomed").block();

            assertEquals(List.of(), m.metersTagged("topic", "doomed"));
            assertFalse(m.metrics.scrape().contains("topic=\"doomed\""));
        }
    }

    @Test
    void aTopicCreatedAgainStartsFromZero() {
        try (MeteredEngine m = MeteredEngine.open(dir)) {
            m.rivulet.producer(MeteredEngine.strings())
                    .send(Flux.range(0, 10).map(i -> ProducerRecord.of("again", "v"))).blockLast();
            m.rivulet.admin().deleteTopic("again").block();
            m.rivulet.producer(MeteredEngine.strings())
                    .send(Flux.range(0, 3).map(i -> ProducerRecord.of("again", "v"))).blockLast();

            assertEquals(3, m.counter("rivulet.records.in", "topic", "again"));
            assertEquals(3, m.gauge("rivulet.log.end.offset", "topic", "again", "partition", "0"));
        }
    }

    @Test
    void anApplicationsRegistryMirrorsEngineMetersAndIsLeftCleanAndOpenAtClose() {
        SimpleMeterRegistry own = new SimpleMeterRegistry();
        MeteredEngine m = MeteredEngine.open(dir);
        try {
            m.rivulet.producer(MeteredEngine.strings())
                    .send(Flux.range(0, 5).map(i -> ProducerRecord.of("before", "v"))).blockLast();
            m.metrics.addRegistry(own);
            m.rivulet.producer(MeteredEngine.strings())
                    .send(Flux.range(0, 7).map(i -> ProducerRecord.of("before", "v"))).blockLast();
            m.rivulet.producer(MeteredEngine.strings())
                    .send(Flux.range(0, 2).map(i -> ProducerRecord.of("after", "v"))).blockLast();

            assertEquals(7, own.get("rivulet.records.in").tag("topic", "before").counter().count(),
                    "counts start when the registry is added");
            assertEquals(2, own.get("rivulet.records.in").tag("topic", "after").counter().count());
            assertEquals(2, own.get("rivulet.log.end.offset").tag("topic", "after").gauge().value());
            assertTrue(own.find("jvm.memory.used").meters().isEmpty(), "JVM meters stay in the engine's registry");
        } finally {
            m.close();
        }
        List<Meter> left = own.getMeters().stream().filter(x -> x.getId().getName().startsWith("rivulet.")).toList();
        assertEquals(List.of(), left);
        assertFalse(own.isClosed(), "the application's registry is the application's to close");
    }

    @Test
    void anApplicationRegistryThatRenamesMetersStillGetsEveryCountOnce() {
        SimpleMeterRegistry own = new SimpleMeterRegistry();
        own.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return id.withName("app." + id.getName());
            }
        });
        try (MeteredEngine m = MeteredEngine.open(dir)) {
            m.metrics.addRegistry(own);
            m.rivulet.producer(MeteredEngine.strings())
                    .send(Flux.range(0, 9).map(i -> ProducerRecord.of("renamed", "v"))).blockLast();

            assertEquals(9, own.get("app.rivulet.records.in").tag("topic", "renamed").counter().count());
            assertEquals(9, m.metrics.prometheus().get("rivulet.records.in").tag("topic", "renamed").counter().count());
        }
    }

    @Test
    void closingTheEngineRemovesEveryMeterAndClosesItsRegistry() {
        MeteredEngine m = MeteredEngine.open(dir);
        m.rivulet.producer(MeteredEngine.strings())
                .send(Flux.range(0, 5).map(i -> ProducerRecord.of("t", "v"))).blockLast();
        EngineMetrics metrics = m.metrics;
        assertFalse(metrics.registry().getMeters().isEmpty());

        m.close();

        assertEquals(List.of(), metrics.registry().getMeters());
        assertTrue(metrics.prometheus().isClosed());
    }
}
