package io.rivulet.samples.window;

import java.util.Comparator;

/**
 * How many clicks a page got.
 *
 * @param page  the page
 * @param count its clicks
 */
public record PageCount(String page, long count) {
    /** Most clicks first; ties broken by page name, so a top-N list is the same on every run. */
    public static final Comparator<PageCount> RANKING =
            Comparator.comparingLong(PageCount::count).reversed().thenComparing(PageCount::page);
}
