package io.rivulet.api.errors;

import io.rivulet.api.TopicPartition;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorsTest {

    @Test
    void errorCodeNumbersAreUniqueAndReadBack() {
        Set<Integer> numbers = Arrays.stream(ErrorCode.values()).map(ErrorCode::code).collect(Collectors.toSet());
        assertEquals(ErrorCode.values().length, numbers.size());
        for (ErrorCode code : ErrorCode.values()) {
            assertSame(code, ErrorCode.fromCode(code.code()));
        }
    }

    @Test
    void anUnknownWireCodeReadsAsUnknown() {
        assertSame(ErrorCode.UNKNOWN, ErrorCode.fromCode(9_999));
    }

    @Test
    void transientConditionsAreRetriableAndMistakesAreNot() {
        assertTrue(new RivuletException(ErrorCode.NOT_LEADER, "x").retriable());
        assertTrue(ErrorCode.REBALANCE_IN_PROGRESS.retriable());
        assertFalse(new InvalidTopicException("a b", "bad").retriable());
        assertFalse(ErrorCode.RECORD_TOO_LARGE.retriable());
    }

    @Test
    void offsetOutOfRangeStatesTheRequestedOffsetAndTheValidRange() {
        OffsetOutOfRangeException e = new OffsetOutOfRangeException(TopicPartition.of("orders", 2), 5, 10, 42);

        assertEquals("offset 5 is out of range for orders-2: its records span [10, 42); start from earliest, latest "
                + "or an offset in that range, or set auto.offset.reset", e.getMessage());
        assertEquals(5, e.requestedOffset());
        assertEquals(10, e.logStartOffset());
        assertEquals(42, e.endOffset());
        assertEquals(ErrorCode.OFFSET_OUT_OF_RANGE, e.code());
    }

    @Test
    void deserializationFailureNamesTopicPartitionAndOffsetAndHowToSkip() {
        RuntimeException cause = new IllegalArgumentException("bad bytes");
        SerializationException e = SerializationException.deserializing("value", TopicPartition.of("orders", 1), 41, cause);

        assertTrue(e.getMessage().contains("value of the record at offset 41 of orders-1: bad bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("reading from offset 42"), e.getMessage());
        assertEquals(TopicPartition.of("orders", 1), e.topicPartition().orElseThrow());
        assertEquals(41, e.offset().orElseThrow());
        assertSame(cause, e.getCause());
    }

    @Test
    void serializationFailureBeforePartitioningNamesTheTopicOnly() {
        SerializationException e = SerializationException.serializing("key", "orders", null, new RuntimeException("boom"));

        assertTrue(e.getMessage().startsWith("could not serialize the key of a record for topic 'orders': boom"),
                e.getMessage());
        assertEquals("orders", e.topic().orElseThrow());
        assertTrue(e.topicPartition().isEmpty());
        assertTrue(e.offset().isEmpty());
    }

    @Test
    void recordTooLargeNamesTheLimitToRaise() {
        RecordTooLargeException e = new RecordTooLargeException("orders", 2_000_000, 1_048_588, "max.message.bytes");
        assertEquals("a record of 2000000 bytes for topic 'orders' exceeds max.message.bytes = 1048588: "
                + "send smaller records or raise max.message.bytes", e.getMessage());
    }

    @Test
    void dataDirLockedNamesTheDirectoryAndTheHolder() {
        DataDirLockedException e = new DataDirLockedException(Path.of("/var/rivulet"), "PID 4242");
        assertEquals("data directory /var/rivulet is in use by PID 4242: stop that engine or choose another directory",
                e.getMessage());
    }

    @Test
    void invalidConfigSaysWhenTheValueIsMissing() {
        assertEquals("missing value for group.id: must not be blank",
                new InvalidConfigException("group.id", null, "must not be blank").getMessage());
    }

    @Test
    void illegalGenerationExplainsTheRedelivery() {
        IllegalGenerationException e = new IllegalGenerationException("billing", 3, 4);
        assertTrue(e.getMessage().contains("generation 4 but the request came from generation 3"), e.getMessage());
        assertFalse(e.retriable());
    }
}
