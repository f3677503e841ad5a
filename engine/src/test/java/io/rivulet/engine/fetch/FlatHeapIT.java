package io.rivulet.engine.fetch;

import io.rivulet.engine.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A subscriber that requests nothing while 1 GiB is produced keeps the heap flat: it holds a cursor, not a buffer. */
class FlatHeapIT {
    private static final long TOTAL = 1L << 30;

    @TempDir
    Path dir;

    @Test
    void aGibibyteProducedPastAnIdleSubscriberFitsA64MebibyteHeap() throws Exception {
        ChildJvm.Result r = ChildJvm.run(IdleSubscriberChild.class,
                List.of("-Xmx64m", "-XX:+ExitOnOutOfMemoryError"), 300, dir.resolve("data").toString(),
                Long.toString(TOTAL));
        assertEquals(0, r.exitCode(), r.output());
        String[] ok = r.line("OK");
        assertEquals(TOTAL / IdleSubscriberChild.RECORD_BYTES / 16 * 16, Long.parseLong(ok[1]));
        assertEquals(0, Long.parseLong(ok[2]), "an idle subscriber is sent nothing");
        long maxUsedMb = Long.parseLong(ok[4]);
        assertTrue(maxUsedMb < 32, "heap after GC stayed at " + maxUsedMb + " MiB or less; output:\n" + r.output());
        System.out.println("FlatHeapIT: " + ok[1] + " records, heap after GC at most " + maxUsedMb + " MiB");
    }
}
