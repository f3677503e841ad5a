package io.rivulet.engine.produce;

import io.rivulet.api.TopicPartition;
import io.rivulet.storage.batch.RecordBatch;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** What a producer's records hear when the target of their batch fails. */
class PartitionBatcherTest {
    @Test
    void aTargetThatThrowsFailsItsBatchAndTheNextBatchIsStillAppended() throws Exception {
        InternalError fault = new InternalError("a fault occurred in an unsafe memory access");
        List<Integer> appendedBatches = new ArrayList<>();
        BatchTarget target = new BatchTarget() {
            int calls;

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
                if (calls++ == 0) {
                    throw fault;
                }
                appendedBatches.add(batch.recordCount());
                outcome.appended(100);
            }
        };
        PartitionBatcher batcher = new PartitionBatcher(target, 16 * 1024, 0, Schedulers.immediate());
        CompletableFuture<Throwable> first = new CompletableFuture<>();
        batcher.add(1L, null, new byte[10], List.of(), callback(first, null));
        assertSame(fault, first.get(5, TimeUnit.SECONDS), "the sender hears the error instead of waiting");

        CompletableFuture<Long> second = new CompletableFuture<>();
        batcher.add(2L, null, new byte[10], List.of(), callback(null, second));
        assertEquals(100L, second.get(5, TimeUnit.SECONDS));
        assertEquals(List.of(1), appendedBatches);
        batcher.close();
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
