package io.rivulet.engine.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.OutputStream;

/** The listener's one {@link ObjectMapper} (thread-safe once configured) and the ways it is used. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        // Bodies are bounded by http.request.max.bytes already; bound nesting too, so a hostile
        // "[[[[…" cannot recurse deeply while being parsed.
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
    }

    private Json() {
    }

    /** Parses a request body or frame; malformed JSON is a 400 saying where it broke. */
    static JsonNode parse(byte[] bytes) {
        if (bytes.length == 0) {
            throw HttpProblem.badRequest("the body is empty: send JSON");
        }
        try {
            JsonNode node = MAPPER.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw HttpProblem.badRequest("the body is empty: send JSON");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw HttpProblem.badRequest("malformed JSON: " + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw HttpProblem.badRequest("unreadable JSON: " + e.getMessage());
        }
    }

    /** {@code value} (maps, lists, records, strings, numbers) as compact JSON. */
    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** A streaming generator into {@code out}, for writing many records without an intermediate tree. */
    static JsonGenerator generator(OutputStream out) throws IOException {
        return MAPPER.getFactory().createGenerator(out);
    }

    /** An error body, {@code {"error":CODE,"message":…}}. */
    static String error(String code, String message) {
        return write(new ErrorJson(code, message));
    }

    private record ErrorJson(String error, String message) {
    }
}
