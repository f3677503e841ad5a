package io.rivulet.engine.cli;

/**
 * {@code groups reset-offsets --shift-by N}: a committed position moved by {@code n} records, kept inside the
 * partition's {@code [log start, end]} so the group never resumes outside the log. A partition the group has
 * not committed on shifts from the log start, where such a group would read first with {@code earliest}.
 */
final class OffsetShift {
    private OffsetShift() {
    }

    /** The shifted position; {@code committed} is negative when there is none. */
    static long shift(long committed, long n, long logStart, long end) {
        long from = committed < 0 ? logStart : committed;
        long to;
        try {
            to = Math.addExact(from, n);
        } catch (ArithmeticException e) {
            to = n < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return Math.max(logStart, Math.min(end, to));
    }
}
