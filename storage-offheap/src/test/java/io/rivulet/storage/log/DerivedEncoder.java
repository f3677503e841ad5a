package io.rivulet.storage.log;

import io.rivulet.storage.batch.BatchWriter;

/**
 * An in-place encoder of {@link LogFixtures}' derived records: up to {@code count} records for the offsets from
 * {@code first}, as many as fit. One object re-armed per batch, so a hot loop allocates nothing for it.
 */
final class DerivedEncoder implements BatchEncoder {
    private long first;
    private int count;
    private int taken;

    /** Arms the encoder for the next batch; returns it. */
    DerivedEncoder of(long first, int count) {
        this.first = first;
        this.count = count;
        this.taken = 0;
        return this;
    }

    /** Records the last batch took. */
    int taken() {
        return taken;
    }

    @Override
    public void encode(BatchWriter batch) {
        for (long o = first; o < first + count; o++) {
            if (!batch.append(LogFixtures.timestampAt(o), LogFixtures.keyAt(o), LogFixtures.valueAt(o))) {
                return;
            }
            taken++;
        }
    }
}
