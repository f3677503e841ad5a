package io.rivulet.engine.cli;

import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.RivuletException;
import io.rivulet.api.errors.UnknownTopicException;
import org.junit.jupiter.api.Test;
import reactor.core.Exceptions;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorLineTest {

    @Test
    void showsTheTypedErrorsMessageAlone() {
        RivuletException typed = new RivuletException(ErrorCode.TIMEOUT, "no answer within 5000 ms: raise the timeout");
        assertEquals("error: no answer within 5000 ms: raise the timeout", ErrorLine.of(typed));
    }

    @Test
    void findsTheTypedErrorBehindWrappers() {
        Throwable wrapped = new CompletionException(new IllegalStateException("outer",
                new UnknownTopicException("orders")));
        String line = ErrorLine.of(wrapped);
        assertTrue(line.startsWith("error: "), line);
        assertTrue(line.contains("orders"), line);
        assertFalse(line.contains("outer"), line);
    }

    @Test
    void unwrapsReactorsCheckedExceptionWrapper() {
        Throwable propagated = Exceptions.propagate(new NoSuchFileException("/nope/config.properties"));
        assertEquals("error: NoSuchFileException: /nope/config.properties", ErrorLine.of(propagated));
    }

    @Test
    void foldsAMultiLineMessageIntoOneLine() {
        String line = ErrorLine.of(new CommandException("first\n  second\r\nthird"));
        assertEquals("error: first second third", line);
    }

    @Test
    void namesTheTypeWhenThereIsNoMessage() {
        assertEquals("error: IOException", ErrorLine.of(new IOException()));
    }
}
