package io.rivulet.engine.produce;

import io.rivulet.api.TopicPartition;
import io.rivulet.storage.batch.RecordBatch;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a producer's records hear when the target of their batch fails, how batch buffers are reused, and when a
 * drain is queued.
 */
class PartitionBatcherTest {
    @Test
    void aTargetThatThrowsFailsItsBatchAndTheNextBatchIsStillAppended() throws Exception {
        InternalError fault = new InternalError("a fault occurred in an unsafe memory access");
        List<Integer> appendedBatches = new ArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        BatchTarget target = target((batch, outcome) -> {
            if (calls.getAndIncrement() == 0) {
                throw fault;
            }
            appendedBatches.add(batch.recordCount());
            outcome.appended(100);
        });
        PartitionBatcher batcher = new PartitionBatcher(target, 16 * 1024, 0, Schedulers.immediate(),
                new Semaphore(8));
        CompletableFuture<Throwable> first = new CompletableFuture<>();
        batcher.add(1L, null, new byte[10], List.of(), callback(first, null));
        assertSame(fault, first.get(5, TimeUnit.SECONDS), "the sender hears the error instead of waiting");

        CompletableFuture<Long> second = new CompletableFuture<>();
        batcher.add(2L, null, new byte[10], List.of(), callback(null, second));
        assertEquals(100L, second.get(5, TimeUnit.SECONDS));
        assertEquals(List.of(1), appendedBatches);
        batcher.close();
    }

    @Test
    void appendedBuffersAreKeptWithinTheSharedBudgetAndGivenBackOnClose() {
        Semaphore budget = new Semaphore(1);
        List<Integer> sizes = new ArrayList<>();
        BatchTarget target = target((batch, outcome) -> {
            sizes.add(batch.recordCount());
            outcome.appended(0);
        });
        PartitionBatcher a = new PartitionBatcher(target, 1024, 0, Schedulers.immediate(), budget);
        PartitionBatcher b = new PartitionBatcher(target, 1024, 0, Schedulers.immediate(), budget);
        a.add(1L, null, new byte[10], List.of(), callback(null, new CompletableFuture<>()));
        assertEquals(0, budget.availablePermits(), "the appended batch's buffer is kept");
        b.add(1L, null, new byte[10], List.of(), callback(null, new CompletableFuture<>()));
        assertEquals(0, budget.availablePermits(), "no budget left: the second buffer is freed, not kept");
        a.add(2L, null, new byte[10], List.of(), callback(null, new CompletableFuture<>()));
        assertEquals(0, budget.availablePermits(), "the kept buffer was reused and kept again");
        a.add(3L, null, new byte[4000], List.of(), callback(null, new CompletableFuture<>()));
        assertEquals(1, budget.availablePermits(), "the kept buffer took a record larger than batch.size, grew, and was freed");
        a.add(4L, null, new byte[10], List.of(), callback(null, new CompletableFuture<>()));
        assertEquals(0, budget.availablePermits());
        a.close();
        b.close();
        assertEquals(1, budget.availablePermits(), "closing gives the kept buffer's share back");
        assertEquals(List.of(1, 1, 1, 1, 1), sizes);
    }

    @Test
    void recordsAddedWhileADrainRunsGoToThatDrainRatherThanQueueingAnother() throws Exception {
        CountDownLatch inFirstAppend = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        BatchTarget target = target((batch, outcome) -> {
            if (inFirstAppend.getCount() > 0) {
                inFirstAppend.countDown();
                awaitQuietly(release);
            }
            sizes.add(batch.recordCount());
            outcome.appended(0);
        });
        ExecutorService thread = Executors.newSingleThreadExecutor();
        AtomicInteger drainsQueued = new AtomicInteger();
        Scheduler counting = Schedulers.fromExecutor(task -> {
            drainsQueued.incrementAndGet();
            thread.execute(task);
        });
        try {
            PartitionBatcher batcher = new PartitionBatcher(target, 16 * 1024, 0, counting, new Semaphore(8));
            List<CompletableFuture<Long>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                CompletableFuture<Long> appended = new CompletableFuture<>();
                results.add(appended);
                batcher.add(i, null, new byte[10], List.of(), callback(null, appended));
                if (i == 0) {
                    assertTrue(inFirstAppend.await(5, TimeUnit.SECONDS), "the first record's drain is appending");
                }
            }
            assertEquals(1, drainsQueued.get(), "the running drain takes the records added meanwhile");
            release.countDown();
            CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
            assertEquals(List.of(1, 5), sizes);

            // Once that drain has found nothing left, the next record must queue a drain of its own.
            thread.submit(() -> { }).get(5, TimeUnit.SECONDS); // the drain's thread has run everything queued before
            CompletableFuture<Long> later = new CompletableFuture<>();
            batcher.add(7, null, new byte[10], List.of(), callback(null, later));
            assertEquals(0L, later.get(5, TimeUnit.SECONDS));
            assertEquals(2, drainsQueued.get());
            batcher.close();
        } finally {
            thread.shutdownNow();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Partition t-0 with a 1 MiB batch bound, appending as {@code append} says. */
    private static BatchTarget target(BiConsumer<RecordBatch, BatchTarget.Outcome> append) {
        return new BatchTarget() {
            @Override
            public TopicPartition id() {
                return new TopicPartition("t", 0);
            }

            @Override
            public int maxMessageBytes() {
                return 1 << 20;
            }

            @Override
            public void append(RecordBatch batch, Outcome outcome) {
                append.accept(batch, outcome);
            }
        };
    }

    private static AppendCallback callback(CompletableFuture<Throwable> failed, CompletableFuture<Long> appended) {
        return new AppendCallback() {
            @Override
            public void appended(int partition, long offset) {
                appended.complete(offset);
            }

            @Override
            public void failed(int partition, Throwable error) {
                failed.complete(error);
            }
        };
    }
}
