package io.rivulet.storage.log;

import io.rivulet.storage.StorageException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of one partition log, with Kafka's names where the concept is Kafka's. Immutable;
 * {@link #SETTINGS} declares each once (name, default, bounds, documentation) and
 * {@code docs/configuration.md} is checked against it by a test.
 */
public record LogConfig(
        int segmentBytes,
        long segmentMs,
        int segmentIndexBytes,
        int indexIntervalBytes,
        long retentionMs,
        long retentionBytes,
        int maxMessageBytes,
        long flushMessages,
        long flushMs,
        boolean preallocate,
        int mappedSegmentsMax) {

    /** One declared setting. */
    public record Setting(String name, long defaultValue, long min, long max, String doc) {
    }

    public static final List<Setting> SETTINGS = List.of(
            new Setting("segment.bytes", 1L << 30, 4096, Integer.MAX_VALUE,
                    "Size of a segment file; the active segment rolls when the next batch would not fit."),
            new Setting("segment.ms", 7L * 24 * 3600 * 1000, 1, Long.MAX_VALUE,
                    "Age after which the active segment rolls even if not full, so retention can delete it."),
            new Setting("segment.index.bytes", 10L << 20, 4096, Integer.MAX_VALUE,
                    "Capacity of each segment's offset and time index files; a full index rolls the segment."),
            new Setting("index.interval.bytes", 4096, 0, Integer.MAX_VALUE,
                    "Bytes of log between two offset-index entries: smaller finds offsets faster, larger indexes less."),
            new Setting("retention.ms", 7L * 24 * 3600 * 1000, -1, Long.MAX_VALUE,
                    "Delete a sealed segment once its newest record is older than this; -1 keeps records forever."),
            new Setting("retention.bytes", -1, -1, Long.MAX_VALUE,
                    "Delete the oldest sealed segments while the log is larger than this; -1 means no size limit."),
            new Setting("max.message.bytes", 1L << 20, RecordBatchLimits.MIN_BATCH, Integer.MAX_VALUE,
                    "Largest record batch the log accepts."),
            new Setting("flush.messages", Long.MAX_VALUE, 1, Long.MAX_VALUE,
                    "fsync after this many records; the default leaves it to segment roll (replication covers the rest)."),
            new Setting("flush.ms", Long.MAX_VALUE, 0, Long.MAX_VALUE,
                    "fsync when this long has passed since the last one; checked on append and by the engine's flusher."),
            new Setting("preallocate", 1, 0, 1,
                    "Prepare and pre-touch the next segment file in the background so a roll never waits on page faults (1 on, 0 off)."),
            new Setting("mapped.segments.max", 16, 1, 1 << 20,
                    "Sealed segments of one log that stay memory-mapped; older ones are unmapped until read again."));

    public LogConfig {
        check("segment.bytes", segmentBytes);
        check("segment.ms", segmentMs);
        check("segment.index.bytes", segmentIndexBytes);
        check("index.interval.bytes", indexIntervalBytes);
        check("retention.ms", retentionMs);
        check("retention.bytes", retentionBytes);
        check("max.message.bytes", maxMessageBytes);
        check("flush.messages", flushMessages);
        check("flush.ms", flushMs);
        check("mapped.segments.max", mappedSegmentsMax);
        if (maxMessageBytes > segmentBytes) {
            throw new InvalidLogConfigException("max.message.bytes=" + maxMessageBytes
                    + " is larger than segment.bytes=" + segmentBytes + ": a batch must fit in one segment");
        }
    }

    /** Kafka's defaults. */
    public static LogConfig defaults() {
        return from(Map.of());
    }

    /** Reads settings by name; unknown names are ignored here (topics carry other settings too). */
    public static LogConfig from(Map<String, String> values) {
        Map<String, Long> v = new LinkedHashMap<>();
        for (Setting s : SETTINGS) {
            String raw = values.get(s.name());
            v.put(s.name(), raw == null ? s.defaultValue() : parse(s, raw));
        }
        return new LogConfig(
                v.get("segment.bytes").intValue(),
                v.get("segment.ms"),
                v.get("segment.index.bytes").intValue(),
                v.get("index.interval.bytes").intValue(),
                v.get("retention.ms"),
                v.get("retention.bytes"),
                v.get("max.message.bytes").intValue(),
                v.get("flush.messages"),
                v.get("flush.ms"),
                v.get("preallocate") != 0,
                v.get("mapped.segments.max").intValue());
    }

    /** This config with one setting changed, by its name. */
    public LogConfig with(String name, Object value) {
        Map<String, String> m = new LinkedHashMap<>(toMap());
        m.put(name, String.valueOf(value));
        return from(m);
    }

    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("segment.bytes", String.valueOf(segmentBytes));
        m.put("segment.ms", String.valueOf(segmentMs));
        m.put("segment.index.bytes", String.valueOf(segmentIndexBytes));
        m.put("index.interval.bytes", String.valueOf(indexIntervalBytes));
        m.put("retention.ms", String.valueOf(retentionMs));
        m.put("retention.bytes", String.valueOf(retentionBytes));
        m.put("max.message.bytes", String.valueOf(maxMessageBytes));
        m.put("flush.messages", String.valueOf(flushMessages));
        m.put("flush.ms", String.valueOf(flushMs));
        m.put("preallocate", preallocate ? "1" : "0");
        m.put("mapped.segments.max", String.valueOf(mappedSegmentsMax));
        return m;
    }

    private static long parse(Setting s, String raw) {
        String t = raw.trim();
        if (s.name().equals("preallocate") && (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false"))) {
            return t.equalsIgnoreCase("true") ? 1 : 0;
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new InvalidLogConfigException(s.name() + "=" + raw + " is not a number; expected an integer in ["
                    + s.min() + ", " + s.max() + "], default " + s.defaultValue());
        }
    }

    private static void check(String name, long value) {
        Setting s = SETTINGS.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        if (value < s.min() || value > s.max()) {
            throw new InvalidLogConfigException(name + "=" + value + " is out of range; expected ["
                    + s.min() + ", " + s.max() + "], default " + s.defaultValue());
        }
    }

    /** A setting with a value the log cannot use. */
    public static final class InvalidLogConfigException extends StorageException {
        public InvalidLogConfigException(String message) {
            super(message);
        }
    }

    private static final class RecordBatchLimits {
        static final int MIN_BATCH = io.rivulet.storage.batch.RecordBatch.HEADER_SIZE;
    }
}
