package io.rivulet.samples.window;

import java.util.List;

/**
 * One output of the windowed job. Each has a {@link #key()} that names what it is the latest value
 * of, so writing it again (after a restart replays input) replaces the earlier value instead of
 * adding to it: the output is idempotent, keyed by window.
 */
public sealed interface Aggregate {

    /** The output record's key: the same window (and page or partition) always gives the same key. */
    String key();

    /**
     * The clicks a page has in a window so far.
     *
     * @param window the window
     * @param page   the page
     * @param count  its clicks counted in the window
     */
    record WindowCount(Window window, String page, long count) implements Aggregate {
        @Override
        public String key() {
            return "count/" + window.spec() + "/" + window.start() + "/" + page;
        }
    }

    /**
     * One input partition's top pages in a window; the global top list is the
     * {@link TopN#merge merge} of every partition's.
     *
     * @param window    the window
     * @param partition the input partition
     * @param pages     its top pages, best first
     * @param closed    whether the window is closed, so this list is final
     */
    record TopPages(Window window, int partition, List<PageCount> pages, boolean closed) implements Aggregate {
        /** Copies the list. */
        public TopPages {
            pages = List.copyOf(pages);
        }

        @Override
        public String key() {
            return "top/" + window.spec() + "/" + window.start() + "/" + partition;
        }
    }

    /**
     * An input partition's progress: its watermark and how many clicks came too late to count.
     *
     * @param partition   the input partition
     * @param watermark   its watermark, or {@link EventTimeRules#NO_WATERMARK}
     * @param lateClicks  clicks dropped from at least one of their windows because it had closed
     */
    record Progress(int partition, long watermark, long lateClicks) implements Aggregate {
        @Override
        public String key() {
            return "progress/" + partition;
        }
    }
}
