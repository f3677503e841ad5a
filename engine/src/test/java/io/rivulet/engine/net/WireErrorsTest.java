package io.rivulet.engine.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
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
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A typed error crosses the wire as the same class, code and message, with its fields. */
class WireErrorsTest {
    private static RivuletException across(Throwable e) {
        ByteBuf buf = Unpooled.buffer();
        try {
            WireErrors.write(buf, e);
            return WireErrors.read(buf);
        } finally {
            buf.release();
        }
    }

    @Test
    void everyTypedErrorComesBackAsItself() {
        TopicPartition tp = new TopicPartition("orders", 2);
        List<RivuletException> errors = List.of(
                new UnknownTopicException("orders"),
                new TopicExistsException("orders"),
                new InvalidTopicException("a b", "only [a-zA-Z0-9._-] allowed"),
                new RecordTooLargeException("orders", 2_000_000, 1_048_588, "max.message.bytes"),
                new OffsetOutOfRangeException(tp, 3, 5, 10),
                new NotEnoughReplicasException(tp, 1, 2),
                new IllegalGenerationException("g", 3, 4),
                new InvalidConfigException("acks", "maybe", "one of 0, 1, all"),
                new InvalidConfigException("group.id", null, "set group.id"),
                new InvalidOffsetException("offset -1 is negative"),
                new SerializationException("could not deserialize"),
                new StorageFullException("orders-2", null),
                new RivuletClosedException("the producer"),
                new RivuletException(ErrorCode.NOT_LEADER, "not the leader"));
        for (RivuletException e : errors) {
            RivuletException back = across(e);
            assertSame(e.getClass(), back.getClass(), e.toString());
            assertEquals(e.code(), back.code());
            assertEquals(e.getMessage(), back.getMessage());
        }
        OffsetOutOfRangeException o = (OffsetOutOfRangeException) across(new OffsetOutOfRangeException(tp, 3, 5, 10));
        assertEquals(tp, o.topicPartition());
        assertEquals(5, o.logStartOffset());
    }

    @Test
    void anUnexpectedFailureTravelsAsUnknownWithItsMessage() {
        RivuletException back = across(new IllegalStateException("boom"));
        assertEquals(ErrorCode.UNKNOWN, back.code());
        assertEquals("boom", back.getMessage());
    }
}
