package io.rivulet.storage.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rivulet.storage.OffsetOutOfRangeException;
import io.rivulet.storage.batch.BatchRecord;
import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.batch.RecordBatchBuilder;
import io.rivulet.storage.batch.RecordHeader;
import io.rivulet.storage.batch.RecordIterator;
import io.rivulet.storage.batch.TestRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random sequences of log operations checked against a model: a list of records with their batch
 * boundaries and a start offset. After every operation the log's range and full content must
 * equal the model's.
 *
 * <p>Twice: with the log's background work (seals of rolled segments, unlinks) run on the writer,
 * and deferred to an executor the test drives, where {@code RunBackground} runs what is pending and
 * a crash reopens a copy of the directory taken while seals and deletes were still pending.
 */
class LogModelPropertyTest {
    static final LogConfig CONFIG = LogConfig.from(Map.of(
            "segment.bytes", String.valueOf(12 * 1024),
            "segment.index.bytes", "4096",
            "index.interval.bytes", "256",
            "max.message.bytes", String.valueOf(12 * 1024),
            "retention.ms", "-1",
            "retention.bytes", String.valueOf(30 * 1024),
            "mapped.segments.max", "3"));

    sealed interface Op {
    }

    record Append(List<TestRecord> records) implements Op {
    }

    /** Offsets are picked as a fraction of the current range, so they land inside it most of the time. */
    record Read(double where, int maxBytes, long timestamp) implements Op {
    }

    record TruncateTo(double where) implements Op {
    }

    record DeleteBefore(double where) implements Op {
    }

    record Roll() implements Op {
    }

    record ApplyRetention() implements Op {
    }

    record Reopen(boolean crash) implements Op {
    }

    record RunBackground() implements Op {
    }

    /** The log under test, its directory, and the background jobs it queued (deferred mode). */
    static final class Harness {
        Path dir;
        PartitionLog log;
        final ArrayDeque<Runnable> jobs;

        Harness(Path dir, boolean deferred) {
            this.dir = dir;
            this.jobs = deferred ? new ArrayDeque<>() : null;
            this.log = open();
        }

        PartitionLog open() {
            return jobs == null ? PartitionLog.open(dir, CONFIG) : PartitionLog.open(dir, CONFIG, Clock.systemUTC(), jobs::add);
        }
    }

    /** The model: records from {@code start}, and the base offsets of the batches holding them. */
    static final class Model {
        long start;
        long end;
        final List<TestRecord> records = new ArrayList<>(); // records.get(i) has offset end - records.size() + i
        final List<Long> batchBases = new ArrayList<>();     // every batch still (partly) in the log

        long firstOffset() {
            return end - records.size();
        }

        TestRecord at(long offset) {
            return records.get((int) (offset - firstOffset()));
        }

        void dropBelow(long offset) {
            while (!records.isEmpty() && firstOffset() < offset) {
                records.remove(0);
            }
            while (batchBases.size() > 1 && batchBases.get(1) <= offset) {
                batchBases.remove(0);
            }
            start = Math.max(start, offset);
        }
    }

    @Property(tries = 30)
    void logBehavesLikeAListOfRecords(@ForAll("operations") List<Op> ops) throws IOException {
        check(ops, false);
    }

    @Property(tries = 30)
    void logBehavesLikeAListOfRecordsWithDeferredBackgroundWork(@ForAll("operations") List<Op> ops) throws IOException {
        check(ops, true);
    }

    private void check(List<Op> ops, boolean deferred) throws IOException {
        Path root = Files.createTempDirectory("rivulet-model");
        Model model = new Model();
        Harness h = new Harness(root.resolve("log"), deferred);
        try (RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            int step = 0;
            for (Op op : ops) {
                apply(op, h, model, b, root);
                assertMatches(h.log, model, "after op " + step + " " + op);
                step++;
            }
        } finally {
            h.log.close();
            deleteRecursively(root);
        }
    }

