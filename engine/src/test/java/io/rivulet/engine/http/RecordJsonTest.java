package io.rivulet.engine.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.api.ConsumerRecord;
import io.rivulet.api.Header;
import io.rivulet.api.Headers;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.RecordOffset;
import io.rivulet.api.TopicPartition;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static List<ProducerRecord<byte[], byte[]>> parse(String json) {
        return RecordJson.parseBody(json.getBytes(StandardCharsets.UTF_8), "t");
    }

    @Test
    void readsOneRecordWithEveryField() {
        ProducerRecord<byte[], byte[]> r = parse("""
                {"key":"k","value":"AAEC","valueEncoding":"base64","partition":2,"timestamp":1700000000000,
                 "headers":{"trace":"abc"}}""").get(0);
        assertEquals("t", r.topic());
        assertArrayEquals("k".getBytes(StandardCharsets.UTF_8), r.key());
        assertArrayEquals(new byte[] {0, 1, 2}, r.value());
        assertEquals(2, r.partition());
        assertEquals(1_700_000_000_000L, r.timestamp());
        assertArrayEquals("abc".getBytes(StandardCharsets.UTF_8), r.headers().lastValue("trace").orElseThrow());
    }

    @Test
    void readsAnArrayAndAbsentFieldsAsNulls() {
        List<ProducerRecord<byte[], byte[]>> records = parse("[{\"value\":\"a\"},{\"key\":null,\"value\":\"é\"}]");
        assertEquals(2, records.size());
        assertNull(records.get(0).key());
        assertNull(records.get(0).partition());
        assertArrayEquals("é".getBytes(StandardCharsets.UTF_8), records.get(1).value());
    }

    @Test
    void readsHeadersAsAnArrayWithRepeatsAndBase64() {
        ProducerRecord<byte[], byte[]> r = parse("""
                {"value":"v","headers":[{"key":"h","value":"1"},{"key":"h","value":"/w==","valueEncoding":"base64"}]}""")
                .get(0);
        List<Header> hs = r.headers().all("h");
        assertEquals(2, hs.size());
        assertArrayEquals(new byte[] {(byte) 0xff}, hs.get(1).value());
    }

    @Test
    void refusesWhatItCannotReadWithAMessageSayingWhatToChange() {
        assertBad("{\"vaule\":\"x\"}", "unknown field 'vaule'");
        assertBad("[]", "non-empty array");
        assertBad("42", "record object");
        assertBad("{\"value\":1}", "must be a string");
        assertBad("{\"value\":\"***\",\"valueEncoding\":\"base64\"}", "not valid base64");
        assertBad("{\"value\":\"x\",\"valueEncoding\":\"hex\"}", "\"utf8\" or \"base64\"");
        assertBad("{\"value\":\"x\",\"partition\":-1}", "partition must be");
        assertBad("{\"value\":\"x\",\"partition\":1.5}", "partition must be");
        assertBad("{\"value\":\"x\",\"timestamp\":\"now\"}", "timestamp must be");
        assertBad("{\"value\":\"x\",\"headers\":5}", "headers must be");
        assertBad("[{\"value\":\"x\"},{\"value\":2}]", "record 1: value");
        assertBad("{\"value\":", "malformed JSON");
        assertBad("", "empty");
    }

    private static void assertBad(String json, String expected) {
        HttpProblem p = assertThrows(HttpProblem.class, () -> parse(json), json);
        assertEquals(400, p.status().code());
        assertTrue(p.getMessage().contains(expected), () -> json + " -> " + p.getMessage());
    }

    @Test
    void writesTextAsTextAndInvalidUtf8AsFlaggedBase64() throws Exception {
        byte[] binary = {(byte) 0xc3, (byte) 0x28};
        ConsumerRecord<byte[], byte[]> r = record("k".getBytes(StandardCharsets.UTF_8), binary,
                Headers.of(Header.of("h", "v".getBytes(StandardCharsets.UTF_8))));
        JsonNode json = MAPPER.readTree(RecordJson.write(r, false));
        assertEquals("t", json.get("topic").textValue());
        assertEquals(3, json.get("partition").intValue());
        assertEquals(7, json.get("offset").longValue());
        assertEquals(99, json.get("timestamp").longValue());
        assertEquals("k", json.get("key").textValue());
        assertFalse(json.has("keyEncoding"));
        assertEquals("base64", json.get("valueEncoding").textValue());
        assertArrayEquals(binary, Base64.getDecoder().decode(json.get("value").textValue()));
        assertEquals("v", json.get("headers").get(0).get("value").textValue());
    }

    @Test
    void writesEverythingAsBase64WhenAsked() throws Exception {
        JsonNode json = MAPPER.readTree(RecordJson.write(record(null, "hi".getBytes(StandardCharsets.UTF_8),
                Headers.empty()), true));
        assertTrue(json.get("key").isNull());
        assertEquals("aGk=", json.get("value").textValue());
        assertEquals("base64", json.get("valueEncoding").textValue());
    }

    @Test
    void roundTripsThroughTheProduceForm() throws Exception {
        byte[] value = {0, (byte) 0xfe, 65};
        JsonNode written = MAPPER.readTree(RecordJson.write(record("k".getBytes(StandardCharsets.UTF_8), value,
                Headers.empty()), false));
        String asInput = "{\"key\":" + written.get("key") + ",\"value\":" + written.get("value")
                + ",\"valueEncoding\":" + written.get("valueEncoding") + "}";
        assertArrayEquals(value, parse(asInput).get(0).value());
    }

    private static ConsumerRecord<byte[], byte[]> record(byte[] key, byte[] value, Headers headers) {
        TopicPartition tp = new TopicPartition("t", 3);
        return new ConsumerRecord<>("t", 3, 7, 99, key, value, headers, RecordOffset.unmanaged(tp, 7));
    }
}
