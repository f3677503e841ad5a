package io.rivulet.storage.log;

import io.rivulet.storage.batch.RecordBatchBuilder;
import java.io.PrintStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Child-JVM main for {@link CrashRecoveryTest}: appends derived-content batches to the log in
 * {@code args[0]} as fast as it can, and after each append prints {@code ACK <log end>} — the
 * acknowledgement the parent holds the log to after it kills this process. Never returns.
 */
public final class CrashingAppender {
    static final LogConfig CONFIG = LogConfig.from(Map.of(
            "segment.bytes", String.valueOf(1 << 20),
            "segment.index.bytes", "65536",
            "index.interval.bytes", "4096",
            "max.message.bytes", "65536"));
    static final String ACK = "ACK ";

    private CrashingAppender() {
    }

    public static void main(String[] args) {
        // Our own unbuffered stream on fd 1: logback logs to System.out too, and acks must not wait in a buffer.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false);
        var executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "rivulet-prealloc");
            t.setDaemon(true);
            return t;
        });
        PartitionLog log = PartitionLog.open(Path.of(args[0]), CONFIG, Clock.systemUTC(), executor);
        try (RecordBatchBuilder b = new RecordBatchBuilder(64 * 1024)) {
            long next = log.logEndOffset();
            for (;;) {
                int count = 1 + (int) (next % 50);
                AppendResult r = log.append(LogFixtures.derivedBatch(b, next, count));
                next = r.lastOffset() + 1;
                out.print(ACK + next + "\n");
                out.flush();
            }
        }
    }
}
