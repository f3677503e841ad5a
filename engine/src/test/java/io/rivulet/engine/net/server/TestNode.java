package io.rivulet.engine.net.server;

import io.rivulet.api.Rivulet;
import io.rivulet.engine.embedded.EmbeddedRivulet;

import java.nio.file.Path;
import java.util.Map;

/** A node for network tests: an engine with small segments and its native listener on a loopback port. */
final class TestNode implements AutoCloseable {
    static final Map<String, String> SMALL = Map.of("log.segment.bytes", Integer.toString(4 << 20),
            "log.preallocate", "false");

    final EmbeddedRivulet engine;
    final NativeServer server;

    private TestNode(EmbeddedRivulet engine, NativeServer server) {
        this.engine = engine;
        this.server = server;
    }

    static TestNode start(Path dir, int port) {
        return start(dir, NativeSettings.of("127.0.0.1", port));
    }

    static TestNode start(Path dir, NativeSettings settings) {
        EmbeddedRivulet engine = EmbeddedRivulet.open(dir, SMALL);
        try {
            return new TestNode(engine, NativeServer.start(engine.engine(), engine.admin(), settings));
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    String uri() {
        return "rivulet://127.0.0.1:" + server.port();
    }

    Rivulet connect() {
        return Rivulet.connect(uri());
    }

    Rivulet connect(Map<String, String> config) {
        return Rivulet.connect(uri(), config);
    }

    @Override
    public void close() {
        try (engine; server) {
            // the listener first, then the engine
        }
    }
}
