package io.rivulet.samples.window;

import java.util.Objects;

/**
 * One click of the clickstream: who looked at which page, and when it happened (event time, which is
 * also the record's timestamp in the log).
 *
 * @param user      who clicked
 * @param page      the page viewed, the record's key (so a page always lands on the same partition)
 * @param eventTime when the click happened, in milliseconds since the epoch
 */
public record Click(String user, String page, long eventTime) {
    /** Requires a user and a page. */
    public Click {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(page, "page");
    }
}
