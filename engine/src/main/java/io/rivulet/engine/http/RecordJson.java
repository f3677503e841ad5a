package io.rivulet.engine.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.rivulet.api.ConsumerRecord;
import io.rivulet.api.Header;
import io.rivulet.api.Headers;
import io.rivulet.api.ProducerRecord;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Records as JSON, both ways; pure functions, no I/O.
 *
 * <p>In (POST bodies and produce frames): {@code {"key":…, "value":…, "keyEncoding":"utf8|base64",
 * "valueEncoding":"utf8|base64", "partition":n, "timestamp":ms, "headers":{"k":"v"} or
 * [{"key":"k","value":"v","valueEncoding":"base64"}]}}; every field is optional, an absent or null
 * key or value is a null one. Unknown fields are refused, so a typo ({@code "vaule"}) is not silently
 * dropped.
 *
 * <p>Out (record reads and consume frames): {@code {"topic","partition","offset","timestamp","key",
 * "value","headers":[{"key","value"}]}}; a key, value or header value is UTF-8 text unless it is not
 * valid UTF-8 or base64 was asked for, in which case it is base64 and flagged by
 * {@code "keyEncoding"/"valueEncoding":"base64"} beside it.
 */
final class RecordJson {
    private static final Set<String> RECORD_FIELDS =
            Set.of("key", "value", "keyEncoding", "valueEncoding", "partition", "timestamp", "headers");
    private static final Set<String> HEADER_FIELDS = Set.of("key", "value", "valueEncoding");

    private RecordJson() {
    }

    /** The records of a POST body: one JSON object or a non-empty array of them. */
    static List<ProducerRecord<byte[], byte[]>> parseBody(byte[] body, String topic) {
        JsonNode root = Json.parse(body);
        if (root.isObject()) {
            return List.of(parse(root, topic, ""));
        }
        if (!root.isArray() || root.isEmpty()) {
            throw HttpProblem.badRequest("the body must be a record object or a non-empty array of them, e.g. "
                    + "{\"key\":\"k\",\"value\":\"v\"}");
        }
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            records.add(parse(root.get(i), topic, "record " + i + ": "));
        }
        return records;
    }

    /** One record object; {@code where} prefixes messages (e.g. "record 3: "). */
    static ProducerRecord<byte[], byte[]> parse(JsonNode node, String topic, String where) {
        if (!node.isObject()) {
            throw HttpProblem.badRequest(where + "a record must be a JSON object, e.g. {\"key\":\"k\",\"value\":\"v\"}");
        }
        rejectUnknown(node, RECORD_FIELDS, where + "record");
        boolean keyBase64 = encoding(node, "keyEncoding", where);
        boolean valueBase64 = encoding(node, "valueEncoding", where);
        byte[] key = bytes(node.get("key"), keyBase64, where + "key");
        byte[] value = bytes(node.get("value"), valueBase64, where + "value");
        Integer partition = null;
        JsonNode p = node.get("partition");
        if (p != null && !p.isNull()) {
            if (!p.canConvertToInt() || !p.isIntegralNumber() || p.intValue() < 0) {
                throw HttpProblem.badRequest(where + "partition must be a whole number >= 0 but was " + p);
            }
            partition = p.intValue();
        }
        Long timestamp = null;
        JsonNode t = node.get("timestamp");
        if (t != null && !t.isNull()) {
            if (!t.isIntegralNumber() || !t.canConvertToLong() || t.longValue() < 0) {
                throw HttpProblem.badRequest(where + "timestamp must be milliseconds since the epoch (>= 0) but was " + t);
            }
            timestamp = t.longValue();
        }
        return new ProducerRecord<>(topic, partition, key, value, timestamp, headers(node.get("headers"), where));
    }

    /** A consumed record as one line of JSON (UTF-8 bytes), ready to be a WebSocket frame or array element. */
    static byte[] write(ConsumerRecord<byte[], byte[]> record, boolean forceBase64) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + length(record.key()) + length(record.value()));
        try (JsonGenerator g = Json.generator(out)) {
            write(g, record, forceBase64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes a consumed record as a JSON object into {@code g}. */
    static void write(JsonGenerator g, ConsumerRecord<byte[], byte[]> record, boolean forceBase64) throws IOException {
        g.writeStartObject();
        g.writeStringField("topic", record.topic());
        g.writeNumberField("partition", record.partition());
        g.writeNumberField("offset", record.offset());
        g.writeNumberField("timestamp", record.timestamp());
        writeBytes(g, "key", "keyEncoding", record.key(), forceBase64);
        writeBytes(g, "value", "valueEncoding", record.value(), forceBase64);
        g.writeArrayFieldStart("headers");
        for (Header h : record.headers()) {
            g.writeStartObject();
            g.writeStringField("key", h.key());
            writeBytes(g, "value", "valueEncoding", h.value(), forceBase64);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeBytes(JsonGenerator g, String field, String encodingField, byte[] bytes,
                                   boolean forceBase64) throws IOException {
        if (bytes == null) {
            g.writeNullField(field);
            return;
        }
        String text = forceBase64 ? null : utf8OrNull(bytes);
        if (text != null) {
            g.writeStringField(field, text);
        } else {
            g.writeStringField(field, Base64.getEncoder().encodeToString(bytes));
            g.writeStringField(encodingField, "base64");
        }
    }

    /** The text, or null if {@code bytes} are not well-formed UTF-8 (then only base64 keeps them intact). */
    static String utf8OrNull(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static Headers headers(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return Headers.empty();
        }
        List<Header> headers = new ArrayList<>();
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                headers.add(Header.of(e.getKey(), bytes(e.getValue(), false, where + "header '" + e.getKey() + "'")));
            }
        } else if (node.isArray()) {
            for (JsonNode h : node) {
                if (!h.isObject() || !h.hasNonNull("key") || !h.get("key").isTextual()) {
                    throw HttpProblem.badRequest(where + "each header must be {\"key\":\"name\",\"value\":\"text\"}");
                }
                rejectUnknown(h, HEADER_FIELDS, where + "header");
                String key = h.get("key").textValue();
                headers.add(Header.of(key, bytes(h.get("value"), encoding(h, "valueEncoding", where),
                        where + "header '" + key + "'")));
            }
        } else {
            throw HttpProblem.badRequest(where + "headers must be an object {\"name\":\"value\"} or an array of "
                    + "{\"key\":\"name\",\"value\":\"value\"}");
        }
        return Headers.of(headers);
    }

    private static boolean encoding(JsonNode node, String field, String where) {
        JsonNode e = node.get(field);
        if (e == null || e.isNull()) {
            return false;
        }
        String name = e.isTextual() ? e.textValue() : e.toString();
        if (name.equalsIgnoreCase("base64")) {
            return true;
        }
        if (name.equalsIgnoreCase("utf8") || name.equalsIgnoreCase("utf-8")) {
            return false;
        }
        throw HttpProblem.badRequest(where + field + " must be \"utf8\" or \"base64\" but was " + e);
    }

    private static byte[] bytes(JsonNode node, boolean base64, String what) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw HttpProblem.badRequest(what + " must be a string (UTF-8 text, or base64 with "
                    + (what.endsWith("key") ? "keyEncoding" : "valueEncoding") + ":\"base64\") but was " + node.getNodeType()
                    .name().toLowerCase(Locale.ROOT));
        }
        String text = node.textValue();
        if (!base64) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badRequest(what + " is not valid base64: " + e.getMessage());
        }
    }

    private static void rejectUnknown(JsonNode node, Set<String> known, String what) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                throw HttpProblem.badRequest(what + " has an unknown field '" + name + "': the fields are "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }
}
