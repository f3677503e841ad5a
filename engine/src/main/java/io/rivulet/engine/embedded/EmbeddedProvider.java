package io.rivulet.engine.embedded;

import io.rivulet.api.Rivulet;
import io.rivulet.api.spi.RivuletProvider;
import io.rivulet.engine.lifecycle.Engine;

import java.nio.file.Path;
import java.util.Map;

/** Serves {@code Rivulet.embedded(...)}: found through {@link java.util.ServiceLoader}. */
public final class EmbeddedProvider implements RivuletProvider {
    @Override
    public boolean supports(String target) {
        return EMBEDDED.equals(target);
    }

    @Override
    public Rivulet embedded(Path dataDir, Map<String, String> config) {
        return new EmbeddedRivulet(Engine.open(dataDir, config));
    }

    /** Connect URIs are served by {@link io.rivulet.engine.net.client.NetworkProvider}. */
    @Override
    public Rivulet connect(String uri, Map<String, String> config) {
        throw new UnsupportedOperationException("the embedded provider does not connect to " + uri);
    }
}
