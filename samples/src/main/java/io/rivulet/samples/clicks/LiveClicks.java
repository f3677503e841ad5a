package io.rivulet.samples.clicks;

import io.rivulet.api.Producer;
import io.rivulet.api.ProducerRecord;
import io.rivulet.samples.window.Click;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a {@link ClickGenerator}'s clicks to a topic in real time, {@code rate} per second, with event
 * times on the wall clock (so some are out of order and a few are late). A tick that comes while the
 * previous batch is still being sent is dropped, never queued.
 *
 * <p>Threading: the generator runs on its own single thread, {@code clicks-generator}.
 */
public final class LiveClicks implements AutoCloseable {
    private static final long TICK_MILLIS = 50;
    private final Scheduler scheduler = Schedulers.newSingle("clicks-generator");
    private final AtomicLong sent = new AtomicLong();
    private final Disposable running;

    /** Starts writing to {@code topic}. */
    public LiveClicks(Producer<String, String> producer, String topic, int rate, long seed) {
        ClickGenerator generator = new ClickGenerator(seed, 3_000, 20_000);
        int perTick = Math.max(1, (int) (rate * TICK_MILLIS / 1000));
        running = Flux.interval(Duration.ofMillis(TICK_MILLIS), scheduler)
                .onBackpressureDrop()
                .map(tick -> {
                    long now = System.currentTimeMillis();
                    List<ProducerRecord<String, String>> batch = new ArrayList<>(perTick);
                    for (int i = 0; i < perTick; i++) {
                        Click click = generator.next(now);
                        batch.add(Clickstream.record(topic, click));
                    }
                    return batch;
                })
                .concatMap(batch -> producer.send(Flux.fromIterable(batch)).doOnNext(m -> sent.incrementAndGet()).then(), 1)
                .subscribe();
    }

    /** Clicks acknowledged so far. */
    public long sent() {
        return sent.get();
    }

    /** Stops generating and releases the generator's thread. */
    @Override
    public void close() {
        running.dispose();
        scheduler.dispose();
    }
}
