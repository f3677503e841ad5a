package io.rivulet.engine.embedded;

import io.rivulet.api.Rivulet;
import io.rivulet.api.errors.EngineNotFoundException;
import io.rivulet.api.spi.RivuletProvider;
import io.rivulet.engine.lifecycle.Engine;

import java.nio.file.Path;
import java.util.Map;

/** Serves {@code Rivulet.embedded(...)}: found through {@link java.util.ServiceLoader}. */
public final class EmbeddedProvider implements RivuletProvider {
    @Override
    public boolean supports(String target) {
        // Connect URIs are claimed too, so that Rivulet.connect says what is missing rather than
        // suggesting a dependency the application already has.
        return EMBEDDED.equals(target) || target.toLowerCase(java.util.Locale.ROOT).startsWith("rivulet://");
    }

    @Override
    public Rivulet embedded(Path dataDir, Map<String, String> config) {
        return new EmbeddedRivulet(Engine.open(dataDir, config));
    }

    @Override
    public Rivulet connect(String uri, Map<String, String> config) {
        throw new EngineNotFoundException("cannot connect to " + uri + ": this version of Rivulet runs embedded"
                + " only (its network client and server listeners are not built yet); open the node in this process"
                + " with Rivulet.embedded(dir), or give the command --data-dir instead of --bootstrap");
    }
}
