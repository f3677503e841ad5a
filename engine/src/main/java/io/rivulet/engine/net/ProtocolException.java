package io.rivulet.engine.net;

import io.netty.handler.codec.CorruptedFrameException;

/**
 * The peer sent bytes that are not a valid frame. It ends the one connection that sent them; the message
 * says what was wrong. It extends Netty's {@link CorruptedFrameException} so that Netty's decoders pass it
 * down the pipeline as it is, not wrapped.
 */
public final class ProtocolException extends CorruptedFrameException {
    private static final long serialVersionUID = 1L;

    /** What was wrong, for code that reacts (and for metrics by error type). */
    public enum Reason {
        /** The length prefix exceeds the configured maximum frame length. */
        FRAME_TOO_LARGE,
        /** The length prefix is negative or too small to hold a header. */
        FRAME_TOO_SHORT,
        /** The header names a protocol version this node does not speak. */
        UNSUPPORTED_VERSION,
        /** The header names a frame type this node does not know. */
        UNKNOWN_FRAME_TYPE,
        /** A well-framed payload that does not parse: truncated, a count that lies, an unknown request kind. */
        MALFORMED_PAYLOAD,
        /** A frame that is valid on its own but not here: a stream id in use, credit for no stream. */
        UNEXPECTED_FRAME
    }

    private final Reason reason;

    /** A protocol error for the given reason, with a message a user can act on. */
    public ProtocolException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** What was wrong. */
    public Reason reason() {
        return reason;
    }
}
