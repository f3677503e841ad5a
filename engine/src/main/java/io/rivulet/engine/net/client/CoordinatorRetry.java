package io.rivulet.engine.net.client;

import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.RivuletException;

import java.time.Duration;

/**
 * When a group request should look for the coordinator again, and how long to wait before it does. Pure.
 *
 * <p>A node that is not the cluster's coordinator answers {@code NOT_LEADER}: always worth finding the
 * coordinator (the leader of {@code __consumer_offsets-0}). A lost connection or an answer that timed out means
 * the coordinator may be gone: worth it only in a cluster, where another node takes over; a single node's
 * client reports them as before. {@code UNKNOWN_TOPIC} comes while a starting cluster has not created the
 * offsets topic yet.
 */
final class CoordinatorRetry {
    private CoordinatorRetry() {
    }

    /** True when {@code error} means the request may succeed at the coordinator found anew. */
    static boolean reroute(Throwable error, boolean cluster) {
        if (!(error instanceof RivuletException r)) {
            return false;
        }
        return switch (r.code()) {
            case NOT_LEADER -> true;
            case DISCONNECTED, TIMEOUT, UNKNOWN_TOPIC -> cluster;
            default -> false;
        };
    }

    /** The wait before retry number {@code retry} (0 for the first): doubling from {@code base}, at most {@code max}. */
    static Duration backoff(long retry, Duration base, Duration max) {
        long shift = Math.min(retry, 20);
        long millis = base.toMillis() << shift;
        return Duration.ofMillis(Math.max(0, Math.min(max.toMillis(), millis)));
    }

    /** The error a caller sees when {@code last} was still failing at the deadline. */
    static RivuletException gaveUp(Throwable last, Duration timeout) {
        ErrorCode code = last instanceof RivuletException r ? r.code() : ErrorCode.UNKNOWN;
        return new RivuletException(code, "no group coordinator answered within request.timeout.ms="
                + timeout.toMillis() + " ms; last: " + last.getMessage(), last);
    }
}
