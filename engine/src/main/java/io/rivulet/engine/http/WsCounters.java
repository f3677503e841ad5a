package io.rivulet.engine.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the WebSocket sessions of one listener have done, summed over sessions: records pulled from the
 * log, record frames written to sockets, sessions closed as too far behind. Tests read them to check
 * that a stalled socket holds a cursor, not a buffer; the metrics registry may bind them later.
 * Thread-safe.
 */
final class WsCounters {
    final AtomicLong recordsPulled = new AtomicLong();
    final AtomicLong recordsWritten = new AtomicLong();
    final AtomicLong closedTooFarBehind = new AtomicLong();
}
