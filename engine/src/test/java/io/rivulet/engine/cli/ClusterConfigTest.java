package io.rivulet.engine.cli;

import io.rivulet.api.errors.InvalidConfigException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How {@code rivulet server} reads its cluster settings out of the config and flags. */
class ClusterConfigTest {
    private static final String VOTERS = "1@h1:9091,2@h2:9092,3@h3:9093";

    @Test
    void withoutVotersANodeStandsAloneAndTheEngineNeverSeesClusterKeys() {
        Map<String, String> config = new HashMap<>(Map.of("broker.session.timeout.ms", "2000", "num.partitions", "3"));
        assertNull(ClusterConfig.take(config, null, null, null));
        assertEquals(Map.of("num.partitions", "3"), config);
    }

    @Test
    void theFlagsAndKafkasNamesMakeTheOptions() {
        Map<String, String> config = new HashMap<>(Map.of("controller.quorum.voters", VOTERS,
                "broker.session.timeout.ms", "2000", "replica.lag.time.max.ms", "7000"));
        ClusterConfig c = ClusterConfig.take(config, 2, null, "secret");
        assertEquals(2, c.options().nodeId());
        assertEquals(VOTERS, c.options().controllers());
        assertEquals(Duration.ofMillis(2000), c.options().sessionTimeout());
        assertEquals(Duration.ofMillis(500), c.options().heartbeatInterval(), "the default");
        assertEquals(Duration.ofMillis(7000), c.options().replicaLagMax());
        assertEquals(Duration.ofMillis(600), c.options().electionTimeoutMax(), "twice the election timeout");
        assertEquals("secret", c.options().linkConfig().get("rivulet.token"), "nodes use the node token between them");
        assertEquals("2", config.get("node.id"));
        assertEquals("false", config.get("auto.create.topics.enable"), "a cluster creates topics only when asked");
        assertFalse(config.containsKey("controller.quorum.voters"));
    }

    @Test
    void theClusterFlagWinsAndAnExplicitAutoCreateStays() {
        Map<String, String> config = new HashMap<>(Map.of("controller.quorum.voters", "9@x:1",
                "auto.create.topics.enable", "true", "node.id", "1"));
        ClusterConfig c = ClusterConfig.take(config, null, VOTERS, null);
        assertEquals(VOTERS, c.options().controllers());
        assertEquals("true", config.get("auto.create.topics.enable"));
        assertTrue(c.options().linkConfig().get("rivulet.token") == null);
    }

    @Test
    void aClusterNodeWithoutAnIdOrWithABadTimeoutIsRefusedNamingIt() {
        CommandException noId = assertThrows(CommandException.class,
                () -> ClusterConfig.take(new HashMap<>(), null, VOTERS, null));
        assertTrue(noId.getMessage().contains("--node-id"), noId.getMessage());
        InvalidConfigException bad = assertThrows(InvalidConfigException.class, () -> ClusterConfig.take(
                new HashMap<>(Map.of("broker.session.timeout.ms", "soon")), 1, VOTERS, null));
        assertEquals("broker.session.timeout.ms", bad.key());
    }

    @Test
    void aTlsNodeUsesTlsWithItsTrustOnTheReplicationLinksAndKeepsSendingItsToken() {
        io.rivulet.engine.cluster.NodeTls tls = new io.rivulet.engine.cluster.NodeTls(java.nio.file.Path.of("n.crt"),
                java.nio.file.Path.of("n.key"), java.nio.file.Path.of("ca.crt"));
        ClusterConfig c = ClusterConfig.take(new HashMap<>(Map.of("controller.quorum.voters", VOTERS)), 1, null,
                "secret", tls);
        assertEquals(tls, c.options().tls());
        assertEquals("true", c.options().linkConfig().get("ssl.enabled"));
        assertEquals("ca.crt", c.options().linkConfig().get("ssl.truststore.certificates"));
        assertEquals("secret", c.options().linkConfig().get("rivulet.token"));
    }

    @Test
    void aPlainNodeHasNoTlsOnItsLinks() {
        ClusterConfig c = ClusterConfig.take(new HashMap<>(Map.of("controller.quorum.voters", VOTERS)), 1, null, null);
        assertNull(c.options().tls());
        assertFalse(c.options().linkConfig().containsKey("ssl.enabled"));
        assertFalse(c.options().linkConfig().containsKey("ssl.truststore.certificates"));
    }
}
