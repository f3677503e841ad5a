package io.rivulet.engine.cli;

/**
 * A command cannot go on because of its input (a file it cannot read, a line it cannot parse); the
 * message says what was wrong and what to change, and becomes the command's one error line.
 */
final class CommandException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CommandException(String message) {
        super(message);
    }

    CommandException(String message, Throwable cause) {
        super(message, cause);
    }
}
