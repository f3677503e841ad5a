package io.rivulet.engine.http;

import io.netty.handler.codec.http.QueryStringDecoder;

import java.util.List;
import java.util.Map;

/** A request's query parameters, read with bounds; a bad value is a 400 naming the parameter. */
final class Query {
    private final Map<String, List<String>> params;

    private Query(Map<String, List<String>> params) {
        this.params = params;
    }

    static Query of(String uri) {
        return new Query(new QueryStringDecoder(uri).parameters());
    }

    /** The last value of {@code name}, or null. */
    String get(String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }

    String get(String name, String otherwise) {
        String v = get(name);
        return v == null || v.isEmpty() ? otherwise : v;
    }

    /** A required, non-blank parameter. */
    String required(String name, String example) {
        String v = get(name);
        if (v == null || v.isBlank()) {
            throw HttpProblem.badRequest("the query parameter '" + name + "' is required, e.g. " + example);
        }
        return v;
    }

    long longParam(String name, long otherwise, long min, long max) {
        String v = get(name);
        if (v == null || v.isEmpty()) {
            return otherwise;
        }
        long value;
        try {
            value = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw HttpProblem.badRequest("the query parameter '" + name + "' must be a whole number but was '" + v + "'");
        }
        if (value < min || value > max) {
            throw HttpProblem.badRequest("the query parameter '" + name + "' must be from " + min + " to " + max
                    + " but was " + value);
        }
        return value;
    }

    /** Whether {@code encoding=base64} was asked for ({@code utf8}, the default, falls back to base64 per field). */
    boolean base64() {
        String e = get("encoding", "utf8");
        if (e.equalsIgnoreCase("base64")) {
            return true;
        }
        if (e.equalsIgnoreCase("utf8") || e.equalsIgnoreCase("utf-8")) {
            return false;
        }
        throw HttpProblem.badRequest("encoding must be utf8 or base64 but was '" + e + "'");
    }
}
