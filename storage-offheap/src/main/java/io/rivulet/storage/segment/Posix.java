package io.rivulet.storage.segment;

import net.openhft.posix.PosixAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The native calls the log makes where it can: Linux only, and only when the native library loads. */
final class Posix {
    private static final Logger LOG = LoggerFactory.getLogger(Posix.class);
    /** Null where there is no native access: every caller then has a plain-Java fallback. */
    static final PosixAPI API = load();

    private Posix() {
    }

    private static PosixAPI load() {
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            return null;
        }
        try {
            return PosixAPI.posix();
        } catch (LinkageError | RuntimeException e) {
            LOG.info("no native file calls ({}): the log writes zeros to reserve disk space and leaves read-ahead"
                    + " as it is", e.toString());
            return null;
        }
    }
}
