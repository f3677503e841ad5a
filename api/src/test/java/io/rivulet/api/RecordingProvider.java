package io.rivulet.api;

import io.rivulet.api.spi.RivuletProvider;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Map;

/** A provider for {@link EngineDiscoveryTest} that records what it was asked and returns a stub. */
public class RecordingProvider implements RivuletProvider {
    static final Rivulet OPENED = (Rivulet) Proxy.newProxyInstance(Rivulet.class.getClassLoader(),
            new Class<?>[] {Rivulet.class}, (proxy, method, args) -> {
                if (method.getName().equals("toString")) {
                    return "stub Rivulet";
                }
                throw new UnsupportedOperationException(method.getName());
            });

    static volatile boolean supportsAnything;
    static volatile String lastTarget;
    static volatile Path lastDataDir;
    static volatile String lastUri;
    static volatile Map<String, String> lastConfig;

    static void reset() {
        supportsAnything = true;
        lastTarget = null;
        lastDataDir = null;
        lastUri = null;
        lastConfig = null;
    }

    @Override
    public boolean supports(String target) {
        lastTarget = target;
        return supportsAnything;
    }

    @Override
    public Rivulet embedded(Path dataDir, Map<String, String> config) {
        lastDataDir = dataDir;
        lastConfig = config;
        return OPENED;
    }

    @Override
    public Rivulet connect(String uri, Map<String, String> config) {
        lastUri = uri;
        lastConfig = config;
        return OPENED;
    }
}
