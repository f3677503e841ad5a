package io.rivulet.engine.group;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.util.function.Supplier;

/**
 * Runs an asynchronous task one run at a time, merging requests: a request made while a run is in
 * progress is served by the next run, together with every other request made meanwhile. At most one
 * run is active and one is waiting, however many requests come — how heartbeats and commits stay
 * serial and bounded whatever calls them (timers, acknowledgements, revocations, the user).
 *
 * <p>Thread-safe.
 */
final class CoalescingTask {
    private final Supplier<Mono<Void>> task;
    private Sinks.One<Void> running;
    private Sinks.One<Void> waiting;

    CoalescingTask(Supplier<Mono<Void>> task) {
        this.task = task;
    }

    /**
     * Asks for a run that starts after this call. The {@code Mono} completes, or fails, with that run;
     * the run happens whether or not it is subscribed.
     */
    Mono<Void> request() {
        Sinks.One<Void> result;
        boolean start = false;
        synchronized (this) {
            if (running == null) {
                running = Sinks.one();
                result = running;
                start = true;
            } else {
                if (waiting == null) {
                    waiting = Sinks.one();
                }
                result = waiting;
            }
        }
        if (start) {
            run(result);
        }
        return result.asMono();
    }

    private void run(Sinks.One<Void> result) {
        Mono<Void> run;
        try {
            run = task.get();
        } catch (RuntimeException e) {
            run = Mono.error(e);
        }
        run.subscribe(null, e -> finish(result, e), () -> finish(result, null));
    }

    private void finish(Sinks.One<Void> result, Throwable error) {
        Sinks.One<Void> next;
        synchronized (this) {
            next = waiting;
            waiting = null;
            running = next;
        }
        if (error == null) {
            result.tryEmitEmpty();
        } else {
            result.tryEmitError(error);
        }
        if (next != null) {
            run(next);
        }
    }
}
