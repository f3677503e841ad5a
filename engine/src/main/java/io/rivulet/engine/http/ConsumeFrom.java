package io.rivulet.engine.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.rivulet.api.StartAt;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a WebSocket consume starts, from its {@code from} parameter: one {@link StartAt} for every
 * partition ({@code earliest}, {@code latest}, {@code offset:N}, {@code time:ISO-8601}), or
 * {@code positions:0=12,1=40} — the next offset to deliver per partition, which is how a client that
 * kept the last offset it saw of each partition reconnects without replaying or skipping. Partitions
 * a {@code positions:} form does not list start at {@code earliest}: nothing of them was seen.
 */
sealed interface ConsumeFrom {
    /** The accepted forms, for error messages. */
    String FORMS = "use earliest, latest, offset:N, time:ISO-8601 or positions:P=N,P=N (e.g. positions:0=12,1=40)";
    /** The most partitions a positions: form may list; a topic has at most 100,000. */
    int MAX_POSITIONS = 100_000;

    /** Where {@code partition} starts. */
    StartAt startFor(int partition);

    /** The same start position for every partition. */
    record Every(StartAt start) implements ConsumeFrom {
        @Override
        public StartAt startFor(int partition) {
            return start;
        }
    }

    /** The next offset per partition; unlisted partitions start at the earliest record. */
    record Positions(Map<Integer, Long> next) implements ConsumeFrom {
        public Positions {
            next = Collections.unmodifiableMap(new TreeMap<>(next));
        }

        @Override
        public StartAt startFor(int partition) {
            Long offset = next.get(partition);
            return offset == null ? StartAt.earliest() : StartAt.offset(offset);
        }

        /** The text form, {@code positions:0=12,1=40}. */
        @Override
        public String toString() {
            StringBuilder s = new StringBuilder("positions:");
            next.forEach((p, o) -> s.append(s.length() > "positions:".length() ? "," : "").append(p).append('=').append(o));
            return s.toString();
        }
    }

    /**
     * Reads a {@code from} parameter; absent means {@code latest} (a live view starts now).
     *
     * @throws HttpProblem 400 {@code INVALID_OFFSET} naming the input and the accepted forms
     */
    static ConsumeFrom parse(String text) {
        if (text == null || text.isBlank()) {
            return new Every(StartAt.latest());
        }
        String trimmed = text.trim();
        if (!trimmed.toLowerCase(Locale.ROOT).startsWith("positions:")) {
            try {
                return new Every(StartAt.parse(trimmed));
            } catch (io.rivulet.api.errors.InvalidOffsetException e) {
                throw invalid(trimmed);
            }
        }
        Map<Integer, Long> next = new TreeMap<>();
        String list = trimmed.substring("positions:".length());
        if (list.isBlank()) {
            throw invalid(trimmed);
        }
        for (String pair : list.split(",", -1)) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                throw invalid(trimmed);
            }
            int partition;
            long offset;
            try {
                partition = Integer.parseInt(pair.substring(0, eq).trim());
                offset = Long.parseLong(pair.substring(eq + 1).trim());
            } catch (NumberFormatException e) {
                throw invalid(trimmed);
            }
            if (partition < 0 || offset < 0) {
                throw new HttpProblem(HttpResponseStatus.BAD_REQUEST, "INVALID_OFFSET", "invalid start position '"
                        + abbreviate(trimmed) + "': partitions and offsets must be >= 0");
            }
            if (next.put(partition, offset) != null) {
                throw new HttpProblem(HttpResponseStatus.BAD_REQUEST, "INVALID_OFFSET", "invalid start position '"
                        + abbreviate(trimmed) + "': partition " + partition + " is listed twice");
            }
            if (next.size() > MAX_POSITIONS) {
                throw invalid(trimmed);
            }
        }
        return new Positions(next);
    }

    private static HttpProblem invalid(String text) {
        return new HttpProblem(HttpResponseStatus.BAD_REQUEST, "INVALID_OFFSET",
                "invalid start position '" + abbreviate(text) + "': " + FORMS);
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }
}
