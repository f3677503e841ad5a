package io.rivulet.engine.produce;

import io.rivulet.api.RecordMetadata;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InOrderSendTest {
    /** Holds tickets and completes them later in a shuffled order, as several partitions would. */
    static final class Shuffler {
        final List<Object[]> held = new ArrayList<>();

        synchronized void hold(int value, InOrderSend.Ticket t) {
            t.prepare("t", value);
            held.add(new Object[] {value, t});
        }

        void releaseShuffled(long seed) {
            List<Object[]> batch;
            synchronized (this) {
                batch = new ArrayList<>(held);
                held.clear();
            }
            Collections.shuffle(batch, new Random(seed));
            for (Object[] h : batch) {
                int v = (Integer) h[0];
                InOrderSend.Ticket t = (InOrderSend.Ticket) h[1];
                t.appended(v % 3, v);
                t.settle();
            }
        }
    }

    @Test
    void resultsComeInSourceOrderWhateverOrderAppendsFinishIn() {
        Shuffler s = new Shuffler();
        InOrderSend<Integer> send = new InOrderSend<>(Flux.range(0, 10), s::hold, 16, true, Schedulers.immediate());
        StepVerifier.create(send)
                .then(() -> s.releaseShuffled(42))
                .expectNextSequence(expected(0, 10))
                .verifyComplete();
    }

    @Test
    void resultsWaitForTheSettleThatFollowsABatchThenComeTogether() {
        List<InOrderSend.Ticket> tickets = new ArrayList<>();
        InOrderSend<Integer> send = new InOrderSend<>(Flux.range(0, 3), (v, t) -> {
            t.prepare("t", v);
            tickets.add(t);
        }, 16, true, Schedulers.immediate());
        AppendCallback[] batch = new AppendCallback[3];
        StepVerifier.create(send)
                .then(() -> {
                    for (int i = 0; i < 3; i++) {
                        tickets.get(i).appended(0, 10 + i);
                        batch[i] = tickets.get(i);
                    }
                })
                .expectNoEvent(Duration.ofMillis(50))
                .then(() -> AppendCallback.settleAll(batch))
                .expectNextMatches(m -> m.offset() == 10)
                .expectNextMatches(m -> m.offset() == 11)
                .expectNextMatches(m -> m.offset() == 12)
                .verifyComplete();
    }

    @Test
    void settleAllSettlesOncePerRunOfOneOwner() {
        List<String> settled = new ArrayList<>();
        AppendCallback[] batch = {owned("a", settled), owned("a", settled), owned("b", settled), owned("a", settled)};
        AppendCallback.settleAll(batch);
        assertEquals(List.of("a", "b", "a"), settled);
    }

    private static AppendCallback owned(String owner, List<String> settled) {
        return new AppendCallback() {
            @Override
            public void appended(int partition, long offset) {
            }

            @Override
            public void failed(int partition, Throwable error) {
            }

            @Override
            public Object owner() {
                return owner;
            }

            @Override
            public void settle() {
                settled.add(owner);
            }
        };
    }

    @Test
    void neverAsksTheSourceForMoreThanTheInFlightBound() {
        Shuffler s = new Shuffler();
        AtomicLong pulled = new AtomicLong();
        InOrderSend<Integer> send = new InOrderSend<>(Flux.range(0, 100).doOnNext(i -> pulled.incrementAndGet()),
                s::hold, 8, true, Schedulers.immediate());
        StepVerifier.create(send, 0)
                .then(() -> assertEquals(8, pulled.get()))
                .then(() -> s.releaseShuffled(1))
                .then(() -> assertEquals(8, pulled.get(), "nothing requested downstream, so nothing more pulled"))
                .thenRequest(3)
                .expectNextSequence(expected(0, 3))
                .then(() -> assertTrue(pulled.get() <= 8 + 3, "pulled " + pulled.get()))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void aFailedRecordFailsTheStreamAfterTheResultsBeforeIt() {
        InOrderSend<Integer> send = new InOrderSend<>(Flux.range(0, 5), (v, t) -> {
            t.prepare("t", v);
            if (v == 3) {
                throw new IllegalStateException("record 3 refused");
            }
            t.appended(v % 3, v);
            t.settle();
        }, 16, true, Schedulers.immediate());
        StepVerifier.create(send)
                .expectNextSequence(expected(0, 3))
                .expectErrorMessage("record 3 refused")
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void aSourceErrorComesAfterThePendingResults() {
        Shuffler s = new Shuffler();
        InOrderSend<Integer> send = new InOrderSend<>(
                Flux.range(0, 4).concatWith(Flux.error(new IllegalArgumentException("source broke"))), s::hold, 16, true, Schedulers.immediate());
        StepVerifier.create(send)
                .then(() -> s.releaseShuffled(7))
                .expectNextSequence(expected(0, 4))
                .expectErrorMessage("source broke")
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void acksZeroReportsNoOffsets() {
        InOrderSend<Integer> send = new InOrderSend<>(Flux.just(1), (v, t) -> {
            t.prepare("t", 5);
            t.appended(0, 99);
            t.settle();
        }, 4, false, Schedulers.immediate());
        StepVerifier.create(send)
                .assertNext(m -> assertEquals(RecordMetadata.UNKNOWN_OFFSET, m.offset()))
                .verifyComplete();
    }

    private static List<RecordMetadata> expected(int from, int to) {
        List<RecordMetadata> out = new ArrayList<>();
        for (int v = from; v < to; v++) {
            out.add(new RecordMetadata("t", v % 3, v, v));
        }
        return out;
    }
}
