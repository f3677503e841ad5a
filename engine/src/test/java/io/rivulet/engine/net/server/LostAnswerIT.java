package io.rivulet.engine.net.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rivulet.api.Acks;
import io.rivulet.api.NewTopic;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.RecordMetadata;
import io.rivulet.api.Rivulet;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.serde.Serdes;
import io.rivulet.engine.partition.Partition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

/**
 * A remote {@code acks=all} producer whose answer is lost after the node appended its batch sends the batch
 * again; the node recognises it by its producer id and sequence and answers with the original offset, so the
 * record is in the log once.
 */
class LostAnswerIT {
    private static final TopicPartition TP = new TopicPartition("t", 0);

    @TempDir
    Path dir;

    @Test
    void aBatchWhoseAnswerWasLostIsSentAgainAndAppendedOnce() throws Exception {
        try (TestNode node = TestNode.start(dir, 0);
             AnswerDroppingProxy proxy = AnswerDroppingProxy.to(node.server.port());
             Rivulet client = Rivulet.connect("rivulet://127.0.0.1:" + proxy.port(),
                     Map.of("request.timeout.ms", "2000"))) {
            client.admin().createTopic(NewTopic.of("t").withPartitions(1)).block(Duration.ofSeconds(10));
            Partition p = node.engine.engine().topics().partition(TP);
            try (var producer = client.producer(ProducerOptions.builder(Serdes.string(), Serdes.string())
                    .acks(Acks.ALL).deliveryTimeout(Duration.ofSeconds(30)).build())) {
                assertEquals(0, send(producer, "a").get(10, TimeUnit.SECONDS).offset());

                proxy.dropAnswers(true);
                CompletableFuture<RecordMetadata> lost = send(producer, "b");
                ConnectionFaultsIT.await(() -> p.logEndOffset() == 2); // appended; its answer thrown away
                Thread.sleep(2_500); // the producer times out and sends it again, into the same void
                proxy.dropAnswers(false);
                proxy.cut();

                assertEquals(1, lost.get(30, TimeUnit.SECONDS).offset(), "the offset the batch got the first time");
                assertEquals(2, p.logEndOffset(), "the batch is in the log once");
                assertEquals(2, send(producer, "c").get(10, TimeUnit.SECONDS).offset(), "later batches follow in sequence");
                assertEquals(3, p.logEndOffset());
            }
        }
    }

    private static CompletableFuture<RecordMetadata> send(io.rivulet.api.Producer<String, String> producer,
                                                          String value) {
        return producer.send(Flux.just(ProducerRecord.of("t", value))).next().toFuture();
    }
}
