package io.rivulet.engine.net.server;

import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.ConsumerRecord;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.Rivulet;
import io.rivulet.api.StartAt;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.serde.Serdes;
import io.rivulet.engine.metrics.ListenerMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a stalled remote reader costs the node: it is sent the reader's demand plus the client's prefetch
 * (about 1 MiB of records), not the 20 MiB that wait, and the node's meters say so, the stall gauge too.
 */
class CreditBoundIT {
    @TempDir
    Path dir;

    @Test
    void aStalledRemoteReaderIsSentItsDemandPlusThePrefetchAndNoMore() throws Exception {
        try (TestNode node = TestNode.start(dir, 0); Rivulet client = node.connect()) {
            String kib = "x".repeat(1024);
            client.producer(ProducerOptions.of(Serdes.string(), Serdes.string()))
                    .send(Flux.range(0, 20_000).map(i -> ProducerRecord.of("waiting", kib))).blockLast();
            int prefetch = 100;
            AtomicLong got = new AtomicLong();
            var reader = client.consumer(ConsumerOptions.builder(Serdes.string(), Serdes.string())
                    .maxPollRecords(prefetch).build());
            var sub = new BaseSubscriber<ConsumerRecord<String, String>>() {
                @Override
                protected void hookOnSubscribe(Subscription s) {
                    s.request(10);
                }

                @Override
                protected void hookOnNext(ConsumerRecord<String, String> r) {
                    got.incrementAndGet();
                }
            };
            reader.read(new TopicPartition("waiting", 0), StartAt.earliest()).subscribe(sub);
            ConnectionFaultsIT.await(() -> got.get() == 10);
            ListenerMetrics listener = node.engine.engine().metrics().listener(ListenerMetrics.Listener.NATIVE);
            Thread.sleep(300); // let anything that would overshoot arrive
            var registry = node.engine.engine().metrics().registry();
            double sent = registry.find("rivulet.records.out").tag("topic", "waiting").counter().count();
            double bytes = registry.find("rivulet.bytes.out").tag("topic", "waiting").counter().count();
            assertEquals(10, got.get(), "delivered exactly what was requested");
            // 1 MiB of prefetch, give or take a frame of whole batches
            assertTrue(sent >= 10 && sent <= 1_400, "the node sent " + sent + " records");
            assertTrue(bytes <= 1.5 * (1 << 20), "the node sent " + bytes + " bytes");
            assertEquals(0, listener.outstandingCredits(), "every credit granted was spent");

            // Records wait and the reader asks for none: past the stall threshold (5 s) the gauge shows it, and
            // it clears once the reader asks again.
            var stalled = registry.find("rivulet.listener.streams.stalled").tag("listener", "native").gauge();
            assertEquals(0, stalled.value(), "not stalled yet");
            ConnectionFaultsIT.await(() -> stalled.value() == 1);
            sub.request(100);
            ConnectionFaultsIT.await(() -> got.get() == 110);
            ConnectionFaultsIT.await(() -> stalled.value() == 0);
            sub.dispose();
        }
    }
}
