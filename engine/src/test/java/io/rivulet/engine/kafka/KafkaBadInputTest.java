package io.rivulet.engine.kafka;

import io.rivulet.api.NewTopic;
import io.rivulet.engine.metrics.ListenerMetrics;
import io.rivulet.engine.testing.KafkaDoor;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input reaches only the request or connection that sent it: a corrupt or misdirected batch gets its error
 * code and the connection goes on; what the door cannot parse closes that connection and no other.
 */
class KafkaBadInputTest {
    private static final short PRODUCE_V = 9;

    @TempDir
    Path dir;
    private KafkaDoor door;

    @BeforeEach
    void open() {
        door = KafkaDoor.open(dir, Map.of());
        door.rivulet().admin().createTopic(NewTopic.of("t").withPartitions(3)).block();
    }

    @AfterEach
    void close() {
        door.close();
    }

    @Test
    void aNewerClientsApiVersionsGetsUnsupportedVersionWithTheTableInTheOldestLayout() throws Exception {
        try (RawKafkaClient c = client()) {
            int id = c.send(ApiKeys.API_VERSIONS, (short) 3, new ApiVersionsRequestData()
                    .setClientSoftwareName("x").setClientSoftwareVersion("1"));
            ApiVersionsResponseData ok = new ApiVersionsResponseData(new ByteBufferAccessor(
                    c.receive(ApiKeys.API_VERSIONS, (short) 3, id)), (short) 3);
            assertEquals(0, ok.errorCode());
            assertEquals(ApiTable.advertised().size(), ok.apiKeys().size());

            // version 9 does not exist yet: the header parses, the body is answered in the v0 layout
            ByteBuffer header = ByteBuffer.allocate(2 + 2 + 4 + 2 + 1); // header v2: no client id, no tagged fields
            header.putShort(ApiKeys.API_VERSIONS.id).putShort((short) 9).putInt(77).putShort((short) -1).put((byte) 0).flip();
            c.sendFrame(header.array(), 0, header.limit());
            ApiVersionsResponseData refused = new ApiVersionsResponseData(new ByteBufferAccessor(
                    c.receive(ApiKeys.API_VERSIONS, (short) 0, 77)), (short) 0);
            assertEquals(Errors.UNSUPPORTED_VERSION.code(), refused.errorCode());
            assertEquals(4, refused.apiKeys().find(ApiKeys.API_VERSIONS.id).maxVersion());
        }
    }

    @Test
    void anUnknownApiKeyClosesOnlyItsOwnConnection() throws Exception {
        ListenerMetrics meters = door.rivulet().engine().metrics().listener(ListenerMetrics.Listener.KAFKA);
        try (RawKafkaClient bad = client(); RawKafkaClient good = client()) {
            assertApiVersionsAnswered(good);
            // the other connection may still be on its way through the acceptor: wait for it, do not race it
            awaitOpenConnections(meters, 2, "the door counts its connections");
            ByteBuffer header = ByteBuffer.allocate(10);
            header.putShort((short) 999).putShort((short) 0).putInt(1).putShort((short) -1).flip();
            bad.sendFrame(header.array(), 0, header.limit());
            assertTrue(bad.closedByServer());
            assertApiVersionsAnswered(good);
            awaitOpenConnections(meters, 1, "the closed connection is no longer counted");
        }
    }

    private static void awaitOpenConnections(ListenerMetrics meters, long expected, String what) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (meters.openConnections() != expected) {
            assertTrue(System.nanoTime() < deadline, what + ": " + meters.openConnections() + " open, not " + expected);
            Thread.sleep(5);
        }
    }

    @Test
    void aRequestLargerThanTheBoundClosesItsConnectionBeforeAnythingIsRead() throws Exception {
        try (RawKafkaClient bad = client(); RawKafkaClient good = client()) {
            bad.sendSizeOnly(KafkaSettings.DEFAULT_MAX_REQUEST_BYTES + 1);
            assertTrue(bad.closedByServer());
            assertApiVersionsAnswered(good);
        }
    }

    @Test
    void aCorruptBatchGetsCorruptMessageAndTheConnectionGoesOn() throws Exception {
        MemoryRecords records = records("a", "b");
        ByteBuffer bytes = records.buffer();
        bytes.put(bytes.limit() - 1, (byte) (bytes.get(bytes.limit() - 1) ^ 0x5a)); // a payload byte: CRC no longer matches
        try (RawKafkaClient c = client()) {
            assertEquals(Errors.CORRUPT_MESSAGE, produce(c, "t", 0, records));
            assertEquals(Errors.NONE, produce(c, "t", 0, records("c")), "the same connection still produces");
        }
        assertEquals(1, door.rivulet().engine().topics().find("t").partition(0).logEndOffset(),
                "only the good batch was stored");
    }

    @Test
    void aBatchForAPartitionThatDoesNotExistGetsUnknownTopicOrPartition() throws Exception {
        try (RawKafkaClient c = client()) {
            assertEquals(Errors.UNKNOWN_TOPIC_OR_PARTITION, produce(c, "t", 7, records("a")));
            assertEquals(Errors.UNKNOWN_TOPIC_OR_PARTITION, produce(c, "nope", 0, records("a")));
        }
    }

    @Test
    void aBatchLargerThanMaxMessageBytesGetsMessageTooLarge() throws Exception {
        door.rivulet().admin().createTopic(NewTopic.of("small").withPartitions(1)
                .withConfig("max.message.bytes", "1024")).block();
        try (RawKafkaClient c = client()) {
            assertEquals(Errors.MESSAGE_TOO_LARGE, produce(c, "small", 0, records("x".repeat(4000))));
            assertEquals(Errors.NONE, produce(c, "small", 0, records("fits")));
        }
    }

    private RawKafkaClient client() throws Exception {
        return new RawKafkaClient(door.listener().port());
    }

    private static void assertApiVersionsAnswered(RawKafkaClient c) throws Exception {
        int id = c.send(ApiKeys.API_VERSIONS, (short) 0, new ApiVersionsRequestData());
        ApiVersionsResponseData r = new ApiVersionsResponseData(new ByteBufferAccessor(
                c.receive(ApiKeys.API_VERSIONS, (short) 0, id)), (short) 0);
        assertEquals(0, r.errorCode());
    }

    private static MemoryRecords records(String... values) {
        SimpleRecord[] rs = new SimpleRecord[values.length];
        for (int i = 0; i < values.length; i++) {
            rs[i] = new SimpleRecord(values[i].getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return MemoryRecords.withRecords(Compression.NONE, rs);
    }

    private static Errors produce(RawKafkaClient c, String topic, int partition, MemoryRecords records) throws Exception {
        ProduceRequestData request = new ProduceRequestData().setAcks((short) 1).setTimeoutMs(30_000);
        ProduceRequestData.TopicProduceData t = new ProduceRequestData.TopicProduceData().setName(topic);
        t.partitionData().add(new ProduceRequestData.PartitionProduceData().setIndex(partition).setRecords(records));
        request.topicData().add(t);
        int id = c.send(ApiKeys.PRODUCE, PRODUCE_V, request);
        ProduceResponseData r = new ProduceResponseData(new ByteBufferAccessor(c.receive(ApiKeys.PRODUCE, PRODUCE_V, id)),
                PRODUCE_V);
        return Errors.forCode(r.responses().iterator().next().partitionResponses().get(0).errorCode());
    }
}
