package io.rivulet.engine.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@link StopSignal} on JVM shutdown hooks. A hook runs its action and then waits (at most
 * {@value #CLOSE_WAIT_SECONDS} s) until {@link #finished()} says the command has closed its engine,
 * because the JVM halts as soon as its hooks return.
 *
 * <p>Thread-safe.
 */
final class ShutdownHooks implements StopSignal {
    static final int CLOSE_WAIT_SECONDS = 30;

    private final CountDownLatch finished = new CountDownLatch(1);

    @Override
    public AutoCloseable onStop(Runnable action) {
        Thread hook = new Thread(() -> {
            action.run();
            try {
                finished.await(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "rivulet-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return () -> {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: it waits for finished().
            }
        };
    }

    /** Called once the command has returned and closed what it opened. */
    void finished() {
        finished.countDown();
    }
}
