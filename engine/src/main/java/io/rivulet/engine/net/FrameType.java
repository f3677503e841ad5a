package io.rivulet.engine.net;

/**
 * What a frame is for. The code is the byte on the wire; codes are never reused, so a peer that meets a
 * code it does not know rejects the frame instead of misreading it.
 */
public enum FrameType {
    /** A request; the stream id is the client's correlation id. */
    REQUEST(1),
    /** The one answer to a request, carrying the request's correlation id. */
    RESPONSE(2),
    /** A request failed; carries the request's correlation id, or 0 for a connection-level error. */
    ERROR(3),
    /** Opens a stream (a subscribe or fetch); the stream id is chosen by the client. */
    STREAM_OPEN(4),
    /** Records on an open stream; each record spends one credit. */
    STREAM_DATA(5),
    /** More demand for a stream: a remote subscriber's {@code request(n)}. */
    CREDIT(6),
    /** The stream ended normally; no more frames follow on it. */
    STREAM_COMPLETE(7),
    /** The stream ended with an error; no more frames follow on it. */
    STREAM_ERROR(8),
    /** The client no longer wants the stream. */
    CANCEL(9),
    /** Liveness check on stream 0; the answer is a ping with the {@link Frame#FLAG_ACK} flag. */
    PING(10);

    private static final FrameType[] BY_CODE = new FrameType[256];

    static {
        for (FrameType type : values()) {
            BY_CODE[type.code] = type;
        }
    }

    private final int code;

    FrameType(int code) {
        this.code = code;
    }

    /** The byte written on the wire for this type. */
    public int code() {
        return code;
    }

    /**
     * The type for a wire code.
     *
     * @throws ProtocolException if the code names no type (the peer speaks a newer or a broken protocol)
     */
    public static FrameType fromCode(int code) {
        FrameType type = code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        if (type == null) {
            throw new ProtocolException(ProtocolException.Reason.UNKNOWN_FRAME_TYPE,
                    "unknown frame type " + code + ": this node understands types 1 to " + values().length);
        }
        return type;
    }
}
