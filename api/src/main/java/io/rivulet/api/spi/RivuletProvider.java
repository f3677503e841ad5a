package io.rivulet.api.spi;

import io.rivulet.api.Rivulet;

import java.nio.file.Path;
import java.util.Map;

/**
 * What an engine implements so that {@link Rivulet#embedded(Path)} and {@link Rivulet#connect(String)}
 * can find it without the API depending on it. Found through {@link java.util.ServiceLoader}: an
 * implementation has a public no-argument constructor and is listed in
 * {@code META-INF/services/io.rivulet.api.spi.RivuletProvider} (or declared with {@code provides} in a
 * module descriptor). The first provider, in {@code ServiceLoader} order, whose {@link #supports}
 * returns {@code true} is used.
 *
 * <p>Implementations are stateless factories: each call opens a new, independent {@code Rivulet}, and
 * may be made from any thread.
 */
public interface RivuletProvider {
    /** The target passed to {@link #supports(String)} when an embedded engine is wanted. */
    String EMBEDDED = "embedded";

    /**
     * Whether this provider can serve {@code target}: {@link #EMBEDDED}, or a connect URI such as
     * {@code rivulet://host:7070} (already checked by {@code ConnectUri.parse}). Must be cheap and
     * must not throw.
     */
    boolean supports(String target);

    /**
     * Opens an engine in this process on {@code dataDir}, creating the directory if needed, and
     * returns once it serves requests.
     *
     * @param dataDir where the engine keeps its log
     * @param config  engine settings with Kafka-style keys (e.g. {@code auto.create.topics.enable},
     *                {@code num.partitions}, {@code log.retention.ms}); unmodifiable, possibly empty.
     *                Unknown keys or bad values must fail with
     *                {@link io.rivulet.api.errors.InvalidConfigException} naming the key.
     * @throws io.rivulet.api.errors.DataDirLockedException if another engine holds {@code dataDir}
     * @throws io.rivulet.api.errors.RivuletException for any other failure to open, with a message that
     *         says what to change
     */
    Rivulet embedded(Path dataDir, Map<String, String> config);

    /**
     * Opens a client of the cluster at {@code uri}.
     *
     * @param uri    a connect URI, already checked by {@code ConnectUri.parse}, so the provider may parse
     *               it again with that method
     * @param config client settings with Kafka-style keys; unmodifiable, possibly empty
     * @throws io.rivulet.api.errors.RivuletException if it cannot connect or the config is invalid
     */
    Rivulet connect(String uri, Map<String, String> config);
}
