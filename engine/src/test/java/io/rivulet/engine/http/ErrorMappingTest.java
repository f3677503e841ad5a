package io.rivulet.engine.http;

import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.InvalidConfigException;
import io.rivulet.api.errors.OffsetOutOfRangeException;
import io.rivulet.api.errors.RecordTooLargeException;
import io.rivulet.api.errors.RivuletClosedException;
import io.rivulet.api.errors.RivuletException;
import io.rivulet.api.errors.StorageFullException;
import io.rivulet.api.errors.TopicExistsException;
import io.rivulet.api.errors.UnknownTopicException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorMappingTest {

    @Test
    void typedErrorsKeepTheirCodeAndMessageWithTheirStatus() {
        assertMapped(new UnknownTopicException("t"), 404, "UNKNOWN_TOPIC");
        assertMapped(new RivuletException(ErrorCode.UNKNOWN_GROUP, "no group g"), 404, "UNKNOWN_GROUP");
        assertMapped(new TopicExistsException("t"), 409, "TOPIC_EXISTS");
        assertMapped(new RecordTooLargeException("t", 10, 5, "max.message.bytes"), 413, "RECORD_TOO_LARGE");
        assertMapped(new StorageFullException("/data", null), 503, "STORAGE_FULL");
        assertMapped(new RivuletClosedException("the producer"), 503, "CLOSED");
        assertMapped(new InvalidConfigException("retention.ms", "x", "a number"), 400, "INVALID_CONFIG");
        assertMapped(new OffsetOutOfRangeException(new TopicPartition("t", 0), 9, 0, 3), 400, "OFFSET_OUT_OF_RANGE");
    }

    @Test
    void everyErrorCodeHasAStatus() {
        for (ErrorCode code : ErrorCode.values()) {
            int status = ErrorMapping.status(code).code();
            assertTrue(status >= 400 && status < 600, code + " -> " + status);
        }
    }

    @Test
    void listenerRefusalsAndBadArgumentsAre4xxAndUnexpectedFailuresHideTheirDetails() {
        assertMapped(HttpProblem.badRequest("x"), 400, "BAD_REQUEST");
        assertMapped(new IllegalArgumentException("partitions must be >= 1"), 400, "BAD_REQUEST");
        ErrorBody internal = ErrorMapping.map(new NullPointerException("secret detail"));
        assertEquals(500, internal.status().code());
        assertEquals("UNKNOWN", internal.error());
        assertFalse(internal.message().contains("secret"));
    }

    private static void assertMapped(Throwable failure, int status, String code) {
        ErrorBody body = ErrorMapping.map(failure);
        assertEquals(status, body.status().code(), failure.toString());
        assertEquals(code, body.error());
        if (!(failure instanceof HttpProblem) && failure.getMessage() != null) {
            assertEquals(failure.getMessage(), body.message());
        }
    }
}
