package io.rivulet.engine.group;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * One timer per group, set for the group's earliest deadline (a session or rebalance timeout). A later deadline
 * leaves an earlier timer in place: when that one runs, the group re-arms for whatever is due next. Callers hold
 * the group's monitor, so a group's timer is never set from two threads at once.
 */
final class DeadlineTimers {
    private record Timer(long at, Disposable task) {
    }

    private final Scheduler scheduler;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    DeadlineTimers(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** The scheduler's clock in milliseconds, the clock deadlines are on. */
    long now() {
        return scheduler.now(TimeUnit.MILLISECONDS);
    }

    /** Runs {@code action} at {@code at} unless a timer of {@code group} is set for then or earlier. */
    void watch(String group, long at, Runnable action) {
        Timer current = timers.get(group);
        if (current != null && current.at() <= at) {
            return;
        }
        if (current != null) {
            current.task().dispose();
        }
        timers.put(group, new Timer(at, scheduler.schedule(action, Math.max(0, at - now()), TimeUnit.MILLISECONDS)));
    }

    /** Called by a timer's action first: forgets the timer if it is the one that came due. */
    void fired(String group) {
        Timer t = timers.get(group);
        if (t != null && t.at() <= now()) {
            timers.remove(group);
        }
    }

    /** Cancels {@code group}'s timer, if any. */
    void cancel(String group) {
        Timer t = timers.remove(group);
        if (t != null) {
            t.task().dispose();
        }
    }

    /** Cancels every timer. */
    void cancelAll() {
        timers.values().forEach(t -> t.task().dispose());
        timers.clear();
    }
}
