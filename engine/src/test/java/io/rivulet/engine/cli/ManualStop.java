package io.rivulet.engine.cli;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link StopSignal} a test triggers, standing in for Ctrl-C. */
final class ManualStop implements StopSignal {
    private final List<Runnable> actions = new CopyOnWriteArrayList<>();

    @Override
    public AutoCloseable onStop(Runnable action) {
        actions.add(action);
        return () -> actions.remove(action);
    }

    /** Requests a stop: runs every registered action. */
    void stop() {
        actions.forEach(Runnable::run);
    }

    /** Whether a command is waiting for a stop. */
    boolean armed() {
        return !actions.isEmpty();
    }
}
