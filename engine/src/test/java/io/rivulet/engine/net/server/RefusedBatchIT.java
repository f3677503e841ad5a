package io.rivulet.engine.net.server;

import io.rivulet.api.Acks;
import io.rivulet.api.NewTopic;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.RecordMetadata;
import io.rivulet.api.Rivulet;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.RivuletException;
import io.rivulet.api.serde.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An idempotent remote producer whose batch the node refuses for good (too large for the topic): the batches of
 * the same producer session already on their way can never be taken (the sequence they continue is broken), so
 * they fail at once instead of being refused as out of order until the delivery timeout, and the producer goes on
 * in a new session.
 */
class RefusedBatchIT {
    @TempDir
    Path dir;

    @Test
    void batchesBehindOneRefusedForGoodFailAtOnceAndTheProducerGoesOn() throws Exception {
        try (TestNode node = TestNode.start(dir, 0);
             Rivulet client = Rivulet.connect("rivulet://127.0.0.1:" + node.server.port(), Map.of())) {
            client.admin().createTopic(NewTopic.of("t").withPartitions(1).withConfig("max.message.bytes", "1024"))
                    .block(Duration.ofSeconds(10));
            try (var producer = client.producer(ProducerOptions.builder(Serdes.string(), Serdes.string())
                    .acks(Acks.ALL).linger(Duration.ZERO).batchSize(200).deliveryTimeout(Duration.ofSeconds(60)).build())) {
                assertEquals(0, send(producer, "first").get(10, TimeUnit.SECONDS).offset());

                List<CompletableFuture<RecordMetadata>> sent = new ArrayList<>();
                sent.add(send(producer, "x".repeat(2000))); // refused for good: larger than max.message.bytes
                for (int i = 0; i < 20; i++) {
                    sent.add(send(producer, "small-" + i));
                }
                // every one is answered well before the 60 s delivery timeout, one way or the other
                CompletableFuture.allOf(sent.stream().map(f -> f.handle((m, e) -> null)).toArray(CompletableFuture[]::new))
                        .get(20, TimeUnit.SECONDS);
                Throwable tooLarge = sent.get(0).handle((m, e) -> e).get();
                assertTrue(tooLarge instanceof RivuletException r && r.code() == ErrorCode.RECORD_TOO_LARGE,
                        String.valueOf(tooLarge));

                assertEquals(true, send(producer, "after").get(10, TimeUnit.SECONDS).offset() > 0,
                        "a new producer session goes on");
            }
        }
    }

    private static CompletableFuture<RecordMetadata> send(io.rivulet.api.Producer<String, String> producer,
                                                          String value) {
        return producer.send(ProducerRecord.of("t", value)).toFuture();
    }
}
