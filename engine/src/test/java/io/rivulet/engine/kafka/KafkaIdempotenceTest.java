package io.rivulet.engine.kafka;

import io.rivulet.api.NewTopic;
import io.rivulet.engine.testing.KafkaDoor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The idempotent producer's retries, as the Java client sends them: the same batch (producer id, epoch,
 * sequence) again after its connection dropped or after Rivulet restarted is answered with the offset it got
 * the first time and not stored twice; a gap in the sequence is refused.
 */
class KafkaIdempotenceTest {
    private static final short V = 9;

    @TempDir
    Path dir;
    private KafkaDoor door;

    @BeforeEach
    void open() {
        door = KafkaDoor.open(dir, Map.of());
        door.rivulet().admin().createTopic(NewTopic.of("t").withPartitions(1)).block();
    }

    @AfterEach
    void close() {
        door.close();
    }

    @Test
    void aBatchRetriedOnANewConnectionIsAnsweredWithItsFirstOffset() throws Exception {
        long producerId = initProducerId();
        try (RawKafkaClient c = client()) {
            assertEquals(0, produce(c, batch(producerId, 0, "a", "b")).baseOffset());
            assertEquals(2, produce(c, batch(producerId, 2, "c")).baseOffset());
        }
        try (RawKafkaClient retry = client()) {
            ProduceResponseData.PartitionProduceResponse again = produce(retry, batch(producerId, 2, "c"));
            assertEquals(Errors.NONE.code(), again.errorCode());
            assertEquals(2, again.baseOffset(), "the duplicate is answered with the first offset");
        }
        assertEquals(3, logEnd(), "and not stored again");
    }

    @Test
    void aBatchRetriedAfterARestartIsNotStoredTwice() throws Exception {
        long producerId = initProducerId();
        try (RawKafkaClient c = client()) {
            produce(c, batch(producerId, 0, "a"));
            produce(c, batch(producerId, 1, "b", "c"));
        }
        door.restart();
        try (RawKafkaClient c = client()) {
            ProduceResponseData.PartitionProduceResponse again = produce(c, batch(producerId, 1, "b", "c"));
            assertEquals(Errors.NONE.code(), again.errorCode());
            assertEquals(1, again.baseOffset());
            assertEquals(3, produce(c, batch(producerId, 3, "d")).baseOffset(), "the sequence goes on after the restart");
        }
        assertEquals(4, logEnd());
    }

    @Test
    void aGapInTheSequenceIsRefusedAndNothingIsStored() throws Exception {
        long producerId = initProducerId();
        try (RawKafkaClient c = client()) {
            produce(c, batch(producerId, 0, "a"));
            ProduceResponseData.PartitionProduceResponse gap = produce(c, batch(producerId, 5, "f"));
            assertEquals(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER.code(), gap.errorCode());
        }
        assertEquals(1, logEnd());
    }

    @Test
    void eachInitProducerIdGetsANewIdAndABumpKeepsTheIdWithTheNextEpoch() throws Exception {
        long first = initProducerId();
        long second = initProducerId();
        assertNotEquals(first, second);
        assertTrue(first > 0 && second > 0);
        try (RawKafkaClient c = client()) {
            int id = c.send(ApiKeys.INIT_PRODUCER_ID, (short) 4, new InitProducerIdRequestData()
                    .setTransactionalId(null).setTransactionTimeoutMs(60_000).setProducerId(first).setProducerEpoch((short) 0));
            InitProducerIdResponseData r = new InitProducerIdResponseData(new ByteBufferAccessor(
                    c.receive(ApiKeys.INIT_PRODUCER_ID, (short) 4, id)), (short) 4);
            assertEquals(first, r.producerId());
            assertEquals(1, r.producerEpoch());
        }
    }

    private long logEnd() {
        return door.rivulet().engine().topics().find("t").partition(0).logEndOffset();
    }

    private RawKafkaClient client() throws Exception {
        return new RawKafkaClient(door.listener().port());
    }

    private long initProducerId() throws Exception {
        try (RawKafkaClient c = client()) {
            int id = c.send(ApiKeys.INIT_PRODUCER_ID, (short) 4, new InitProducerIdRequestData()
                    .setTransactionalId(null).setTransactionTimeoutMs(60_000));
            InitProducerIdResponseData r = new InitProducerIdResponseData(new ByteBufferAccessor(
                    c.receive(ApiKeys.INIT_PRODUCER_ID, (short) 4, id)), (short) 4);
            assertEquals(0, r.errorCode());
            assertEquals(0, r.producerEpoch());
            return r.producerId();
        }
    }

    private static MemoryRecords batch(long producerId, int sequence, String... values) {
        SimpleRecord[] rs = new SimpleRecord[values.length];
        for (int i = 0; i < values.length; i++) {
            rs[i] = new SimpleRecord(values[i].getBytes(StandardCharsets.UTF_8));
        }
        return MemoryRecords.withIdempotentRecords(Compression.NONE, producerId, (short) 0, sequence, rs);
    }

    private static ProduceResponseData.PartitionProduceResponse produce(RawKafkaClient c, MemoryRecords records)
            throws Exception {
        ProduceRequestData request = new ProduceRequestData().setAcks((short) -1).setTimeoutMs(30_000);
        ProduceRequestData.TopicProduceData t = new ProduceRequestData.TopicProduceData().setName("t");
        t.partitionData().add(new ProduceRequestData.PartitionProduceData().setIndex(0).setRecords(records));
        request.topicData().add(t);
        int id = c.send(ApiKeys.PRODUCE, V, request);
        ProduceResponseData r = new ProduceResponseData(new ByteBufferAccessor(c.receive(ApiKeys.PRODUCE, V, id)), V);
        return r.responses().iterator().next().partitionResponses().get(0);
    }
}
