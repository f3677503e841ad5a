package io.rivulet.engine.cli;

import io.rivulet.api.errors.InvalidConfigException;
import io.rivulet.engine.cluster.NodeTls;
import io.rivulet.engine.lifecycle.ClusterNode;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The cluster settings of {@code rivulet server}, taken out of its config (the engine refuses keys it does not
 * know) and its flags. Kafka's names where the concept is the same:
 *
 * <pre>
 * controller.quorum.voters               (--cluster)  the controller-eligible nodes: id@host:port,...
 * node.id                                (--node-id)  this node (also an engine setting)
 * broker.heartbeat.interval.ms           500          how often a node tells the controller it lives
 * broker.session.timeout.ms              3000         silent for longer, a node is fenced and loses its leaderships
 * controller.quorum.election.timeout.ms  300          the Raft election timeout (randomized up to twice this)
 * replica.lag.time.max.ms                10000        a follower behind for longer leaves the ISR
 * </pre>
 *
 * <p>TLS between the nodes follows the node's own TLS files ({@link TlsFiles}).
 */
record ClusterConfig(ClusterNode.ClusterOptions options) {
    static final String VOTERS = "controller.quorum.voters";

    /**
     * The cluster settings, removed from {@code config}, or null for a node without a cluster. In a cluster,
     * topics are not created on first use unless {@code auto.create.topics.enable} says so.
     */
    static ClusterConfig take(Map<String, String> config, Integer nodeIdFlag, String clusterFlag, String token) {
        return take(config, nodeIdFlag, clusterFlag, token, null);
    }

    /**
     * As {@link #take(Map, Integer, String, String)}, for a node that uses {@code tls} between nodes (null: none):
     * mutual TLS for the metadata quorum, and TLS with the same trust for the replication links (which also send
     * the node's token, so each node's native listener knows a peer from a stranger).
     */
    static ClusterConfig take(Map<String, String> config, Integer nodeIdFlag, String clusterFlag, String token,
                              NodeTls tls) {
        String voters = clusterFlag != null ? clusterFlag : config.get(VOTERS);
        long heartbeat = millis(config, "broker.heartbeat.interval.ms", 500);
        long session = millis(config, "broker.session.timeout.ms", 3000);
        long election = millis(config, "controller.quorum.election.timeout.ms", 300);
        long lag = millis(config, "replica.lag.time.max.ms", 10_000);
        config.remove(VOTERS);
        if (nodeIdFlag != null) {
            config.put("node.id", String.valueOf(nodeIdFlag));
        }
        if (voters == null) {
            return null;
        }
        config.putIfAbsent("auto.create.topics.enable", "false");
        int nodeId;
        try {
            nodeId = Integer.parseInt(config.getOrDefault("node.id", "-1").trim());
        } catch (NumberFormatException e) {
            throw new InvalidConfigException("node.id", config.get("node.id"), "a whole number >= 0");
        }
        if (nodeId < 0) {
            throw new CommandException("a cluster node needs its id: give --node-id N (or node.id in --config)");
        }
        Map<String, String> link = new HashMap<>();
        link.put("request.timeout.ms", "5000");
        link.put("reconnect.backoff.ms", "50");
        link.put("reconnect.backoff.max.ms", "1000");
        if (token != null) {
            link.put("rivulet.token", token);
        }
        if (tls != null) {
            link.put("ssl.enabled", "true");
            link.put("ssl.truststore.certificates", tls.trustedCertificates().toString());
        }
        return new ClusterConfig(new ClusterNode.ClusterOptions(nodeId, voters, "rivulet-cluster",
                Duration.ofMillis(heartbeat), Duration.ofMillis(session), Duration.ofMillis(election),
                Duration.ofMillis(2 * election), Duration.ofMillis(lag), link, tls));
    }

    private static long millis(Map<String, String> config, String key, long dflt) {
        String v = config.remove(key);
        if (v == null) {
            return dflt;
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidConfigException(key, v, "a whole number of milliseconds >= 1");
    }
}
