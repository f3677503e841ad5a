package io.rivulet.engine.kafka;

import io.rivulet.api.NewTopic;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.serde.Serdes;
import io.rivulet.engine.partition.Partition;
import io.rivulet.engine.testing.KafkaDoor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fetch long-polls on the partition's append signal, and answers offsets outside the log with OFFSET_OUT_OF_RANGE. */
class KafkaFetchTest {
    private static final short V = 12;

    @TempDir
    Path dir;
    private KafkaDoor door;
    private Partition partition;

    @BeforeEach
    void open() {
        door = KafkaDoor.open(dir, Map.of());
        door.rivulet().admin().createTopic(NewTopic.of("t").withPartitions(1)).block();
        partition = door.rivulet().engine().topics().find("t").partition(0);
    }

    @AfterEach
    void close() {
        door.close();
    }

    @Test
    void aFetchAtTheEndParksUntilARecordIsAppendedAndThenReturnsIt() throws Exception {
        try (RawKafkaClient c = new RawKafkaClient(door.listener().port())) {
            // a wait far longer than the test: if the append did not wake the fetch, it would come back empty
            int id = c.send(ApiKeys.FETCH, V, fetch(0, 120_000));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partition.parkedReaders() == 0) {
                assertTrue(System.nanoTime() < deadline, "the fetch parks on the partition");
                Thread.sleep(5);
            }
            door.rivulet().producer(ProducerOptions.of(Serdes.string(), Serdes.string()))
                    .send(reactor.core.publisher.Flux.just(ProducerRecord.<String, String>of("t", "k", "hello")))
                    .blockLast(Duration.ofSeconds(30));
            FetchResponseData.PartitionData p = receive(c, id);
            assertEquals(Errors.NONE.code(), p.errorCode());
            assertEquals(1, p.highWatermark());
            Record r = ((MemoryRecords) p.records()).records().iterator().next();
            assertEquals(0, r.offset());
            assertEquals("hello", java.nio.charset.StandardCharsets.UTF_8.decode(r.value()).toString());
            assertEquals(0, partition.parkedReaders(), "the answered fetch no longer waits");
        }
    }

    @Test
    void aFetchPastTheLogEndGetsOffsetOutOfRangeAtOnce() throws Exception {
        try (RawKafkaClient c = new RawKafkaClient(door.listener().port())) {
            int id = c.send(ApiKeys.FETCH, V, fetch(5, 120_000));
            assertEquals(Errors.OFFSET_OUT_OF_RANGE.code(), receive(c, id).errorCode());
        }
    }

    private static FetchRequestData fetch(long offset, int maxWaitMs) {
        FetchRequestData f = new FetchRequestData().setMaxWaitMs(maxWaitMs).setMinBytes(1).setMaxBytes(1 << 20)
                .setSessionId(0).setSessionEpoch(-1);
        FetchRequestData.FetchTopic t = new FetchRequestData.FetchTopic().setTopic("t");
        t.partitions().add(new FetchRequestData.FetchPartition().setPartition(0).setFetchOffset(offset)
                .setPartitionMaxBytes(1 << 20));
        f.topics().add(t);
        return f;
    }

    private static FetchResponseData.PartitionData receive(RawKafkaClient c, int id) throws Exception {
        FetchResponseData r = new FetchResponseData(new ByteBufferAccessor(c.receive(ApiKeys.FETCH, V, id)), V);
        return r.responses().get(0).partitions().get(0);
    }
}
