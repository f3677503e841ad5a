package io.rivulet.api.errors;

import java.nio.file.Path;

/**
 * The data directory is in use: another engine (in this process or another) holds its lock. Two
 * engines writing one log would corrupt it, so the second is refused.
 */
public class DataDirLockedException extends RivuletException {
    private static final long serialVersionUID = 1L;

    private final transient Path dataDir;
    private final String holder;

    /**
     * An error for {@code dataDir}; {@code holder} describes the owner as far as known, e.g.
     * {@code "PID 4242"} or {@code "another engine in this JVM"}.
     */
    public DataDirLockedException(Path dataDir, String holder) {
        super(ErrorCode.DATA_DIR_LOCKED, "data directory " + dataDir + " is in use by " + holder
                + ": stop that engine or choose another directory");
        this.dataDir = dataDir;
        this.holder = holder;
    }

    /** The locked directory. */
    public Path dataDir() {
        return dataDir;
    }

    /** Who holds the lock, as far as known. */
    public String holder() {
        return holder;
    }
}
