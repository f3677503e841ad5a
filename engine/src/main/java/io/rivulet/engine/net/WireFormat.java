package io.rivulet.engine.net;

import io.rivulet.api.TopicPartition;
import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The primitive values inside request, response and stream payloads, all big-endian:
 *
 * <pre>
 * string          int16 length (-1 = null), then that many UTF-8 bytes
 * bytes           int32 length (-1 = null), then the bytes
 * list of T       int32 count, then each T
 * map of K to V   int32 count, then each K followed by its V
 * partition       string topic, int32 partition
 * </pre>
 *
 * Every read checks that the bytes it needs are there and throws {@link ProtocolException} otherwise, so a
 * truncated or lying payload is refused instead of read past its end. Counts are checked against what is
 * left, so a huge claimed count costs nothing.
 */
public final class WireFormat {
    private WireFormat() {
    }

    public static void writeString(ByteBuf out, String s) {
        if (s == null) {
            out.writeShort(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > Short.MAX_VALUE) {
            throw new IllegalArgumentException("a string of " + b.length + " UTF-8 bytes does not fit the wire format"
                    + " (at most " + Short.MAX_VALUE + ")");
        }
        out.writeShort(b.length);
        out.writeBytes(b);
    }

    public static String readString(ByteBuf in) {
        int n = need(in, 2).readShort();
        if (n < 0) {
            return null;
        }
        need(in, n);
        String s = in.toString(in.readerIndex(), n, StandardCharsets.UTF_8);
        in.skipBytes(n);
        return s;
    }

    /** A string that must be present. */
    public static String readRequiredString(ByteBuf in, String what) {
        String s = readString(in);
        if (s == null) {
            throw malformed(what + " is missing");
        }
        return s;
    }

    public static void writeBytes(ByteBuf out, byte[] b) {
        if (b == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(b.length);
            out.writeBytes(b);
        }
    }

    public static byte[] readBytes(ByteBuf in) {
        int n = need(in, 4).readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        need(in, n).readBytes(b);
        return b;
    }

    public static int readInt(ByteBuf in) {
        return need(in, 4).readInt();
    }

    public static long readLong(ByteBuf in) {
        return need(in, 8).readLong();
    }

    public static int readShort(ByteBuf in) {
        return need(in, 2).readShort();
    }

    public static int readUnsignedByte(ByteBuf in) {
        return need(in, 1).readUnsignedByte();
    }

    public static boolean readBoolean(ByteBuf in) {
        return readUnsignedByte(in) != 0;
    }

    public static void writePartition(ByteBuf out, TopicPartition tp) {
        writeString(out, tp.topic());
        out.writeInt(tp.partition());
    }

    public static TopicPartition readPartition(ByteBuf in) {
        String topic = readRequiredString(in, "topic");
        int partition = readInt(in);
        try {
            return new TopicPartition(topic, partition);
        } catch (RuntimeException e) {
            throw malformed("bad partition " + topic + "-" + partition + ": " + e.getMessage());
        }
    }

    public static <T> void writeList(ByteBuf out, java.util.Collection<T> items, BiConsumer<ByteBuf, T> writer) {
        out.writeInt(items.size());
        for (T item : items) {
            writer.accept(out, item);
        }
    }

    public static <T> List<T> readList(ByteBuf in, Function<ByteBuf, T> reader) {
        int n = count(in);
        List<T> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            items.add(reader.apply(in));
        }
        return items;
    }

    public static <T> Set<T> readSet(ByteBuf in, Function<ByteBuf, T> reader) {
        return new HashSet<>(readList(in, reader));
    }

    public static <K, V> void writeMap(ByteBuf out, Map<K, V> map, BiConsumer<ByteBuf, K> key, BiConsumer<ByteBuf, V> value) {
        out.writeInt(map.size());
        map.forEach((k, v) -> {
            key.accept(out, k);
            value.accept(out, v);
        });
    }

    public static <K, V> Map<K, V> readMap(ByteBuf in, Function<ByteBuf, K> key, Function<ByteBuf, V> value) {
        int n = count(in);
        Map<K, V> map = n == 0 ? new HashMap<>() : new LinkedHashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            map.put(key.apply(in), value.apply(in));
        }
        return map;
    }

    public static void writeStringMap(ByteBuf out, Map<String, String> map) {
        writeMap(out, map, WireFormat::writeString, WireFormat::writeString);
    }

    public static Map<String, String> readStringMap(ByteBuf in) {
        return readMap(in, b -> readRequiredString(b, "map key"), WireFormat::readString);
    }

    /** A count of items that each take at least one byte, so it cannot exceed what is left. */
    private static int count(ByteBuf in) {
        int n = readInt(in);
        if (n < 0 || n > in.readableBytes()) {
            throw malformed("count " + n + " does not fit the " + in.readableBytes() + " bytes left");
        }
        return n;
    }

    private static ByteBuf need(ByteBuf in, int n) {
        if (n < 0 || in.readableBytes() < n) {
            throw malformed("needs " + n + " more bytes but " + in.readableBytes() + " are left");
        }
        return in;
    }

    public static ProtocolException malformed(String what) {
        return new ProtocolException(ProtocolException.Reason.MALFORMED_PAYLOAD, "malformed payload: " + what);
    }
}
