package io.rivulet.engine.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How one node takes part in the cluster metadata.
 *
 * @param nodeId             this node's id; if it is among {@code controllers}, the node runs a Raft server
 * @param controllers        the controller-eligible nodes and their Raft addresses (the {@code --cluster} flag)
 * @param metadataDir        where a controller keeps its Raft log and snapshots (unused on other nodes)
 * @param self               where this node serves clients, registered in the metadata; its id is {@code nodeId}
 * @param heartbeatInterval  how often the node heartbeats, and how often the controller checks liveness (default 500 ms)
 * @param sessionTimeout     {@code broker.session.timeout.ms}: a node silent for longer is fenced (default 3000 ms)
 * @param electionTimeoutMin the Raft election timeout's lower bound (default 300 ms)
 * @param electionTimeoutMax the Raft election timeout's upper bound (default 600 ms)
 * @param tls                how nodes secure the consensus traffic between them; null: plain TCP
 */
public record ClusterSettings(int nodeId, List<ControllerAddress> controllers, Path metadataDir, NodeEndpoint self,
                              Duration heartbeatInterval, Duration sessionTimeout,
                              Duration electionTimeoutMin, Duration electionTimeoutMax, NodeTls tls) {

    /** Default {@code heartbeatInterval}. */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofMillis(500);
    /** Default {@code sessionTimeout} ({@code broker.session.timeout.ms}). */
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofMillis(3000);
    /** Default {@code electionTimeoutMin}. */
    public static final Duration DEFAULT_ELECTION_TIMEOUT_MIN = Duration.ofMillis(300);
    /** Default {@code electionTimeoutMax}. */
    public static final Duration DEFAULT_ELECTION_TIMEOUT_MAX = Duration.ofMillis(600);

    /** Checks the settings agree with each other; the message names the setting to change. */
    public ClusterSettings {
        controllers = List.copyOf(controllers);
        Objects.requireNonNull(metadataDir, "metadataDir");
        Objects.requireNonNull(self, "self");
        if (controllers.isEmpty()) {
            throw new IllegalArgumentException("the cluster needs at least one controller (--cluster id@host:port,...)");
        }
        if (self.id() != nodeId) {
            throw new IllegalArgumentException("the endpoint's id " + self.id() + " is not the node id " + nodeId);
        }
        positive(heartbeatInterval, "heartbeat interval");
        positive(sessionTimeout, "session timeout");
        positive(electionTimeoutMin, "election timeout min");
        positive(electionTimeoutMax, "election timeout max");
        if (sessionTimeout.compareTo(heartbeatInterval) <= 0) {
            throw new IllegalArgumentException("broker.session.timeout.ms (" + sessionTimeout.toMillis()
                    + " ms) must be longer than the heartbeat interval (" + heartbeatInterval.toMillis() + " ms)");
        }
        if (electionTimeoutMax.compareTo(electionTimeoutMin) <= 0) {
            throw new IllegalArgumentException("election timeout max (" + electionTimeoutMax.toMillis()
                    + " ms) must be above its min (" + electionTimeoutMin.toMillis() + " ms)");
        }
    }

    /** Settings of a cluster without TLS. */
    public ClusterSettings(int nodeId, List<ControllerAddress> controllers, Path metadataDir, NodeEndpoint self,
                           Duration heartbeatInterval, Duration sessionTimeout,
                           Duration electionTimeoutMin, Duration electionTimeoutMax) {
        this(nodeId, controllers, metadataDir, self, heartbeatInterval, sessionTimeout, electionTimeoutMin,
                electionTimeoutMax, null);
    }

    /** These settings with TLS between the nodes ({@code null}: none). */
    public ClusterSettings withTls(NodeTls tls) {
        return new ClusterSettings(nodeId, controllers, metadataDir, self, heartbeatInterval, sessionTimeout,
                electionTimeoutMin, electionTimeoutMax, tls);
    }

    /** Settings with the default heartbeat interval, session timeout and election timeouts. */
    public static ClusterSettings of(int nodeId, List<ControllerAddress> controllers, Path metadataDir, NodeEndpoint self) {
        return new ClusterSettings(nodeId, controllers, metadataDir, self, DEFAULT_HEARTBEAT_INTERVAL,
                DEFAULT_SESSION_TIMEOUT, DEFAULT_ELECTION_TIMEOUT_MIN, DEFAULT_ELECTION_TIMEOUT_MAX);
    }

    /** Whether this node is controller-eligible (runs a Raft server). */
    public boolean isController() {
        return controllers.stream().anyMatch(c -> c.id() == nodeId);
    }

    private static void positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive but was " + d);
        }
    }
}
