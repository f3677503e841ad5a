package io.rivulet.engine.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rivulet.api.ConsumerRecord;
import io.rivulet.api.Header;
import io.rivulet.api.Headers;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.RecordOffset;
import io.rivulet.api.TopicPartition;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Whatever bytes a record holds, what a consumer is sent can be sent back as the same record. */
class RecordJsonPropertiesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Property(tries = 300)
    void anyRecordRoundTripsThroughItsJson(@ForAll @Size(max = 64) byte[] key, @ForAll @Size(max = 256) byte[] value,
                                           @ForAll @Size(max = 32) byte[] header, @ForAll boolean forceBase64)
            throws Exception {
        TopicPartition tp = new TopicPartition("t", 0);
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("t", 0, 5, 1234, key, value,
                Headers.of(Header.of("h", header)), RecordOffset.unmanaged(tp, 5));
        JsonNode out = MAPPER.readTree(RecordJson.write(record, forceBase64));

        // The consumed form, minus what only a consumer sees, is a valid produce form.
        ((ObjectNode) out).remove(List.of("topic", "offset"));
        ProducerRecord<byte[], byte[]> back = RecordJson.parse(out, "t", "");
        assertArrayEquals(key, back.key());
        assertArrayEquals(value, back.value());
        assertArrayEquals(header, back.headers().lastValue("h").orElseThrow());
        assertEquals(0, back.partition());
        assertEquals(1234L, back.timestamp());
    }

    @Property(tries = 300)
    void positionsReadBackTheFormTheyWrite(@ForAll @Size(min = 1, max = 20) Map<@IntRange(max = 100_000) Integer,
            @IntRange(min = 0) Integer> next) {
        Map<Integer, Long> offsets = new TreeMap<>();
        next.forEach((p, o) -> offsets.put(p, (long) o));
        ConsumeFrom.Positions positions = new ConsumeFrom.Positions(offsets);
        assertEquals(positions, ConsumeFrom.parse(positions.toString()));
    }
}
