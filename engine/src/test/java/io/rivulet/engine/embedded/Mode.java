package io.rivulet.engine.embedded;

import io.rivulet.api.Admin;
import io.rivulet.api.Consumer;
import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.Producer;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.Rivulet;
import io.rivulet.engine.net.server.NativeServer;
import io.rivulet.engine.net.server.NativeSettings;

import java.nio.file.Path;
import java.util.Map;

/**
 * How an api-level test reaches its engine: in this process, or through the native protocol to a node on a
 * free loopback port. The same tests run both ways, so the two cannot drift apart.
 */
enum Mode {
    EMBEDDED {
        @Override
        Rivulet open(Path dir, Map<String, String> config) {
            return EngineFixtures.open(dir, config);
        }
    },
    REMOTE {
        @Override
        Rivulet open(Path dir, Map<String, String> config) {
            EmbeddedRivulet node = (EmbeddedRivulet) EngineFixtures.open(dir, config);
            NativeServer server = NativeServer.start(node.engine(), node.admin(), NativeSettings.of("127.0.0.1", 0));
            Rivulet client = Rivulet.connect("rivulet://127.0.0.1:" + server.port());
            return new Node(node, server, client);
        }
    };

    abstract Rivulet open(Path dir, Map<String, String> config);

    /** The engine behind a handle this enum opened, for tests that reach under the api. */
    static io.rivulet.engine.lifecycle.Engine engine(Rivulet r) {
        return r instanceof Node n ? n.node().engine() : ((EmbeddedRivulet) r).engine();
    }

    Rivulet open(Path dir) {
        return open(dir, Map.of());
    }

    /** A client of a node served from this process; closing it stops all three. */
    record Node(EmbeddedRivulet node, NativeServer server, Rivulet client) implements Rivulet {
        @Override
        public Admin admin() {
            return client.admin();
        }

        @Override
        public <K, V> Producer<K, V> producer(ProducerOptions<K, V> options) {
            return client.producer(options);
        }

        @Override
        public <K, V> Consumer<K, V> consumer(ConsumerOptions<K, V> options) {
            return client.consumer(options);
        }

        @Override
        public void close() {
            try (node; server; client) {
                // closed in reverse: the client, then the listener, then the engine
            }
        }
    }
}
