package io.rivulet.storage.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rivulet.storage.batch.RecordBatchBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM appends as fast as it can and acknowledges each append on stdout; the test SIGKILLs
 * it at a random moment and holds the reopened log to every acknowledgement. Every other round the
 * child's background executor is stalled and the round is long enough to roll, so the kill finds
 * rolled segments whose seal (fsync, trim) has not run: recovery must re-validate and seal them.
 * Rounds 2 and 3 encode their batches in place ({@link PartitionLog#appendInPlace}), so a kill may also land
 * while a batch is half encoded in the segment.
 */
class CrashRecoveryIT {
    private static final int ROUNDS = 6;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedBatchSurvivesSigkillAndNothingInvalidFollowsIt() throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        System.out.println("CrashRecoveryIT seed=" + seed + " (rerun with -Dcrash.seed=" + seed + ")");
        Random random = new Random(seed);
        Path logDir = dir.resolve("p0");
        long started = System.nanoTime();
        long base = 0;
        for (int round = 0; round < ROUNDS; round++) {
            boolean stalled = round % 2 == 1;
            boolean inPlace = round / 2 == 1;
            // A 1 MiB segment holds about 13,000 of these records: stalled rounds roll at least twice.
            long ackTarget = stalled ? 30_000 + random.nextInt(30_000) : 5_000 + random.nextInt(60_000);
            long extraMs = random.nextInt(40);
            long roundStart = System.nanoTime();
            Process child = LogFixtures.startChild(CrashingAppender.class, List.of("-Xmx256m"), logDir.toString(),
                    stalled ? CrashingAppender.STALLED : "normal", inPlace ? CrashingAppender.IN_PLACE : "copy");
            AtomicLong acked = new AtomicLong(-1);
            Thread reader = new Thread(() -> readAcks(child.getInputStream(), acked), "ack-reader");
            reader.start();
            long floor;
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (acked.get() < base + ackTarget) {
                    assertTrue(child.isAlive(), "child died before it was killed; exit " + exitOf(child));
                    assertTrue(System.nanoTime() < deadline, "child too slow: acked " + acked.get());
                    Thread.sleep(1);
                }
                Thread.sleep(extraMs);
            } finally {
                child.destroyForcibly();
                assertTrue(child.waitFor(10, TimeUnit.SECONDS), "child did not die");
                reader.join(10_000);
            }
            floor = acked.get();
            try (PartitionLog log = PartitionLog.open(logDir, CrashingAppender.CONFIG);
                 RecordBatchBuilder b = new RecordBatchBuilder(64 * 1024)) {
                assertFalse(log.recoveredCleanly(), "a killed writer leaves no clean-shutdown marker");
                assertTrue(log.logEndOffset() >= floor, "acknowledged up to " + floor + " but the log ends at "
                        + log.logEndOffset() + " (seed " + seed + ", round " + round + ")");
                assertEquals(log.logEndOffset(), LogFixtures.verifyDerived(log, 0),
                        "every record to the end is readable with its content (seed " + seed + ")");
                if (stalled) {
                    assertTrue(log.recoveryResealedSegments() > 0, "a stalled round leaves rolled segments "
                            + "unsealed (seed " + seed + ", round " + round + ")");
                }
                System.out.printf("round %d%s%s: acked %d, recovered end %d, segments %d, resealed %d, cut %d bytes, %d ms%n",
                        round, stalled ? " (stalled background)" : "", inPlace ? " (in place)" : "", floor, log.logEndOffset(),
                        log.segmentCount(), log.recoveryResealedSegments(), log.recoveryTruncatedBytes(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - roundStart));
                long end = log.logEndOffset();
                for (int i = 0; i < 20; i++) {
                    end = log.append(LogFixtures.derivedBatch(b, end, 7)).lastOffset() + 1;
                }
            }
            try (PartitionLog log = PartitionLog.open(logDir, CrashingAppender.CONFIG)) {
                assertTrue(log.recoveredCleanly());
                assertEquals(log.logEndOffset(), LogFixtures.verifyDerived(log, 0));
                base = log.logEndOffset();
            }
        }
        long totalMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.println("CrashRecoveryIT: " + ROUNDS + " rounds in " + totalMs + " ms");
    }

    private static String exitOf(Process p) {
        return p.isAlive() ? "alive" : String.valueOf(p.exitValue());
    }

    /** Takes only whole lines: a line cut by the kill is not an acknowledgement. */
    private static void readAcks(InputStream in, AtomicLong acked) {
        StringBuilder line = new StringBuilder();
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    char c = (char) buf[i];
                    if (c != '\n') {
                        line.append(c);
                        continue;
                    }
                    String s = line.toString();
                    line.setLength(0);
                    if (s.startsWith(CrashingAppender.ACK)) {
                        acked.set(Long.parseLong(s.substring(CrashingAppender.ACK.length()).trim()));
                    } else if (!s.isBlank()) {
                        System.out.println("child: " + new String(s.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (IOException e) {
            // the pipe closes when the child dies
        }
    }
}
