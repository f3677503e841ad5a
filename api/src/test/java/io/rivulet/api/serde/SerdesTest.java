package io.rivulet.api.serde;

import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.SerializationException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SerdesTest {

    @Property
    void stringRoundTrips(@ForAll String value) {
        assertEquals(value, Serdes.string().deserialize(Serdes.string().serialize(value)));
    }

    @Property
    void longRoundTrips(@ForAll long value) {
        assertEquals(value, Serdes.longSerde().deserialize(Serdes.longSerde().serialize(value)));
    }

    @Property
    void integerRoundTrips(@ForAll int value) {
        assertEquals(value, Serdes.integer().deserialize(Serdes.integer().serialize(value)));
    }

    @Property
    void uuidRoundTrips(@ForAll long most, @ForAll long least) {
        UUID value = new UUID(most, least);
        assertEquals(value, Serdes.uuid().deserialize(Serdes.uuid().serialize(value)));
    }

    @Property
    void byteArrayRoundTrips(@ForAll byte[] value) {
        assertArrayEquals(value, Serdes.byteArray().deserialize(Serdes.byteArray().serialize(value)));
    }

    @Property
    void byteBufferRoundTripsItsRemainingBytes(@ForAll byte[] value) {
        ByteBuffer back = Serdes.byteBuffer().deserialize(Serdes.byteBuffer().serialize(ByteBuffer.wrap(value)));
        assertEquals(ByteBuffer.wrap(value), back);
    }

    @Test
    void everyBuiltInPassesNullThrough() {
        for (Serde<?> serde : List.of(Serdes.byteArray(), Serdes.string(), Serdes.longSerde(), Serdes.integer(),
                Serdes.uuid(), Serdes.byteBuffer())) {
            assertNull(serialize(serde, null), serde + " serialize(null)");
            assertNull(serde.deserialize(null), serde + " deserialize(null)");
        }
    }

    @Test
    void longIsEightBytesBigEndianAsKafkaWritesIt() {
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 1}, Serdes.longSerde().serialize(1L));
        assertArrayEquals(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1}, Serdes.longSerde().serialize(-1L));
        assertArrayEquals(new byte[] {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08},
                Serdes.longSerde().serialize(0x0102030405060708L));
    }

    @Test
    void integerIsFourBytesBigEndianAsKafkaWritesIt() {
        assertArrayEquals(new byte[] {0, 0, 1, 2}, Serdes.integer().serialize(258));
        assertArrayEquals(new byte[] {(byte) 0x80, 0, 0, 0}, Serdes.integer().serialize(Integer.MIN_VALUE));
    }

    @Test
    void uuidIsItsStringFormInUtf8AsKafkaWritesIt() {
        UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        assertArrayEquals("123e4567-e89b-12d3-a456-426614174000".getBytes(StandardCharsets.US_ASCII),
                Serdes.uuid().serialize(id));
    }

    @Test
    void stringIsUtf8() {
        assertArrayEquals(new byte[] {'a', (byte) 0xc3, (byte) 0xa9}, Serdes.string().serialize("aé"));
    }

    @Test
    void byteBufferSerializesFromPositionToLimitWithoutMovingThePosition() {
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5});
        buffer.position(1).limit(4);

        assertArrayEquals(new byte[] {2, 3, 4}, Serdes.byteBuffer().serialize(buffer));
        assertEquals(1, buffer.position());
    }

    @Test
    void byteArrayPassesTheSameArrayWithoutCopying() {
        byte[] bytes = {1, 2};
        assertSame(bytes, Serdes.byteArray().serialize(bytes));
    }

    @Test
    void longOfTheWrongLengthFailsWithASerializationErrorSayingSo() {
        SerializationException e = assertThrows(SerializationException.class,
                () -> Serdes.longSerde().deserialize(new byte[3]));
        assertEquals(ErrorCode.SERIALIZATION, e.code());
        assertTrue(e.getMessage().contains("expects exactly 8 bytes but got 3"), e.getMessage());
    }

    @Test
    void integerOfTheWrongLengthFailsWithASerializationError() {
        assertThrows(SerializationException.class, () -> Serdes.integer().deserialize(new byte[8]));
    }

    @Test
    void uuidThatIsNotAUuidStringFailsWithASerializationErrorQuotingIt() {
        SerializationException e = assertThrows(SerializationException.class,
                () -> Serdes.uuid().deserialize("not-a-uuid".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("'not-a-uuid'"), e.getMessage());
    }

    @Test
    void customSerdeNeverSeesNull() {
        Serde<String> serde = Serde.of("upper", s -> s.toUpperCase().getBytes(StandardCharsets.UTF_8),
                b -> new String(b, StandardCharsets.UTF_8));
        assertNull(serde.serialize(null));
        assertNull(serde.deserialize(null));
        assertEquals("ABC", serde.deserialize(serde.serialize("abc")));
        assertEquals("Serde[upper]", serde.toString());
    }

    @SuppressWarnings("unchecked")
    private static <T> byte[] serialize(Serde<T> serde, Object value) {
        return serde.serialize((T) value);
    }
}
