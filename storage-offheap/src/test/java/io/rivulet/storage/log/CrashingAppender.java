package io.rivulet.storage.log;

import io.rivulet.storage.batch.RecordBatchBuilder;
import java.io.PrintStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * Child-JVM main for {@link CrashRecoveryIT}: appends derived-content batches to the log in
 * {@code args[0]} as fast as it can, and after each append prints {@code ACK <log end>} — the
 * acknowledgement the parent holds the log to after it kills this process. Never returns.
 *
 * <p>With {@code args[1] = stalled-background} the background executor starts each task
 * {@value #STALL_MS} ms late, longer than the parent lets the child live: rolled segments wait for
 * their seal (fsync, trim) until the log's bound on pending seals makes the writer run them, so
 * after any roll the kill finds one or two unsealed segments that recovery must re-validate.
 *
 * <p>With {@code args[2] = in-place} the batches are encoded straight into the segment
 * ({@link PartitionLog#appendInPlace}) instead of built and copied, so the kill may land mid-encode.
 */
public final class CrashingAppender {
    static final LogConfig CONFIG = LogConfig.from(Map.of(
            "segment.bytes", String.valueOf(1 << 20),
            "segment.index.bytes", "65536",
            "index.interval.bytes", "4096",
            "max.message.bytes", "65536"));
    static final String ACK = "ACK ";
    static final String STALLED = "stalled-background";
    static final long STALL_MS = 60_000;
    static final String IN_PLACE = "in-place";

    private CrashingAppender() {
    }

    public static void main(String[] args) {
        // Our own unbuffered stream on fd 1: logback logs to System.out too, and acks must not wait in a buffer.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false);
        var executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "rivulet-background");
            t.setDaemon(true);
            return t;
        });
        boolean stalled = args.length > 1 && args[1].equals(STALLED);
        Executor background = !stalled ? executor : task -> executor.execute(() -> {
            try {
                Thread.sleep(STALL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            task.run();
        });
        PartitionLog log = PartitionLog.open(Path.of(args[0]), CONFIG, Clock.systemUTC(), background);
        boolean inPlace = args.length > 2 && args[2].equals(IN_PLACE);
        DerivedEncoder encoder = new DerivedEncoder();
        try (RecordBatchBuilder b = new RecordBatchBuilder(64 * 1024)) {
            long next = log.logEndOffset();
            for (;;) {
                int count = 1 + (int) (next % 50);
                if (inPlace) {
                    log.appendInPlace(16 * 1024, encoder.of(next, count));
                    next = log.logEndOffset();
                } else {
                    next = log.append(LogFixtures.derivedBatch(b, next, count)).lastOffset() + 1;
                }
                out.print(ACK + next + "\n");
                out.flush();
            }
        }
    }
}
