package io.rivulet.engine.group;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CoalescingTaskTest {

    @Test
    void requestsDuringARunShareOneFollowingRun() {
        List<Sinks.Empty<Void>> runs = new ArrayList<>();
        CoalescingTask task = new CoalescingTask(() -> {
            Sinks.Empty<Void> run = Sinks.empty();
            runs.add(run);
            return run.asMono();
        });

        Mono<Void> first = task.request();
        Mono<Void> second = task.request();
        Mono<Void> third = task.request();
        assertEquals(1, runs.size(), "one run at a time");

        runs.get(0).tryEmitEmpty();
        StepVerifier.create(first).verifyComplete();
        assertEquals(2, runs.size(), "the waiting requests start one more run");
        AtomicInteger secondDone = new AtomicInteger();
        second.subscribe(null, e -> { }, secondDone::incrementAndGet);
        assertEquals(0, secondDone.get(), "the second request waits for the run that started after it");

        runs.get(1).tryEmitEmpty();
        StepVerifier.create(second).verifyComplete();
        StepVerifier.create(third).verifyComplete();
        assertEquals(2, runs.size());
    }

    @Test
    void aFailedRunFailsItsRequestsAndTheNextRunStillHappens() {
        AtomicInteger runs = new AtomicInteger();
        CoalescingTask task = new CoalescingTask(() -> runs.incrementAndGet() == 1
                ? Mono.error(new IllegalStateException("boom")) : Mono.empty());

        StepVerifier.create(task.request()).expectErrorMessage("boom").verify();
        StepVerifier.create(task.request()).verifyComplete();
        assertEquals(2, runs.get());
    }

    @Test
    void aTaskThatThrowsFailsTheRequest() {
        CoalescingTask task = new CoalescingTask(() -> {
            throw new IllegalArgumentException("bad");
        });
        StepVerifier.create(task.request()).expectErrorMessage("bad").verify();
        StepVerifier.create(task.request()).expectErrorMessage("bad").verify();
    }
}
