package io.rivulet.api;

import io.rivulet.api.errors.EngineNotFoundException;
import io.rivulet.api.spi.RivuletProvider;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds the engine that serves a request through {@link ServiceLoader}, so the API never depends on
 * the engine module. Looks in the thread's context class loader first (application servers and
 * test runners set it), then in the API's own.
 */
final class EngineDiscovery {
    private static final String ADD_ENGINE = "add the runtime dependency " + EngineNotFoundException.ENGINE_ARTIFACT
            + " (Maven: <groupId>io.rivulet</groupId><artifactId>rivulet-engine</artifactId>)";

    private EngineDiscovery() {
    }

    /**
     * The first provider that supports {@code target}.
     *
     * @param target  {@link RivuletProvider#EMBEDDED} or a connect URI
     * @param purpose what the caller wants, for the error message, e.g. "an embedded engine"
     */
    static RivuletProvider find(String target, String purpose) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ClassLoader loader = context != null ? context : Rivulet.class.getClassLoader();
        List<String> found = new ArrayList<>();
        try {
            for (RivuletProvider provider : ServiceLoader.load(RivuletProvider.class, loader)) {
                found.add(provider.getClass().getName());
                if (provider.supports(target)) {
                    return provider;
                }
            }
        } catch (ServiceConfigurationError e) {
            throw new EngineNotFoundException("a Rivulet engine on the classpath failed to load, so " + purpose
                    + " cannot be opened: " + e.getMessage() + "; check that " + EngineNotFoundException.ENGINE_ARTIFACT
                    + " and rivulet-api have the same version", e);
        }
        if (found.isEmpty()) {
            throw new EngineNotFoundException("no Rivulet engine on the classpath to open " + purpose + ": " + ADD_ENGINE);
        }
        throw new EngineNotFoundException("the Rivulet engine(s) on the classpath " + found + " cannot open "
                + purpose + ": " + ADD_ENGINE + " in a version that supports it");
    }
}