    private static void apply(Op op, Harness h, Model model, RecordBatchBuilder b, Path root) throws IOException {
        PartitionLog log = h.log;
        if (op instanceof Append a) {
            b.reset();
            for (TestRecord r : a.records()) {
                b.append(r.timestamp(), r.key(), r.value(), r.headers());
            }
            AppendResult result = log.append(b.build());
            assertEquals(model.end, result.firstOffset());
            assertEquals(model.end + a.records().size() - 1, result.lastOffset());
            model.batchBases.add(model.end);
            model.records.addAll(a.records());
            model.end += a.records().size();
        } else if (op instanceof Read r) {
            checkRead(log, model, r);
        } else if (op instanceof TruncateTo t) {
            long offset = pick(model, t.where());
            long newEnd = log.truncateTo(offset);
            if (offset >= model.end) {
                assertEquals(model.end, newEnd);
            } else if (offset <= model.start) {
                model.records.clear();
                model.batchBases.clear();
                model.start = offset;
                model.end = offset;
                assertEquals(offset, newEnd);
            } else {
                long cut = offset;
                for (long base : model.batchBases) {
                    if (base <= offset) {
                        cut = base;
                    }
                }
                long keep = Math.max(cut, model.start);
                while (model.end > keep) {
                    model.records.remove(model.records.size() - 1);
                    model.end--;
                }
                long cutAt = cut;
                model.batchBases.removeIf(base -> base >= cutAt);
                if (cut < model.start) {
                    model.start = cut; // the whole log is gone: an empty log starting where it ends
                    model.end = cut;
                }
                assertEquals(model.end, newEnd);
            }
        } else if (op instanceof DeleteBefore d) {
            long offset = pick(model, d.where());
            log.deleteBefore(offset);
            model.dropBelow(offset);
        } else if (op instanceof Roll r) {
            log.roll();
        } else if (op instanceof ApplyRetention r) {
            List<Long> segments = log.segmentBaseOffsets();
            long before = log.logStartOffset();
            log.applyRetention();
            long after = log.logStartOffset();
            assertTrue(after >= before);
            if (after != before) {
                assertTrue(segments.contains(after), "retention starts the log at a segment: " + after);
            }
            model.dropBelow(after);
        } else if (op instanceof RunBackground r) {
            if (h.jobs != null) {
                while (!h.jobs.isEmpty()) {
                    h.jobs.poll().run();
                }
            }
        } else if (op instanceof Reopen r) {
            if (r.crash() && h.jobs != null) {
                // The files as a killed process leaves them, seals and unlinks still pending.
                Path image = Files.createTempDirectory(root, "crashed");
                try (Stream<Path> files = Files.list(h.dir)) {
                    for (Path f : files.toList()) {
                        Files.copy(f, image.resolve(f.getFileName()));
                    }
                }
                log.close();
                h.jobs.clear();
                h.dir = image;
            } else {
                log.close();
                if (r.crash()) {
                    Files.deleteIfExists(h.dir.resolve(LogRecovery.CLEAN_SHUTDOWN));
                }
            }
            h.log = h.open();
            assertEquals(!r.crash(), h.log.recoveredCleanly());
            assertEquals(0, h.log.recoveryTruncatedBytes(), "a process crash loses nothing");
        }
    }

    private static void checkRead(PartitionLog log, Model model, Read r) {
        long offset = model.start - 2 + Math.round(r.where() * (model.end - model.start + 4));
        if (offset < model.start || offset > model.end) {
            assertThrows(OffsetOutOfRangeException.class, () -> log.read(offset, r.maxBytes()).close());
        } else {
            try (LogSlice slice = log.read(offset, r.maxBytes())) {
                assertEquals(offset == model.end, slice.isEmpty(), "read at " + offset);
                long expected = offset;
                Iterator<RecordBatch> batches = slice.batches();
                while (batches.hasNext()) {
                    RecordIterator records = batches.next().records();
                    while (records.hasNext()) {
                        BatchRecord rec = records.next();
                        if (rec.offset() >= offset) {
                            assertEquals(expected, rec.offset());
                            assertEquals(model.at(expected), TestRecord.of(rec), "record " + expected);
                            expected++;
                        }
                    }
                }
                assertEquals(expected, slice.nextOffset());
            }
        }
        OptionalLong byTime = log.offsetForTimestamp(r.timestamp());
        long want = -1;
        for (long o = model.firstOffset(); o < model.end; o++) {
            if (o >= model.start && model.at(o).timestamp() >= r.timestamp()) {
                want = o;
                break;
            }
        }
        assertEquals(want, byTime.orElse(-1), "offsetForTimestamp(" + r.timestamp() + ")");
    }

    private static void assertMatches(PartitionLog log, Model model, String context) {
        assertEquals(model.start, log.logStartOffset(), "start " + context);
        assertEquals(model.end, log.logEndOffset(), "end " + context);
        List<TestRecord> actual = new ArrayList<>();
        long next = model.start;
        while (next < model.end) {
            try (LogSlice slice = log.read(next, 2048)) {
                Iterator<RecordBatch> batches = slice.batches();
                while (batches.hasNext()) {
                    RecordIterator records = batches.next().records();
                    while (records.hasNext()) {
                        BatchRecord rec = records.next();
                        if (rec.offset() >= model.start) {
                            assertEquals(model.start + actual.size(), rec.offset(), context);
                            actual.add(TestRecord.of(rec));
                        }
                    }
                }
                assertTrue(slice.nextOffset() > next, "read made progress " + context);
                next = slice.nextOffset();
            }
        }
        List<TestRecord> expected = model.records.subList((int) (model.start - model.firstOffset()), model.records.size());
        assertEquals(expected, actual, context);
    }

    private static long pick(Model model, double where) {
        return model.start + Math.round(where * (model.end - model.start));
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
        Arbitrary<byte[]> keys = Arbitraries.bytes().array(byte[].class).ofMaxSize(16).injectNull(0.2);
        Arbitrary<RecordHeader> header = Combinators.combine(
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(8).injectNull(0.3)).as(RecordHeader::new);
        Arbitrary<TestRecord> record = Combinators.combine(
                Arbitraries.longs().between(0, 10_000),
                keys,
                bytes.injectNull(0.15),
                header.list().ofMaxSize(2)).as(TestRecord::new);
        Arbitrary<Op> append = record.list().ofMinSize(1).ofMaxSize(12).map(Append::new);
        Arbitrary<Double> where = Arbitraries.doubles().between(0, 1);
        Arbitrary<Op> read = Combinators.combine(where, Arbitraries.integers().between(1, 8192),
                Arbitraries.longs().between(-1, 10_001)).as(Read::new);
        Arbitrary<Op> op = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(12, append),
                net.jqwik.api.Tuple.of(4, read),
                net.jqwik.api.Tuple.of(2, where.map(TruncateTo::new)),
                net.jqwik.api.Tuple.of(1, where.map(DeleteBefore::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Roll())),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new ApplyRetention())),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(true, false).map(Reopen::new)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(new RunBackground())));
        return op.list().ofMinSize(5).ofMaxSize(80);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
