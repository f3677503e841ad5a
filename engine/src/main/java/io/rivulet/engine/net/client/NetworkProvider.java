package io.rivulet.engine.net.client;

import io.rivulet.api.Rivulet;
import io.rivulet.api.spi.RivuletProvider;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Serves {@code Rivulet.connect("rivulet://...")}: found through {@link java.util.ServiceLoader}. */
public final class NetworkProvider implements RivuletProvider {
    @Override
    public boolean supports(String target) {
        return target.toLowerCase(Locale.ROOT).startsWith("rivulet://");
    }

    @Override
    public Rivulet embedded(Path dataDir, Map<String, String> config) {
        throw new UnsupportedOperationException("the network provider opens no engine in this process");
    }

    @Override
    public Rivulet connect(String uri, Map<String, String> config) {
        RemoteRivulet r = new RemoteRivulet(uri, ClientSettings.from(config));
        try {
            return r.verify();
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
    }
}
