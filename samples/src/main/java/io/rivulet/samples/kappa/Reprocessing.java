package io.rivulet.samples.kappa;

import io.rivulet.api.Producer;
import io.rivulet.api.Rivulet;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.RivuletException;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Reprocessing the kappa way: no batch layer, just the log replayed by a new version of the job.
 *
 * <ol>
 *   <li>start the new version as a new consumer group, from the earliest click, into a new output
 *       topic — the old version keeps serving meanwhile;</li>
 *   <li>wait until its checkpoints cover the clickstream's end offsets: it has caught up;</li>
 *   <li>point the readers at its output (one record on {@link ServingPointer#TOPIC});</li>
 *   <li>retire the old version: stop it, delete its output and checkpoint topics and its group's
 *       committed offsets.</li>
 * </ol>
 *
 * Nothing is lost in the switch: the new version read the whole retained log and keeps reading it.
 * The log's retention is what bounds how far back a reprocessing can go.
 */
public final class Reprocessing {
    private Reprocessing() {
    }

    /**
     * Replaces {@code running} by a job of {@code next}, printing each step to {@code out}; returns the
     * new job. Blocks until it is done.
     *
     * @throws IllegalStateException if the new version does not catch up within {@code timeout}; the
     *         old version then keeps running and serving
     */
    public static KappaJob replace(Rivulet rivulet, KappaJob running, JobVersion next, Producer<String, String> producer,
                                   PrintStream out, Duration timeout) {
        JobVersion old = running.version();
        out.printf("reprocess 1/4: start %s as group %s from the earliest click, writing %s%n",
                next.name(), next.groupId(), next.outputTopic());
        long started = System.nanoTime();
        KappaJob replacement = KappaJob.start(rivulet, next);
        out.printf("reprocess 2/4: wait until %s has caught up with %s%n", next.name(), next.inputTopic());
        try {
            replacement.awaitCaughtUp(rivulet, timeout);
        } catch (RuntimeException e) {
            replacement.close();
            throw e;
        }
        out.printf("reprocess 3/4: %s caught up in %.1f s at offsets %s; point the readers at %s%n", next.name(),
                (System.nanoTime() - started) / 1e9, replacement.positions(), next.outputTopic());
        ServingPointer.point(rivulet, producer, next.outputTopic()).block();
        out.printf("reprocess 4/4: retire %s: stop it, delete %s, %s and group %s%n", old.name(),
                old.outputTopic(), old.checkpointTopic(), old.groupId());
        running.close();
        rivulet.admin().deleteTopic(old.outputTopic()).block();
        rivulet.admin().deleteTopic(old.checkpointTopic()).block();
        deleteGroupOnceEmpty(rivulet, old.groupId(), timeout);
        return replacement;
    }

    // The old job's members leave as it closes, but a remote node may hear of it a moment later.
    private static void deleteGroupOnceEmpty(Rivulet rivulet, String groupId, Duration timeout) {
        rivulet.admin().deleteGroup(groupId)
                .retryWhen(Retry.fixedDelay(Long.MAX_VALUE, Duration.ofMillis(100))
                        .filter(e -> e instanceof RivuletException r && r.code() == ErrorCode.GROUP_NOT_EMPTY))
                .onErrorResume(e -> e instanceof RivuletException r && r.code() == ErrorCode.UNKNOWN_GROUP,
                        e -> Mono.empty())
                .block(timeout);
    }
}
