package io.rivulet.storage.log;

/** One entry of a {@link LeaderEpochHistory}: leader {@code epoch} wrote the log from {@code startOffset} on. */
record EpochEntry(int epoch, long startOffset) {
}
