package io.rivulet.engine.cluster;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.rivulet.engine.cluster.QuorumFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Listeners get the current image first, then only newer ones, on the metadata thread. */
class ImagePublisherTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private static ClusterImage at(long version) {
        return new ClusterImage(version, Map.of(), Map.of());
    }

    @Test
    void listenersSeeTheCurrentImageThenStrictlyNewerOnesOnTheMetadataThread() {
        try (ImagePublisher publisher = new ImagePublisher(7)) {
            publisher.offer(at(3));
            List<Long> seen = new CopyOnWriteArrayList<>();
            List<String> threads = new CopyOnWriteArrayList<>();
            publisher.addListener(image -> {
                seen.add(image.version());
                threads.add(Thread.currentThread().getName());
            });
            await(WAIT, "the listener saw version 3", () -> seen.contains(3L));
            publisher.offer(at(2));
            publisher.offer(at(3));
            publisher.offer(at(5));
            publisher.offer(at(4));
            await(WAIT, "the listener saw version 5", () -> seen.contains(5L));
            publisher.awaitDelivered(5).block(WAIT);
            assertEquals(List.of(3L, 5L), seen);
            assertTrue(threads.stream().allMatch("rivulet-metadata-7"::equals), threads.toString());
            assertEquals(5, publisher.newest().version());
        }
    }

    @Test
    void awaitingAVersionCompletesOnceListenersHaveIt() {
        try (ImagePublisher publisher = new ImagePublisher(1)) {
            var waiting = publisher.awaitDelivered(9).toFuture();
            publisher.offer(at(8));
            publisher.awaitDelivered(8).block(WAIT);
            assertTrue(!waiting.isDone(), "version 9 has not arrived");
            publisher.offer(at(10));
            waiting.orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).join();
        }
    }
}
