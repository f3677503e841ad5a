package io.rivulet.engine.group.classic;

/**
 * The answer to a {@link ClassicSyncRequest}, given once the leader's assignment is in.
 *
 * @param error        {@link ClassicError#NONE} or why not
 * @param protocolType the group's protocol type, or null on error
 * @param protocolName the generation's protocol, or null on error
 * @param assignment   the member's part of the assignment (empty on error, or when the leader gave it none)
 */
public record ClassicSyncResponse(ClassicError error, String protocolType, String protocolName, byte[] assignment) {
    private static final byte[] NONE = new byte[0];

    /** A refusal. */
    public static ClassicSyncResponse failed(ClassicError error) {
        return new ClassicSyncResponse(error, null, null, NONE);
    }
}
