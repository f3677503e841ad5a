package io.rivulet.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.rivulet.api.ConsumerRecord;
import io.rivulet.api.Headers;
import io.rivulet.api.RecordOffset;
import io.rivulet.api.TopicPartition;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordFormatTest {

    private static ConsumerRecord<byte[], byte[]> record(byte[] key, byte[] value) {
        return new ConsumerRecord<>("orders", 2, 41, 1_700_000_000_123L, key, value, Headers.empty(),
                RecordOffset.unmanaged(TopicPartition.of("orders", 2), 41));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void valueFormatPrintsTheValueOnly() {
        assertEquals("héllo wörld", RecordFormat.VALUE.format(record(utf8("k"), utf8("héllo wörld"))));
        assertEquals("null", RecordFormat.VALUE.format(record(null, null)));
    }

    @Test
    void jsonFormatCarriesTopicPartitionOffsetTimestampKeyAndValueInOrder() throws Exception {
        String line = RecordFormat.JSON.format(record(utf8("user-1"), utf8("line\nbreak \"quoted\"")));
        assertFalse(line.contains("\n"), "a JSON record stays on one line: " + line);
        JsonNode node = Json.mapper().readTree(line);
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("topic", "partition", "offset", "timestamp", "key", "value"), names);
        assertEquals("orders", node.get("topic").asText());
        assertEquals(2, node.get("partition").asInt());
        assertEquals(41, node.get("offset").asLong());
        assertEquals(1_700_000_000_123L, node.get("timestamp").asLong());
        assertEquals("user-1", node.get("key").asText());
        assertEquals("line\nbreak \"quoted\"", node.get("value").asText());
    }

    @Test
    void aMissingKeyIsJsonNull() throws Exception {
        JsonNode node = Json.mapper().readTree(RecordFormat.JSON.format(record(null, utf8("v"))));
        assertTrue(node.get("key").isNull());
    }

    @Test
    void bytesThatAreNotUtf8ShowAsReplacementCharacters() throws Exception {
        byte[] value = {'a', (byte) 0xC3, (byte) 0x28, 'b', (byte) 0xFF};
        JsonNode node = Json.mapper().readTree(RecordFormat.JSON.format(record(null, value)));
        assertEquals("a\uFFFD(b\uFFFD", node.get("value").asText());
        assertEquals("a\uFFFD(b\uFFFD", RecordFormat.VALUE.format(record(null, value)));
    }
}
