package io.rivulet.storage.log;

import io.rivulet.storage.segment.Segment;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Faults in the pages of a cold active segment — one the writer has to fault in itself: a new log's first, one
 * reopened after a restart, or one that rolled before its successor was prepared — a little ahead of its writer,
 * in the background, so the writer finds them mapped. At most {@link Segment#RESERVE_AHEAD} ahead (as far as the
 * file's disk blocks are reserved), so a partition that stops writing stops this too: no more pages are made than
 * it writes, plus that lead. Without changing a byte ({@link Segment#populateAhead}), which is what makes it safe
 * in the segment the writer is writing.
 *
 * <p>Before this, a busy partition's cold segment was left early for a whole prepared one, which made a segment's
 * worth of pages (1 GiB by default) for a partition that may write a fraction of it (docs/benchmarks.md).
 *
 * <p>The writer says which segment to follow ({@link #follow}) and where it is ({@link #writerAt}); one job at a
 * time runs on the log's background executor, 2 MiB a call, until it has reached the lead. Ahead of a slow writer
 * the pages come in 4 KiB at a time, ahead of a fast one as 2 MiB folios ({@link WriterPace}).
 */
final class TouchAhead {
    private static final long CHUNK = 2L << 20;
    private static final long PAGE = 4096;

    private final Executor executor;
    private final BooleanSupplier smallPages;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicReference<Followed> followed = new AtomicReference<>();

    /** A segment followed, and how far it is faulted in (from its start). */
    private static final class Followed {
        final Segment segment;
        volatile long touched;

        Followed(Segment segment) {
            this.segment = segment;
            this.touched = segment.size() / PAGE * PAGE; // below that the writer has written: mapped already
        }
    }

    /**
     * @param executor where the work runs; null to do nothing (no background work, or no preparation wanted)
     * @param smallPages whether to fault the next piece in as 4 KiB pages rather than one 2 MiB folio ({@link WriterPace})
     */
    TouchAhead(Executor executor, BooleanSupplier smallPages) {
        this.executor = executor;
        this.smallPages = smallPages;
    }

    /** Writer: from now on follow {@code cold} (null: none, the active segment was prepared). */
    void follow(Segment cold) {
        followed.set(cold == null || executor == null ? null : new Followed(cold));
    }

    /** Writer, after an append: starts the job if the lead fell below half. Cheap when there is nothing to do. */
    void writerAt(long size) {
        Followed f = followed.get();
        if (f != null && f.touched < size + Segment.RESERVE_AHEAD / 2 && !running.get()
                && running.compareAndSet(false, true)) {
            try {
                executor.execute(this::run);
            } catch (RejectedExecutionException e) {
                running.set(false); // shutting down: the writer faults its pages in itself
            }
        }
    }

    /** How far the followed segment is faulted in, in bytes from its start; 0 when none is followed (for tests). */
    long touched() {
        Followed f = followed.get();
        return f == null ? 0 : f.touched;
    }

    private void run() {
        try {
            for (;;) {
                Followed f = followed.get();
                if (f == null) {
                    return;
                }
                Segment s = f.segment;
                long target = Math.min(s.reservedEnd(), s.size() + Segment.RESERVE_AHEAD) / PAGE * PAGE;
                long from = Math.max(f.touched, s.size() / PAGE * PAGE);
                if (from >= target) {
                    return;
                }
                long length = Math.min(CHUNK - from % CHUNK, target - from);
                if (!s.populateAhead(from, length, smallPages.getAsBoolean())) {
                    followed.compareAndSet(f, null); // sealed, gone, or the kernel cannot: the writer faults the rest
                    return;
                }
                f.touched = from + length;
            }
        } finally {
            running.set(false);
        }
    }
}
