package io.rivulet.engine.fetch;

import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.ConsumerRecord;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.Rivulet;
import io.rivulet.api.StartAt;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.serde.Serdes;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Child JVM of {@link FlatHeapIT}: produces TOTAL bytes of 1 KiB records through the embedded engine while a
 * subscriber that requests nothing sits on the partition, then reports the heap after a GC.
 * Prints {@code OK records delivered heapUsedMb maxHeapUsedMb}.
 */
public final class IdleSubscriberChild {
    static final int RECORD_BYTES = 1024;

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        long total = Long.parseLong(args[1]);
        long records = total / RECORD_BYTES;
        byte[] value = new byte[RECORD_BYTES];
        AtomicLong delivered = new AtomicLong();
        long maxUsed = 0;
        try (Rivulet r = Rivulet.embedded().dataDir(dir).config(Map.of(
                "log.segment.bytes", Integer.toString(256 << 20), "log.preallocate", "false")).open()) {
            BaseSubscriber<ConsumerRecord<byte[], byte[]>> idle = new BaseSubscriber<>() {
                @Override
                protected void hookOnSubscribe(Subscription s) {
                    // request nothing: the stream must hold a position, not a buffer
                }

                @Override
                protected void hookOnNext(ConsumerRecord<byte[], byte[]> rec) {
                    delivered.incrementAndGet();
                }
            };
            r.consumer(ConsumerOptions.builder(Serdes.byteArray(), Serdes.byteArray()).build())
                    .read(new TopicPartition("flat", 0), StartAt.earliest()).subscribe(idle);
            var producer = r.producer(ProducerOptions.builder(Serdes.byteArray(), Serdes.byteArray()).build());
            long chunk = records / 16;
            for (int i = 0; i < 16; i++) {
                producer.send(Flux.range(0, (int) chunk).map(n -> new ProducerRecord<byte[], byte[]>("flat", 0, null,
                        value, null, null))).blockLast();
                maxUsed = Math.max(maxUsed, usedAfterGc());
            }
            long used = usedAfterGc();
            idle.dispose();
            System.out.println("OK " + chunk * 16 + " " + delivered.get() + " " + used / (1 << 20) + " "
                    + Math.max(maxUsed, used) / (1 << 20));
        }
    }

    private static long usedAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
