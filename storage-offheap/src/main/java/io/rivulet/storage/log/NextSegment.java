package io.rivulet.storage.log;

import io.rivulet.storage.LogIOException;
import io.rivulet.storage.segment.MappedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.MappedBytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The next segment file, prepared in the background: created at full size (its disk blocks reserved), mapped, and
 * pre-touched page by page through that mapping ({@link MappedFiles#adviseFreshPages} says how the kernel faults them
 * in), so when the log rolls it renames the file and takes over the
 * mapping with its pages already faulted in, instead of page-faulting a fresh file on every append (first touch
 * measured about 0.5 GB/s against 8+ GB/s warm). Handing over the mapping matters: a new mapping of the same warm
 * file would still take a (minor) fault on each 4 KiB page.
 *
 * <p>The writer asks for the file to be touched up to a point ({@link #prepare(long, boolean)}) and asks for more
 * as its own segment fills, so the touching keeps pace with the writing: about as many pages touched as bytes
 * written, instead of a whole segment's pages in one burst. A fresh page costs the kernel an allocation and a
 * zeroing, and on a virtual machine a trip to the hypervisor (about 2.5 CPU-seconds per GiB on the machine of
 * docs/benchmarks.md): in one burst that took a core for seconds, and a short-lived or slow log paid for pages it
 * never wrote. Even a step at full speed (32 MiB, some 60 ms of a core) showed in the tail latency of a paced
 * producer on two cores, so the writer asks for it gently while the touching is on schedule ({@link #due}), and
 * the job then rests three times as long as it worked after every half MiB; only a job that fell behind goes at
 * full speed. One touching job runs at a time, and a running job takes up a later request between chunks. Between
 * chunks it gives way to more urgent work of the same log ({@code yieldTo}: seals of rolled segments), so that work
 * never waits behind it on a small executor. Ahead of a slow writer the pages are touched as 4 KiB pages rather than
 * 2 MiB folios, so no single touch holds a core for milliseconds ({@link WriterPace}).
 *
 * <p>The roll takes the file as far as it is touched, the rest of it faulted in by the writer, once no job is
 * running: a job touching pages the writer already wrote would zero its bytes. While one runs the writer creates
 * its own file, and this one serves the roll after. An executor that rejects a job (shut down) only means less is
 * prepared. {@link #close} cancels a job that has not started (an executor that dropped it, or will never get to
 * it, cannot make close wait) and waits only for one that is running, which stops early once close asks it to.
 *
 * <p>Confined to the log's writer, except the touching itself, which runs on the executor.
 */
final class NextSegment implements AutoCloseable {
    static final String FILE_NAME = "next.log.prealloc";
    private static final Logger LOG = LoggerFactory.getLogger(NextSegment.class);
    private static final int PAGE = 4096;
    private static final int PAGES_BETWEEN_CHECKS = 128;

    private final Path file;
    private final int capacity;
    private final Executor executor;
    private final Runnable yieldTo;
    private final BooleanSupplier smallPages;
    private Job job;
    private MappedBytes mapped; // the file's mapping, once a job made it; the writer owns it between jobs
    private long requested;
    private boolean failed; // a job failed or was refused: nothing more until the roll takes what there is
    private volatile long wanted; // how far the running job touches; it reads this again between chunks
    private volatile long touched;
    private volatile boolean closing;
    private volatile boolean gentle;

    /** @param smallPages whether to touch the next piece as 4 KiB pages, not 2 MiB folios ({@link WriterPace}) */
    NextSegment(Path dir, int capacity, Executor executor, Runnable yieldTo, BooleanSupplier smallPages) {
        this.file = dir.resolve(FILE_NAME);
        this.capacity = capacity;
        this.executor = executor;
        this.yieldTo = yieldTo;
        this.smallPages = smallPages;
    }

    /**
     * How far the next segment is to be touched when the active one holds {@code size} of {@code capacity} bytes:
     * nothing below half full (a new topic's partitions touch nothing), then in step with the writer, one step
     * ahead, so that all of it is touched by the time the active one is 90% full. In steps of a 32nd of the
     * segment (at least 64 KiB), so the writer asks once a step, not once an append.
     */
    static long touchTarget(long size, long capacity) {
        if (size < capacity / 2) {
            return 0;
        }
        long step = Math.max(capacity / 32, 64 << 10);
        long ahead = due(size, capacity) + step;
        return Math.min(capacity, (ahead + step - 1) / step * step);
    }

    /**
     * How much of the next segment should be touched already when the active one holds {@code size} bytes, for all
     * of it to be touched by 90% full: a preparation short of that is behind the writer.
     */
    static long due(long size, long capacity) {
        long half = capacity / 2;
        return size < half ? 0 : Math.min(capacity, (size - half) * 5 / 2);
    }

    /**
     * Has the file touched up to {@code upTo} bytes (or all of it, if larger), creating it first if needed. Asking
     * for no more than was asked before only keeps a job going. {@code gently} touches the pages at about a quarter
     * of the speed it could, so that a preparation that keeps up with the writer does not take a core from it on a
     * small machine; a running job goes at the pace of the latest request.
     */
    void prepare(long upTo, boolean gently) {
        if (gentle != gently) { // read first: the writer asks on every append
            gentle = gently;
        }
        if (executor == null || closing || failed) {
            return;
        }
        if (upTo > requested) {
            requested = Math.min(upTo, capacity);
            wanted = requested;
        }
        if (job != null) {
            if (!job.isDone()) {
                return; // it reads the new target before it stops; if it just stopped, the next request resubmits
            }
            collect();
        }
        if (touched >= requested) {
            return;
        }
        Job task = new Job(mapped);
        try {
            executor.execute(task);
            job = task;
        } catch (RejectedExecutionException e) {
            failed = true;
            LOG.debug("not preparing {}: the executor rejected it ({})", file, e.toString());
        }
    }

    /** Whether the job touches pages gently now (for tests). */
    boolean isGentle() {
        return gentle;
    }

    /** How far the file is touched, in bytes. */
    long touched() {
        return touched;
    }

    /** Whether the whole file is touched and no job runs: a roll now takes it completely warm. */
    boolean isReady() {
        Job j = job;
        return (j == null || j.isDone()) && touched >= capacity;
    }

    /**
     * Moves the prepared file to {@code target}, unless a job is touching it, and returns its mapping, which the
     * caller now owns (warm as far as it was touched); null if the caller must create the file itself.
     */
    MappedBytes takeInto(Path target) {
        if (job != null) {
            if (!job.isDone()) {
                return null;
            }
            collect();
        }
        MappedBytes warm = mapped;
        mapped = null;
        failed = false;
        requested = 0;
        wanted = 0;
        touched = 0;
        if (warm == null) {
            return null;
        }
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
            return warm;
        } catch (IOException e) {
            warm.releaseLast();
            LOG.warn("could not use preallocated segment {}: {}", file, e.toString());
            return null;
        }
    }

    /** The finished job's mapping becomes the writer's; a job that failed leaves what was there. */
    private void collect() {
        MappedBytes m = job.result();
        job = null;
        if (m != null) {
            mapped = m;
        } else {
            failed = true;
        }
    }

    /** The job: the file created and reserved on first use, then its pages touched up to {@link #wanted}. */
    private MappedBytes touch(MappedBytes existing) {
        MappedBytes bytes = existing != null ? existing : create();
        try {
            BytesStore<?, ?> store = bytes.bytesStore();
            long p = touched;
            long chunkStart = System.nanoTime();
            for (long end; p < (end = Math.min(wanted, capacity)); ) {
                long chunkEnd = Math.min(end, p + (long) PAGE * PAGES_BETWEEN_CHECKS);
                if (smallPages.getAsBoolean()) {
                    MappedFiles.adviseSmallPages(bytes, p, chunkEnd - p);
                }
                for (; p < chunkEnd; p += PAGE) {
                    store.writeByte(p, (byte) 0);
                }
                touched = p;
                if (closing) {
                    break; // close releases the mapping and removes the file
                }
                yieldTo.run();
                if (gentle) {
                    LockSupport.parkNanos(3 * (System.nanoTime() - chunkStart));
                }
                chunkStart = System.nanoTime();
            }
            return bytes;
        } catch (RuntimeException e) {
            if (existing == null) {
                bytes.releaseLast();
            }
            throw e;
        }
    }

    private MappedBytes create() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw LogIOException.of("cannot preallocate " + file, e);
        }
        // Real blocks first (fallocate, or plain writes of zeros): a full disk fails this preparation with
        // ENOSPC instead of faulting in the mapping (see DiskSpace).
        MappedFiles.reserve(file, capacity);
        MappedBytes bytes = MappedFiles.map(file, capacity, false);
        MappedFiles.adviseFreshPages(bytes, capacity);
        return bytes;
    }

    /** Cancels or waits for the running job, drops the mapping, removes the file. Never hangs on a stopped executor. */
    @Override
    public void close() {
        closing = true;
        Job j = job;
        job = null;
        if (j != null && !j.cancel()) {
            // It is running (it stops touching once closing) or done: wait for it, then drop its mapping.
            MappedBytes m = j.result();
            if (m != null) {
                mapped = m;
            }
        }
        if (mapped != null) {
            mapped.releaseLast();
            mapped = null;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("could not remove {}: {}", file, e.toString());
        }
    }

    /**
     * One touching job: it either runs on the executor or is cancelled before it starts, never both. (A
     * {@code FutureTask} would not do: its {@code cancel} also succeeds while the task runs, and a close that took
     * that for "never ran" unmapped the file under the running job, which then wrote to unmapped memory.)
     */
    private final class Job implements Runnable {
        private final MappedBytes existing;
        private final AtomicBoolean claimed = new AtomicBoolean();
        private final CompletableFuture<MappedBytes> result = new CompletableFuture<>();

        Job(MappedBytes existing) {
            this.existing = existing;
        }

        @Override
        public void run() {
            if (claimed.compareAndSet(false, true)) {
                try {
                    result.complete(touch(existing));
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            }
        }

        /** Whether the job will never run: true if it had not started. */
        boolean cancel() {
            return claimed.compareAndSet(false, true) && result.cancel(false);
        }

        boolean isDone() {
            return result.isDone();
        }

        /** The mapping, once the job is done (waiting uninterruptibly); null if it failed or was cancelled. */
        MappedBytes result() {
            try {
                return result.join();
            } catch (CompletionException | CancellationException e) {
                return null;
            }
        }
    }
}
