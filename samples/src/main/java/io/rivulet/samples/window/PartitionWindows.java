package io.rivulet.samples.window;

import io.rivulet.samples.window.Aggregate.Progress;
import io.rivulet.samples.window.Aggregate.TopPages;
import io.rivulet.samples.window.Aggregate.WindowCount;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The windowed counts of one input partition: the state of one task of the kappa job, fed the
 * partition's clicks in offset order. Pure: no I/O, no clock — event time comes from the clicks.
 *
 * <p>Each partition keeps its own watermark (Kafka Streams keeps stream time per task, Flink per
 * source split), so what counts as late depends only on the partition's own order and the result is
 * the same however partitions interleave, on every run and after every restart. Pages are the record
 * key, so all clicks of a page — and its counts — live in one partition.
 *
 * <p>{@link #drainChanges()} gives what changed since the last drain, as idempotent
 * {@link Aggregate}s; {@link #snapshot()} then captures the state, and {@link #restore} rebuilds it,
 * so a restarted job continues exactly where the snapshot was taken.
 *
 * <p>Threading: not thread-safe; confined to the one thread that processes its partition at a time.
 */
public final class PartitionWindows {
    private final int partition;
    private final WindowLogic logic;
    private final TreeMap<Window, Map<String, Long>> open = new TreeMap<>();
    private final Map<Window, Set<String>> dirty = new LinkedHashMap<>();
    private final List<Aggregate> closedChanges = new ArrayList<>();
    private long position;
    private long maxEventTime = EventTimeRules.NO_WATERMARK;
    private long lateClicks;
    private boolean progressChanged;

    /** Empty state for {@code partition}, expecting its first click at offset 0 or later. */
    public PartitionWindows(int partition, WindowLogic logic) {
        this.partition = partition;
        this.logic = logic;
    }

    /** Rebuilds the state a {@link #snapshot()} captured, under the same logic. */
    public static PartitionWindows restore(State state, WindowLogic logic) {
        PartitionWindows w = new PartitionWindows(state.partition(), logic);
        w.position = state.position();
        w.maxEventTime = state.maxEventTime();
        w.lateClicks = state.lateClicks();
        for (WindowState ws : state.windows()) {
            w.open.put(new Window(ws.spec(), ws.start(), ws.end()), new HashMap<>(ws.counts()));
        }
        return w;
    }

    /**
     * Counts the click at {@code offset}: into every window of every spec that contains its event time
     * and is still open once the watermark has moved for it; then closes the windows the watermark has
     * passed.
     *
     * @throws IllegalArgumentException if {@code offset} is below {@link #position()} (already applied)
     */
    public void apply(long offset, Click click) {
        if (offset < position) {
            throw new IllegalArgumentException("offset " + offset + " of partition " + partition
                    + " is already applied (the next expected is " + position + "): skip offsets below position()");
        }
        position = offset + 1;
        if (!logic.counts().test(click)) {
            return;
        }
        long before = watermark();
        maxEventTime = Math.max(maxEventTime, click.eventTime());
        long watermark = watermark();
        boolean late = false;
        for (WindowSpec spec : logic.specs()) {
            for (Window window : spec.windowsFor(click.eventTime())) {
                if (logic.rules().isOpen(window, watermark)) {
                    open.computeIfAbsent(window, w -> new HashMap<>()).merge(click.page(), 1L, Long::sum);
                    dirty.computeIfAbsent(window, w -> new TreeSet<>()).add(click.page());
                } else {
                    late = true;
                }
            }
        }
        if (late) {
            lateClicks++;
            progressChanged = true;
        }
        if (watermark != before) {
            progressChanged = true;
            closeUpTo(watermark);
        }
    }

    private void closeUpTo(long watermark) {
        Iterator<Map.Entry<Window, Map<String, Long>>> it = open.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Window, Map<String, Long>> e = it.next();
            if (logic.rules().isOpen(e.getKey(), watermark)) {
                return; // ordered by end: every later window is open too
            }
            closedChanges.addAll(changesOf(e.getKey(), e.getValue(), true));
            dirty.remove(e.getKey());
            it.remove();
        }
    }

    /**
     * What changed since the last drain: the new count of every page counted into a window, the top
     * list of every such window (marked final for windows that closed), and this partition's progress.
     */
    public List<Aggregate> drainChanges() {
        List<Aggregate> changes = new ArrayList<>(closedChanges);
        closedChanges.clear();
        for (Window window : dirty.keySet()) {
            changes.addAll(changesOf(window, open.get(window), false));
        }
        dirty.clear();
        if (progressChanged) {
            changes.add(new Progress(partition, watermark(), lateClicks));
            progressChanged = false;
        }
        return changes;
    }

    private List<Aggregate> changesOf(Window window, Map<String, Long> counts, boolean closed) {
        List<Aggregate> changes = new ArrayList<>();
        for (String page : dirty.getOrDefault(window, Set.of())) {
            changes.add(new WindowCount(window, page, counts.get(page)));
        }
        changes.add(new TopPages(window, partition, TopN.of(counts, logic.topN()), closed));
        return changes;
    }

    /**
     * The state, to store next to the committed offsets.
     *
     * @throws IllegalStateException if changes are waiting: drain and write them first, so that a
     *         restart from this snapshot never loses an output
     */
    public State snapshot() {
        if (!dirty.isEmpty() || !closedChanges.isEmpty() || progressChanged) {
            throw new IllegalStateException("partition " + partition + " has changes not drained yet: "
                    + "call drainChanges() and write them before taking a snapshot");
        }
        List<WindowState> windows = new ArrayList<>(open.size());
        open.forEach((w, counts) -> windows.add(new WindowState(w.spec(), w.start(), w.end(), Map.copyOf(counts))));
        return new State(partition, position, maxEventTime, lateClicks, windows);
    }

    /** The input partition. */
    public int partition() {
        return partition;
    }

    /** The next offset to apply: every click below it is counted in this state. */
    public long position() {
        return position;
    }

    /** The watermark, or {@link EventTimeRules#NO_WATERMARK} before the first counted click. */
    public long watermark() {
        return logic.rules().watermark(maxEventTime);
    }

    /** Clicks dropped from at least one of their windows because it had closed. */
    public long lateClicks() {
        return lateClicks;
    }

    /** How many windows are open (state held in memory). */
    public int openWindows() {
        return open.size();
    }

    /**
     * A partition's state at a position.
     *
     * @param partition    the input partition
     * @param position     the next offset to apply
     * @param maxEventTime the largest event time counted, or {@link EventTimeRules#NO_WATERMARK}
     * @param lateClicks   clicks dropped as late so far
     * @param windows      the open windows and their counts
     */
    public record State(int partition, long position, long maxEventTime, long lateClicks, List<WindowState> windows) {
        /** Copies the list. */
        public State {
            windows = List.copyOf(windows);
        }
    }

    /**
     * An open window's counts.
     *
     * @param spec   the window's spec name
     * @param start  its start
     * @param end    its end
     * @param counts clicks per page
     */
    public record WindowState(String spec, long start, long end, Map<String, Long> counts) {
        /** Copies the map. */
        public WindowState {
            counts = Map.copyOf(counts);
        }
    }
}
