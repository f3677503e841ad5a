package io.rivulet.engine.embedded;

import io.rivulet.api.Rivulet;
import io.rivulet.engine.lifecycle.Engine;

/**
 * Reaches the {@link Engine} behind an embedded {@link Rivulet}, for engine-side features the api module
 * must not know about (its metrics registry, for one).
 */
public final class EmbeddedEngines {
    private EmbeddedEngines() {
    }

    /** The engine serving {@code rivulet}; fails if it is not one from {@code Rivulet.embedded(...)}. */
    public static Engine engineOf(Rivulet rivulet) {
        if (rivulet instanceof EmbeddedRivulet embedded) {
            return embedded.engine();
        }
        throw new IllegalArgumentException(rivulet + " is not an embedded Rivulet: only Rivulet.embedded(...)"
                + " runs an engine in this process");
    }
}
