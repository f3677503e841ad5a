package io.rivulet.storage.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** CRC-32C over off-heap stores, one store after another, as a node checks batches from the network. */
class Crc32cTest {
    private final List<Bytes<?>> stores = new ArrayList<>();

    @AfterEach
    void release() {
        stores.forEach(Bytes::releaseLast);
    }

    @Test
    void itMatchesTheJdkOverEveryStoreAndRange() {
        Random random = new Random(42);
        Crc32c crc = new Crc32c();
        for (int i = 0; i < 200; i++) {
            byte[] data = new byte[1 + random.nextInt(5000)];
            random.nextBytes(data);
            BytesStore<?, ?> store = direct(data).bytesStore();
            int from = random.nextInt(data.length);
            int to = from + random.nextInt(data.length - from + 1);
            assertEquals(jdk(data, from, to), crc.compute(store, from, to), "store " + i);
            assertEquals(jdk(data, 0, data.length), Crc32c.once(store, 0, data.length));
        }
    }

    @Test
    void aStoreAfterAnotherAllocatesNoViewOnTheHeap() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        BytesStore<?, ?> a = direct(new byte[1024]).bytesStore();
        BytesStore<?, ?> b = direct(new byte[2048]).bytesStore();
        Crc32c crc = new Crc32c();
        double perCall = 0;
        for (int round = 0; round < 3; round++) { // the last round is measured, after warm-up
            long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int i = 0; i < 10_000; i++) {
                crc.compute(i % 2 == 0 ? a : b, 0, 1024);
            }
            perCall = (threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before) / 10_000.0;
        }
        assertTrue(perCall < 8, "a view per store: " + perCall + " bytes per call");
    }

    private Bytes<?> direct(byte[] data) {
        Bytes<?> bytes = Bytes.allocateElasticDirect(data.length);
        bytes.write(data);
        stores.add(bytes);
        return bytes;
    }

    private static int jdk(byte[] data, int from, int to) {
        CRC32C c = new CRC32C();
        c.update(data, from, to - from);
        return (int) c.getValue();
    }
}
