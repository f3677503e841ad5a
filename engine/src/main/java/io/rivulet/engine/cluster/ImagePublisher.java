package io.rivulet.engine.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Hands new images to listeners on one named thread ({@code rivulet-metadata-<node>}), newest wins.
 *
 * <p>Images arrive from Ratis threads (a controller applying the log) and from heartbeat replies, in
 * any order and more than once; listeners see a sequence of strictly increasing versions. Images are
 * coalesced rather than queued: if several arrive while listeners are busy, listeners get the newest
 * one next, so a slow listener holds one image, not a backlog.
 *
 * <p>Thread-safe. {@link #offer} never blocks.
 */
final class ImagePublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ImagePublisher.class);

    private final int nodeId;
    private final ExecutorService thread;
    private final AtomicReference<ClusterImage> newest = new AtomicReference<>(ClusterImage.EMPTY);
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final List<Consumer<ClusterImage>> listeners = new CopyOnWriteArrayList<>();
    /** Callers waiting for listeners to have seen a version; at most one per pending submit. */
    private final ConcurrentSkipListMap<Long, List<Sinks.Empty<Void>>> waiters = new ConcurrentSkipListMap<>();
    /** The newest image listeners were given; written on the metadata thread only. */
    private volatile ClusterImage delivered = ClusterImage.EMPTY;

    ImagePublisher(int nodeId) {
        this.nodeId = nodeId;
        // One thread; the queue holds drains (at most one pending) and listener registrations.
        this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(1024), r -> {
            Thread t = new Thread(r, "rivulet-metadata-" + nodeId);
            t.setDaemon(true);
            return t;
        });
    }

    /** The newest image offered so far (listeners may not have seen it yet). */
    ClusterImage newest() {
        return newest.get();
    }

    /** Offers an image; ignored unless newer than every image offered before. */
    void offer(ClusterImage image) {
        ClusterImage previous = newest.getAndAccumulate(image, (a, b) -> b.version() > a.version() ? b : a);
        if (image.version() > previous.version()) {
            scheduleDrain();
        }
    }

    /** Adds a listener; it is called on the metadata thread with the current image first, then with every newer one. */
    void addListener(Consumer<ClusterImage> listener) {
        execute(() -> {
            listeners.add(listener);
            call(listener, delivered);
        });
    }

    /** Completes once listeners have been given an image of at least {@code version}. */
    Mono<Void> awaitDelivered(long version) {
        return Mono.defer(() -> {
            if (delivered.version() >= version) {
                return Mono.empty();
            }
            Sinks.Empty<Void> sink = Sinks.empty();
            waiters.computeIfAbsent(version, v -> new CopyOnWriteArrayList<>()).add(sink);
            // Delivery may have passed the version between the check and the registration.
            completeWaiters(delivered.version());
            return sink.asMono().doOnCancel(() -> {
                List<Sinks.Empty<Void>> list = waiters.get(version);
                if (list != null) {
                    list.remove(sink);
                }
            });
        });
    }

    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            execute(this::drain);
        }
    }

    private void drain() {
        drainScheduled.set(false);
        ClusterImage image = newest.get();
        if (image.version() <= delivered.version()) {
            return;
        }
        delivered = image;
        for (Consumer<ClusterImage> listener : listeners) {
            call(listener, image);
        }
        completeWaiters(image.version());
    }

    private void completeWaiters(long deliveredVersion) {
        var done = waiters.headMap(deliveredVersion, true);
        for (Long version : List.copyOf(done.keySet())) {
            List<Sinks.Empty<Void>> sinks = waiters.remove(version);
            if (sinks != null) {
                sinks.forEach(Sinks.Empty::tryEmitEmpty);
            }
        }
    }

    private void call(Consumer<ClusterImage> listener, ClusterImage image) {
        try {
            listener.accept(image);
        } catch (RuntimeException e) {
            log.warn("node {}: a cluster image listener failed on version {}", nodeId, image.version(), e);
        }
    }

    private void execute(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("node {}: metadata thread closed, dropping a task", nodeId);
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
        waiters.values().forEach(list -> list.forEach(Sinks.Empty::tryEmitEmpty));
        waiters.clear();
    }
}
