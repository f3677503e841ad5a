package io.rivulet.engine.cli;

import io.rivulet.api.errors.RivuletException;
import reactor.core.Exceptions;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns a failure into the one line a command prints on stderr. */
final class ErrorLine {
    private ErrorLine() {
    }

    /**
     * {@code error: MESSAGE}: the message of the first {@link RivuletException} in the cause chain (the
     * typed error, which says what to change), else of the failure itself once wrappers are peeled off;
     * line breaks are folded so it stays one line.
     */
    static String of(Throwable failure) {
        Throwable shown = unwrap(failure);
        for (Throwable t = shown; t != null; t = t.getCause()) {
            if (t instanceof RivuletException) {
                shown = t;
                break;
            }
        }
        String message = shown.getMessage();
        if (message == null || message.isBlank()) {
            message = shown.getClass().getSimpleName();
        } else if (!selfExplaining(shown)) {
            message = shown.getClass().getSimpleName() + ": " + message;
        }
        return "error: " + message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** Whether the message reads well alone; for others (e.g. {@code NoSuchFileException: x}) the type says what happened. */
    private static boolean selfExplaining(Throwable t) {
        return t instanceof RivuletException || t instanceof CommandException
                || t instanceof IllegalArgumentException || t instanceof IllegalStateException;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = Exceptions.unwrap(failure);
        while (t.getCause() != null && (t instanceof CompletionException || t instanceof ExecutionException
                || t instanceof InvocationTargetException || t instanceof picocli.CommandLine.ExecutionException)) {
            t = Exceptions.unwrap(t.getCause());
        }
        return t;
    }
}
