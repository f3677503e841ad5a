package io.rivulet.engine.produce;

/** Told what became of one record handed to the accumulator. Called once, on an append thread. */
public interface AppendCallback {
    void appended(int partition, long offset);

    void failed(int partition, Throwable error);
}
