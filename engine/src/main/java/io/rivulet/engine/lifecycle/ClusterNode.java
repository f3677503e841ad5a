package io.rivulet.engine.lifecycle;

import io.rivulet.api.Admin;
import io.rivulet.api.ServerAddress;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.RivuletException;
import io.rivulet.engine.cluster.ClusterAdmin;
import io.rivulet.engine.cluster.ClusterNodeMetadata;
import io.rivulet.engine.cluster.ClusterSettings;
import io.rivulet.engine.cluster.MetadataCommand;
import io.rivulet.engine.cluster.MetadataQuorum;
import io.rivulet.engine.cluster.NodeState;
import io.rivulet.engine.cluster.NodeTls;
import io.rivulet.engine.cluster.ClusterImage;
import io.rivulet.engine.cluster.OffsetsTopic;
import io.rivulet.engine.group.ClusterGroupCoordinator;
import io.rivulet.engine.group.LocalGroupCoordinator;
import io.rivulet.engine.net.client.NativeLeaderLink;
import io.rivulet.engine.net.server.NodeMetadata;
import io.rivulet.engine.replication.ReplicaManager;
import io.rivulet.engine.replication.ReplicationMeters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * One node of a cluster: the engine on its data directory, taking part in the cluster metadata (a Raft
 * server when it is controller-eligible), leading and following partitions as the metadata says, and reaching
 * other nodes to copy from their leaders. Built in two steps, because clients must find the node's listeners
 * in the metadata: {@link #create} before the listeners bind (they get {@link #admin()} and
 * {@link #metadata()}, which refuse with a retriable error until the node has joined), then {@link #join}
 * with the bound addresses.
 */
public final class ClusterNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClusterNode.class);
    /** How long a commit may wait for the in-sync replicas of {@code __consumer_offsets-0}. */
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(30);

    private final Engine engine;
    private final ClusterOptions options;
    private volatile MetadataQuorum quorum;
    private volatile ReplicaManager replicas;
    private volatile NativeLeaderLink link;
    private final ClusterGroupCoordinator groups;
    private final AtomicBoolean creatingOffsetsTopic = new AtomicBoolean();
    private volatile boolean closed;

    private ClusterNode(Engine engine, ClusterOptions options) {
        this.engine = engine;
        this.options = options;
        RegistryMetadata topics = new RegistryMetadata(engine.topics());
        this.groups = new ClusterGroupCoordinator(options.nodeId(), partition -> LocalGroupCoordinator.replicated(
                partition, topics, engine.groupScheduler(), engine.adminScheduler(), engine.metrics().groups(),
                COMMIT_TIMEOUT, engine.config().classicGroups()), engine.adminScheduler());
        // before the listeners start: remote group requests go to the cluster's coordinator, never this node's own
        engine.serveGroupsWith(groups, groups.classic());
        engine.topics().onChange(name -> {
            if (engine.topics().exists(name)) {
                groups.topicsChanged();
            } else {
                groups.topicDeleted(name);
            }
        });
    }

    /** A node of the cluster {@code options} describe, over {@code engine}; not yet joined. */
    public static ClusterNode create(Engine engine, ClusterOptions options) {
        return new ClusterNode(engine, options);
    }

    /**
     * Joins: starts (or connects to) the metadata quorum, registers this node with the listeners' addresses,
     * and starts following the metadata. May block for the quorum's start; call it from a main thread.
     */
    public ClusterNode join(String host, int nativePort, int httpPort) {
        return join(host, nativePort, httpPort, 0);
    }

    /** As {@link #join(String, int, int)}, registering the Kafka door's port too (0: it has none). */
    public ClusterNode join(String host, int nativePort, int httpPort, int kafkaPort) {
        ClusterSettings settings = options.settings(engine.dataDir().resolve("metadata"), host, nativePort, httpPort,
                kafkaPort);
        MetadataQuorum q = MetadataQuorum.start(settings);
        NativeLeaderLink l = new NativeLeaderLink(this::address, options.linkConfig(), engine.appendScheduler());
        ReplicaManager r = new ReplicaManager(settings.nodeId(), engine.topics(), l, engine.fetchScheduler(),
                (tp, leader, epoch, partitionEpoch, isr) -> q.submit(
                        new MetadataCommand.AlterIsr(tp, leader, epoch, partitionEpoch, isr))
                        .flatMap(result -> result.ok() ? Mono.<Void>empty() : Mono.error(result.toException())),
                options.replicaLagMax(), Duration.ofMillis(100), new ReplicationMeters(engine.metrics().registry()));
        this.link = l;
        this.replicas = r;
        this.quorum = q;
        r.watchLeadership(OffsetsTopic.PARTITION, groups);
        int controllers = settings.controllers().size();
        // Only once registered: before that the local Raft log replays old images, in which this node may
        // still lead partitions others have taken over since.
        q.registered().subscribe(registered -> { }, error -> log.error("node {} could not register", settings.nodeId(),
                error), () -> {
                    q.onImage(r::apply);
                    q.onImage(image -> createOffsetsTopic(q, image, controllers));
                });
        log.info("node {} joined the cluster: native {}:{}, controllers {}", settings.nodeId(), host, nativePort,
                settings.controllers());
        return this;
    }

    /**
     * Proposes {@code __consumer_offsets} when the image lacks it; one proposal in flight at a time. A proposal
     * the quorum could not take (an election, say) is tried again a second later, as no new image may come.
     */
    private void createOffsetsTopic(MetadataQuorum q, ClusterImage image, int controllers) {
        if (closed) {
            return;
        }
        OffsetsTopic.creation(image, controllers).ifPresent(command -> {
            if (!creatingOffsetsTopic.compareAndSet(false, true)) {
                return;
            }
            q.submit(command).doFinally(s -> creatingOffsetsTopic.set(false)).subscribe(result -> {
                if (result.ok()) {
                    log.info("node {} created {} with replication factor {}", options.nodeId(), OffsetsTopic.NAME,
                            command.replicationFactor());
                } else if (result.error() != ErrorCode.TOPIC_EXISTS) {
                    log.warn("node {} could not create {}: {}", options.nodeId(), OffsetsTopic.NAME, result.message());
                }
            }, error -> {
                log.info("node {} could not create {} yet: {}", options.nodeId(), OffsetsTopic.NAME, error.toString());
                Mono.delay(Duration.ofSeconds(1)).subscribe(t -> createOffsetsTopic(q, q.image(), controllers));
            });
        });
    }

    /** This node's side of the cluster's group coordinator; serving only while it leads {@code __consumer_offsets-0}. */
    public ClusterGroupCoordinator groups() {
        return groups;
    }

    /** Waits until this node's registration is in the metadata. */
    public void awaitRegistered(Duration timeout) {
        MetadataQuorum q = quorum();
        q.registered().timeout(timeout, Mono.defer(() -> Mono.error(new RivuletException(ErrorCode.TIMEOUT,
                "node " + options.nodeId() + " did not register with its cluster within " + timeout.toSeconds()
                        + " s: is a majority of the controllers " + options.controllers() + " running and reachable? "
                        + q.transportOutcomes())))).block();
    }

    private ServerAddress address(int node) {
        NodeState n = quorum().image().nodes().get(node);
        return n == null ? null : new ServerAddress(n.endpoint().host(), n.endpoint().nativePort());
    }

    private MetadataQuorum quorum() {
        MetadataQuorum q = quorum;
        if (q == null) {
            throw new RivuletException(ErrorCode.NOT_LEADER, "this node is still joining its cluster; retry shortly");
        }
        return q;
    }

    /** The admin of this node: topic changes through the cluster metadata. */
    public Admin admin() {
        return new ClusterAdmin(engine, this::quorum, options.clusterId());
    }

    /** What this node's Kafka door tells Kafka clients. */
    public io.rivulet.engine.kafka.KafkaMetadata kafkaMetadata() {
        return new io.rivulet.engine.cluster.ClusterKafkaMetadata(this::quorum, options.clusterId());
    }

    /** What this node answers to {@code CLUSTER_METADATA}. */
    public NodeMetadata metadata() {
        return topics -> Mono.defer(() -> new ClusterNodeMetadata(quorum()).describe(topics));
    }

    @Override
    public void close() {
        closed = true;
        groups.close();
        ReplicaManager r = replicas;
        if (r != null) {
            r.close();
        }
        NativeLeaderLink l = link;
        if (l != null) {
            l.close();
        }
        MetadataQuorum q = quorum;
        if (q != null) {
            q.close();
        }
    }

    /**
     * The cluster-wide settings a node reads from its config and flags. With {@code tls}, the consensus traffic
     * uses mutual TLS; the replication links take theirs from {@code linkConfig} (its {@code ssl.*} keys).
     */
    public record ClusterOptions(int nodeId, String controllers, String clusterId, Duration heartbeatInterval,
                                 Duration sessionTimeout, Duration electionTimeoutMin, Duration electionTimeoutMax,
                                 Duration replicaLagMax, Map<String, String> linkConfig, NodeTls tls) {
        /** Options of a cluster without TLS between its nodes. */
        public ClusterOptions(int nodeId, String controllers, String clusterId, Duration heartbeatInterval,
                              Duration sessionTimeout, Duration electionTimeoutMin, Duration electionTimeoutMax,
                              Duration replicaLagMax, Map<String, String> linkConfig) {
            this(nodeId, controllers, clusterId, heartbeatInterval, sessionTimeout, electionTimeoutMin,
                    electionTimeoutMax, replicaLagMax, linkConfig, null);
        }

        ClusterSettings settings(java.nio.file.Path metadataDir, String host, int nativePort, int httpPort, int kafkaPort) {
            return new ClusterSettings(nodeId, io.rivulet.engine.cluster.ControllerAddress.parseList(controllers),
                    metadataDir, new io.rivulet.engine.cluster.NodeEndpoint(nodeId, host, nativePort, Math.max(0, httpPort),
                            Math.max(0, kafkaPort)),
                    heartbeatInterval, sessionTimeout, electionTimeoutMin, electionTimeoutMax, tls);
        }
    }
}
