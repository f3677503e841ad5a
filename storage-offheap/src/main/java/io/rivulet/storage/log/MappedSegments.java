package io.rivulet.storage.log;

import io.rivulet.storage.segment.Segment;
import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * Bounds how many sealed segments of a log stay mapped: the least recently read is unmapped when
 * the bound is passed (and mapped again when read). Thread-safe; the lock covers only bookkeeping.
 */
final class MappedSegments {
    private final int max;
    private final LinkedHashMap<Long, Segment> recent = new LinkedHashMap<>(16, 0.75f, true);

    MappedSegments(int max) {
        this.max = max;
    }

    void touched(Segment segment) {
        if (!segment.isSealed()) {
            return;
        }
        Segment evict = null;
        synchronized (this) {
            recent.put(segment.baseOffset(), segment);
            if (recent.size() > max) {
                Iterator<Segment> eldest = recent.values().iterator();
                evict = eldest.next();
                eldest.remove();
            }
        }
        if (evict != null) {
            evict.unmap();
        }
    }

    synchronized void forget(Segment segment) {
        recent.remove(segment.baseOffset());
    }

    synchronized int size() {
        return recent.size();
    }
}
