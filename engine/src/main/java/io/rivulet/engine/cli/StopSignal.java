package io.rivulet.engine.cli;

import reactor.core.Disposable;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How a long-running command learns that the process is asked to stop (Ctrl-C, SIGTERM), so it can
 * end its stream and close the engine cleanly instead of being cut off. Tests supply their own.
 */
interface StopSignal {

    /**
     * Runs {@code action} once if a stop is requested while the returned registration is open; closing
     * the registration withdraws it.
     */
    AutoCloseable onStop(Runnable action);

    /**
     * Subscribes to {@code work} and blocks until it completes, fails or a stop is requested (which
     * cancels it). Returns normally on completion or stop; rethrows the stream's error.
     */
    default void runUntilStopped(Flux<?> work) {
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Disposable subscription = work.subscribe(ignored -> { }, error -> {
            failure.set(error);
            done.countDown();
        }, done::countDown);
        try (AutoCloseable ignored = onStop(() -> {
            subscription.dispose();
            done.countDown();
        })) {
            done.await();
        } catch (InterruptedException e) {
            subscription.dispose();
            Thread.currentThread().interrupt();
            throw new CommandException("interrupted");
        } catch (Exception e) {
            throw Exceptions.propagate(e);
        }
        Throwable error = failure.get();
        if (error != null) {
            throw Exceptions.propagate(error);
        }
    }
}
