package io.rivulet.api.serde;

import io.rivulet.api.errors.SerializationException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The built-in serdes. Each writes the same bytes as the Kafka Java client's serializer for the same
 * type, so records can be exchanged with Kafka tools and clients; each is stateless and thread-safe,
 * and passes {@code null} through as {@code null}.
 */
public final class Serdes {
    private static final Serde<byte[]> BYTE_ARRAY = Serde.of("byteArray", bytes -> bytes, bytes -> bytes);
    private static final Serde<String> STRING = Serde.of("string",
            value -> value.getBytes(StandardCharsets.UTF_8), bytes -> new String(bytes, StandardCharsets.UTF_8));
    private static final Serde<Long> LONG = Serde.of("longSerde",
            value -> ByteBuffer.allocate(Long.BYTES).putLong(value).array(),
            bytes -> ByteBuffer.wrap(requireLength(bytes, Long.BYTES, "longSerde")).getLong());
    private static final Serde<Integer> INTEGER = Serde.of("integer",
            value -> ByteBuffer.allocate(Integer.BYTES).putInt(value).array(),
            bytes -> ByteBuffer.wrap(requireLength(bytes, Integer.BYTES, "integer")).getInt());
    private static final Serde<UUID> UUID_SERDE = Serde.of("uuid",
            value -> value.toString().getBytes(StandardCharsets.UTF_8), Serdes::parseUuid);
    private static final Serde<ByteBuffer> BYTE_BUFFER = Serde.of("byteBuffer", Serdes::remainingBytes, ByteBuffer::wrap);

    private Serdes() {
    }

    /**
     * Bytes as they are. No copy is made in either direction, so the array handed to {@code send}
     * must not be changed until the send completes.
     */
    public static Serde<byte[]> byteArray() {
        return BYTE_ARRAY;
    }

    /** Text as UTF-8. Malformed input decodes with replacement characters rather than failing, as in Kafka. */
    public static Serde<String> string() {
        return STRING;
    }

    /** A {@code Long} as 8 bytes, big-endian (Kafka's {@code LongSerializer}); other lengths fail to decode. */
    public static Serde<Long> longSerde() {
        return LONG;
    }

    /** An {@code Integer} as 4 bytes, big-endian (Kafka's {@code IntegerSerializer}); other lengths fail to decode. */
    public static Serde<Integer> integer() {
        return INTEGER;
    }

    /**
     * A {@code UUID} as its 36-character string form in UTF-8 (Kafka's {@code UUIDSerializer}, not the
     * 16 raw bytes); anything that is not a UUID string fails to decode.
     */
    public static Serde<UUID> uuid() {
        return UUID_SERDE;
    }

    /**
     * A {@code ByteBuffer}'s remaining bytes, from its position to its limit (Kafka's
     * {@code ByteBufferSerializer} since 3.4). Serializing copies them and leaves the buffer's position
     * untouched; deserializing wraps the array without copying.
     */
    public static Serde<ByteBuffer> byteBuffer() {
        return BYTE_BUFFER;
    }

    private static byte[] requireLength(byte[] bytes, int length, String serde) {
        if (bytes.length != length) {
            throw new SerializationException("Serdes." + serde + "() expects exactly " + length
                    + " bytes but got " + bytes.length + ": the data was written with a different serde");
        }
        return bytes;
    }

    private static UUID parseUuid(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new SerializationException("Serdes.uuid() expects a UUID string but got '"
                    + abbreviate(text) + "': the data was written with a different serde", e);
        }
    }

    private static byte[] remainingBytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }
}
