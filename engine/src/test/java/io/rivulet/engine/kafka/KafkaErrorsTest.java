package io.rivulet.engine.kafka;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.rivulet.api.errors.UnknownTopicException;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A typed failure is answered with its own code, quietly; an untyped one as an unknown server error, logged. */
class KafkaErrorsTest {
    private final Logger log = (Logger) LoggerFactory.getLogger(KafkaErrors.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void capture() {
        logged.start();
        log.addAppender(logged);
    }

    @AfterEach
    void release() {
        log.detachAppender(logged);
    }

    @Test
    void aTypedFailureIsMappedAndNotLogged() {
        Errors answer = KafkaErrors.answer("fetch from t-0", new UnknownTopicException("t"));
        assertEquals(Errors.UNKNOWN_TOPIC_OR_PARTITION, answer);
        assertTrue(logged.list.isEmpty(), "an expected refusal is the client's business: " + logged.list);
    }

    @Test
    void anUntypedFailureIsAnsweredAsUnknownAndLoggedWithWhatFailedAndItsTrace() {
        IllegalStateException bug = new IllegalStateException("a bug");
        assertEquals(Errors.UNKNOWN_SERVER_ERROR, KafkaErrors.answer("list offsets of t-3", bug));
        assertEquals(1, logged.list.size());
        ILoggingEvent warning = logged.list.get(0);
        assertEquals(Level.WARN, warning.getLevel());
        assertTrue(warning.getFormattedMessage().startsWith("list offsets of t-3 failed unexpectedly"),
                warning.getFormattedMessage());
        assertEquals(bug.getClass().getName(), warning.getThrowableProxy().getClassName());
    }

    @Test
    void aHandlersOwnMappingIsKeptAndLoggedOnlyWhenItIsUnknown() {
        IllegalStateException disk = new IllegalStateException("disk");
        assertEquals(Errors.INVALID_REQUEST, KafkaErrors.answer("create topic t", Errors.INVALID_REQUEST, disk));
        assertTrue(logged.list.isEmpty(), logged.list.toString());
        assertEquals(Errors.UNKNOWN_SERVER_ERROR, KafkaErrors.answer("create topic t", Errors.UNKNOWN_SERVER_ERROR, disk));
        assertEquals(1, logged.list.size());
        assertTrue(logged.list.get(0).getFormattedMessage().startsWith("create topic t failed unexpectedly"),
                logged.list.get(0).getFormattedMessage());
    }
}
