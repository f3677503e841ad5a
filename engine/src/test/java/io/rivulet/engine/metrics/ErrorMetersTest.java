package io.rivulet.engine.metrics;

import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.NewTopic;
import io.rivulet.api.StartAt;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.RecordTooLargeException;
import io.rivulet.api.errors.UnknownTopicException;
import io.rivulet.api.serde.Serdes;
import io.rivulet.engine.partition.Partition;
import io.rivulet.storage.batch.RecordBatchBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ErrorMetersTest {
    @TempDir
    Path dir;

    @Test
    void aBatchOverMaxMessageBytesCountsOneRecordTooLarge() {
        try (MeteredEngine m = MeteredEngine.open(dir);
             RecordBatchBuilder builder = new RecordBatchBuilder(64 * 1024)) {
            m.rivulet.admin().createTopic(NewTopic.of("small").withConfig("max.message.bytes", "1024")).block();
            Partition p = m.engine.topics().partition(new TopicPartition("small", 0));
            byte[] big = new byte[4096];
            Arrays.fill(big, (byte) 'x');

            assertThrows(RecordTooLargeException.class,
                    () -> p.append(builder.reset().append(System.currentTimeMillis(), null, big).build()));

            assertEquals(1, m.counter("rivulet.errors", "code", "RECORD_TOO_LARGE"));
            assertEquals(0, m.counter("rivulet.records.in", "topic", "small"), "nothing was appended");
        }
    }

    @Test
    void readingAnUnknownTopicCountsOneUnknownTopic() {
        try (MeteredEngine m = MeteredEngine.open(dir, Map.of("auto.create.topics.enable", "false"))) {
            assertEquals(0, m.counter("rivulet.errors", "code", "UNKNOWN_TOPIC"), "registered up front at 0");

            assertThrows(UnknownTopicException.class, () -> m.rivulet.consumer(
                    ConsumerOptions.builder(Serdes.string(), Serdes.string()).build())
                    .read(new TopicPartition("nope", 0), StartAt.earliest()).blockFirst());
            assertThrows(UnknownTopicException.class, () -> m.rivulet.admin().describeTopic("nope").block());

            assertEquals(2, m.counter("rivulet.errors", "code", "UNKNOWN_TOPIC"));
        }
    }

    @Test
    void otherLayersCountTheirErrorsThroughTheSameCounter() {
        try (MeteredEngine m = MeteredEngine.open(dir)) {
            m.metrics.errors(ErrorCode.SERIALIZATION);
            m.metrics.errors(ErrorCode.SERIALIZATION);
            assertEquals(2, m.counter("rivulet.errors", "code", "SERIALIZATION"));
            assertEquals(ErrorCode.values().length, m.metrics.registry().find("rivulet.errors").counters().size(),
                    "one series per code, no more");
        }
    }
}
