package io.rivulet.engine.net.client;

/**
 * Where the answer to one request goes, for the paths that send too many requests to give each a reactive
 * chain of its own (a producer's batches). Called once, on the connection's event loop or on the caller.
 */
interface Reply<T> {
    void answered(T value);

    void failed(Throwable error);
}
