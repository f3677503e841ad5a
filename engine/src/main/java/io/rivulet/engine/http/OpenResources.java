package io.rivulet.engine.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumers the listener opened for group sockets and has not closed yet, so closing the listener
 * closes every one of them, even those whose socket is still open. Thread-safe.
 */
final class OpenResources {
    private static final Logger LOG = LoggerFactory.getLogger(OpenResources.class);

    private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();

    void add(AutoCloseable resource) {
        open.add(resource);
    }

    /** Closes one resource if it is still open here (it may block: not on an event loop). */
    void close(AutoCloseable resource) {
        if (open.remove(resource)) {
            closeQuietly(resource);
        }
    }

    /** Closes everything still open. */
    void closeAll() {
        List<AutoCloseable> all = new ArrayList<>(open);
        all.forEach(this::close);
    }

    int size() {
        return open.size();
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            LOG.warn("closing {} failed", resource, e);
        }
    }
}
