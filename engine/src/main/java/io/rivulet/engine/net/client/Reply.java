package io.rivulet.engine.net.client;

import java.util.function.Consumer;

/**
 * Where the answer to one request goes, for the paths that send too many requests to give each a reactive
 * chain of its own (a producer's batches). Called once, on the connection's event loop or on the caller.
 */
interface Reply<T> {
    void answered(T value);

    void failed(Throwable error);

    /** A reply made of two functions. */
    static <T> Reply<T> of(Consumer<? super T> onValue, Consumer<Throwable> onError) {
        return new Reply<>() {
            @Override
            public void answered(T value) {
                onValue.accept(value);
            }

            @Override
            public void failed(Throwable error) {
                onError.accept(error);
            }
        };
    }
}
