package io.rivulet.storage.log;

/**
 * Where an appended batch landed: its first and last offsets, and the log's clock when it was
 * appended (the "log append time").
 */
public record AppendResult(long firstOffset, long lastOffset, long appendTimeMs, int sizeInBytes) {
    public int recordCount() {
        return (int) (lastOffset - firstOffset + 1);
    }
}
