package io.rivulet.engine.net;

import io.netty.buffer.ByteBuf;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.IllegalGenerationException;
import io.rivulet.api.errors.InvalidConfigException;
import io.rivulet.api.errors.InvalidOffsetException;
import io.rivulet.api.errors.InvalidTopicException;
import io.rivulet.api.errors.NotEnoughReplicasException;
import io.rivulet.api.errors.OffsetOutOfRangeException;
import io.rivulet.api.errors.RecordTooLargeException;
import io.rivulet.api.errors.RivuletClosedException;
import io.rivulet.api.errors.RivuletException;
import io.rivulet.api.errors.SerializationException;
import io.rivulet.api.errors.StorageFullException;
import io.rivulet.api.errors.TopicExistsException;
import io.rivulet.api.errors.UnknownTopicException;

import java.util.HashMap;
import java.util.Map;

/**
 * The payload of {@link FrameType#ERROR} and {@link FrameType#STREAM_ERROR}, and how a remote client turns
 * it back into the same typed exception the embedded engine throws:
 *
 * <pre>
 * int16    code      {@link ErrorCode#code()}
 * string   message   what went wrong and what to change
 * map      details   string to string: the fields the typed exception carries (topic, offsets, ...)
 * </pre>
 *
 * The client rebuilds the exception from its code and details, so {@code instanceof} checks and accessors
 * work remotely; a code it does not know becomes a plain {@link RivuletException} with the server's message.
 */
public final class WireErrors {
    private WireErrors() {
    }

    /** Writes any failure; what is not a {@link RivuletException} travels as {@link ErrorCode#UNKNOWN}. */
    public static void write(ByteBuf out, Throwable error) {
        RivuletException e = error instanceof RivuletException r ? r : null;
        ErrorCode code = e != null ? e.code()
                : error instanceof ProtocolException ? ErrorCode.INVALID_REQUEST : ErrorCode.UNKNOWN;
        String message = error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName();
        out.writeShort(code.code());
        WireFormat.writeString(out, truncate(message));
        WireFormat.writeStringMap(out, details(error));
    }

    private static String truncate(String message) {
        return message.length() > 8_000 ? message.substring(0, 8_000) + "…" : message;
    }

    private static Map<String, String> details(Throwable error) {
        Map<String, String> d = new HashMap<>();
        if (error instanceof UnknownTopicException e) {
            d.put("topic", e.topic());
        } else if (error instanceof TopicExistsException e) {
            d.put("topic", e.topic());
        } else if (error instanceof InvalidTopicException e) {
            d.put("topic", e.topic());
        } else if (error instanceof RecordTooLargeException e) {
            d.put("topic", e.topic());
            d.put("size", Long.toString(e.sizeBytes()));
            d.put("limit", Long.toString(e.limitBytes()));
            d.put("limitKey", e.limitKey());
        } else if (error instanceof OffsetOutOfRangeException e) {
            putPartition(d, e.topicPartition());
            d.put("requested", Long.toString(e.requestedOffset()));
            d.put("start", Long.toString(e.logStartOffset()));
            d.put("end", Long.toString(e.endOffset()));
        } else if (error instanceof NotEnoughReplicasException e) {
            putPartition(d, e.topicPartition());
            d.put("isr", Integer.toString(e.inSyncReplicas()));
            d.put("min", Integer.toString(e.minInSyncReplicas()));
        } else if (error instanceof IllegalGenerationException e) {
            d.put("group", e.groupId());
            d.put("stale", Integer.toString(e.staleGeneration()));
            d.put("current", Integer.toString(e.currentGeneration()));
        } else if (error instanceof InvalidConfigException e) {
            d.put("key", e.key());
            if (e.value() != null) {
                d.put("value", e.value());
            }
        } else if (error instanceof StorageFullException e) {
            d.put("location", e.location());
        }
        return d;
    }

    private static void putPartition(Map<String, String> d, TopicPartition tp) {
        d.put("topic", tp.topic());
        d.put("partition", Integer.toString(tp.partition()));
    }

    /** Reads an error payload into the typed exception it describes. */
    public static RivuletException read(ByteBuf in) {
        ErrorCode code = ErrorCode.fromCode(WireFormat.readShort(in));
        String message = WireFormat.readString(in);
        Map<String, String> d = WireFormat.readStringMap(in);
        try {
            RivuletException typed = typed(code, message == null ? "" : message, d);
            if (typed != null) {
                return typed;
            }
        } catch (RuntimeException missingDetail) {
            // a detail was absent or malformed: keep the server's words in a plain exception
        }
        return new RivuletException(code, message);
    }

    private static RivuletException typed(ErrorCode code, String message, Map<String, String> d) {
        return switch (code) {
            case UNKNOWN_TOPIC -> new UnknownTopicException(d.get("topic"));
            case TOPIC_EXISTS -> new TopicExistsException(d.get("topic"));
            case INVALID_TOPIC -> new InvalidTopicException(d.get("topic"), after(message, " is invalid: "));
            case RECORD_TOO_LARGE -> new RecordTooLargeException(d.get("topic"), Long.parseLong(d.get("size")),
                    Long.parseLong(d.get("limit")), d.get("limitKey"));
            case OFFSET_OUT_OF_RANGE -> new OffsetOutOfRangeException(partition(d), Long.parseLong(d.get("requested")),
                    Long.parseLong(d.get("start")), Long.parseLong(d.get("end")));
            case NOT_ENOUGH_REPLICAS -> new NotEnoughReplicasException(partition(d), Integer.parseInt(d.get("isr")),
                    Integer.parseInt(d.get("min")));
            case ILLEGAL_GENERATION -> d.containsKey("group")
                    ? new IllegalGenerationException(d.get("group"), Integer.parseInt(d.get("stale")),
                    Integer.parseInt(d.get("current")))
                    : null;
            case INVALID_CONFIG -> new InvalidConfigException(d.get("key"), d.get("value"),
                    after(message, (d.get("value") == null ? "missing value for " + d.get("key")
                            : "invalid value '" + d.get("value") + "' for " + d.get("key")) + ": "));
            case INVALID_OFFSET -> new InvalidOffsetException(message);
            case SERIALIZATION -> new SerializationException(message);
            case STORAGE_FULL -> new StorageFullException(d.get("location"), null);
            case CLOSED -> new RivuletClosedException(before(message, " is closed"));
            default -> null;
        };
    }

    private static TopicPartition partition(Map<String, String> d) {
        return new TopicPartition(d.get("topic"), Integer.parseInt(d.get("partition")));
    }

    private static String after(String message, String marker) {
        int i = message.indexOf(marker);
        if (i < 0) {
            throw new IllegalArgumentException("no " + marker);
        }
        return message.substring(i + marker.length());
    }

    private static String before(String message, String marker) {
        int i = message.indexOf(marker);
        return i < 0 ? message : message.substring(0, i);
    }
}
