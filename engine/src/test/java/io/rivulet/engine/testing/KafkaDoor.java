package io.rivulet.engine.testing;

import io.rivulet.engine.embedded.EmbeddedRivulet;
import io.rivulet.engine.kafka.KafkaListener;
import io.rivulet.engine.kafka.KafkaSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A node with its Kafka door on a free port, for tests that drive it with stock Kafka clients. {@link #restart}
 * closes the node and opens it again on the same data directory (a new port).
 */
public final class KafkaDoor implements AutoCloseable {
    private final Path dataDir;
    private final Map<String, String> config;
    private EmbeddedRivulet rivulet;
    private KafkaListener listener;

    private KafkaDoor(Path dataDir, Map<String, String> config) {
        this.dataDir = dataDir;
        this.config = new HashMap<>(config);
        open();
    }

    /** Opens a node on {@code dataDir} with engine settings {@code config}. */
    public static KafkaDoor open(Path dataDir, Map<String, String> config) {
        return new KafkaDoor(dataDir, config);
    }

    private void open() {
        rivulet = EmbeddedRivulet.open(dataDir, config);
        listener = KafkaListener.start(rivulet.engine(), rivulet.admin(), KafkaSettings.of("127.0.0.1", 0));
    }

    /** Closes the node cleanly and opens it again on the same directory. */
    public void restart() {
        closeNode();
        open();
    }

    /** {@code bootstrap.servers} for the door. */
    public String bootstrap() {
        return "127.0.0.1:" + listener.port();
    }

    /** Client properties with {@code bootstrap.servers} set, to add to. */
    public Properties clientProperties() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap());
        return p;
    }

    public EmbeddedRivulet rivulet() {
        return rivulet;
    }

    public KafkaListener listener() {
        return listener;
    }

    private void closeNode() {
        listener.close();
        rivulet.close();
    }

    @Override
    public void close() {
        closeNode();
    }
}
