package io.rivulet.engine.net;

/**
 * The largest frame a connection accepts or sends, counted as the bytes after the 4-byte length prefix
 * (header and payload). Its setting is named after Kafka's {@code socket.request.max.bytes}; unlike Kafka's
 * 100 MiB default, Rivulet's is 16 MiB, which holds the largest batch a producer sends by default many times
 * over.
 */
public final class FrameBounds {
    /** The setting's name, as in Kafka. */
    public static final String CONFIG_NAME = "socket.request.max.bytes";
    /** 16 MiB. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 16 * 1024 * 1024;
    /** A frame must at least hold its header. */
    public static final int MIN_MAX_FRAME_LENGTH = FrameHeader.SIZE;
    /** Leaves room for the 4-byte prefix in an int-sized frame. */
    public static final int MAX_MAX_FRAME_LENGTH = Integer.MAX_VALUE - Integer.BYTES;

    private FrameBounds() {
    }

    /**
     * Checks a configured maximum frame length.
     *
     * @return the value
     * @throws IllegalArgumentException with the allowed range if it is outside it
     */
    public static int checkMaxFrameLength(int maxFrameLength) {
        if (maxFrameLength < MIN_MAX_FRAME_LENGTH || maxFrameLength > MAX_MAX_FRAME_LENGTH) {
            throw new IllegalArgumentException(CONFIG_NAME + " is " + maxFrameLength + ": set it between "
                    + MIN_MAX_FRAME_LENGTH + " and " + MAX_MAX_FRAME_LENGTH + " bytes (default "
                    + DEFAULT_MAX_FRAME_LENGTH + ")");
        }
        return maxFrameLength;
    }
}
