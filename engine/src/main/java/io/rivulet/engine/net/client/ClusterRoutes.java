package io.rivulet.engine.net.client;

import io.rivulet.api.ServerAddress;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.InvalidTopicException;
import io.rivulet.api.errors.RivuletClosedException;
import io.rivulet.api.errors.RivuletException;
import io.rivulet.api.errors.UnknownTopicException;
import io.rivulet.engine.net.ApiKey;
import io.rivulet.engine.net.ClusterMetadata;
import io.rivulet.engine.net.ClusterMetadataCodec;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which node leads what, as the client last heard it: topics' partitions with their leaders, learnt with
 * {@code CLUSTER_METADATA} from any reachable bootstrap node on first use and again after a request fails with
 * {@code NOT_LEADER}, an unknown topic or partition, or a lost connection ({@link #forget}). Keeps one
 * connection per node it sends to; a node standing alone is reached through the bootstrap connection itself.
 * Thread-safe.
 */
final class ClusterRoutes implements AutoCloseable {
    private final NodeClient bootstrap;
    private final Map<String, Mono<ClusterMetadata.Topic>> topics = new ConcurrentHashMap<>();
    /** The answers among {@link #topics}, for {@link #leaderNow}. */
    private final Map<String, ClusterMetadata.Topic> answered = new ConcurrentHashMap<>();
    private final Map<Integer, NodeClient> nodes = new ConcurrentHashMap<>();
    private volatile Map<Integer, ClusterMetadata.Node> addresses = Map.of();
    private volatile boolean standalone = true;
    private volatile boolean closed;

    ClusterRoutes(NodeClient bootstrap) {
        this.bootstrap = bootstrap;
    }

    NodeClient bootstrap() {
        return bootstrap;
    }

    /** The topic's placement: as last heard, or asked for now (creating it when the node auto-creates topics). */
    Mono<ClusterMetadata.Topic> topic(String name) {
        // deferred: a retry subscribes again and must see what was forgotten since, not the answer it had
        return Mono.defer(() -> {
            Mono<ClusterMetadata.Topic> known = topics.computeIfAbsent(name, n -> ask(n)
                    .doOnNext(t -> answered.put(n, t)).cache(
                    t -> java.time.Duration.ofDays(365), e -> java.time.Duration.ZERO, () -> java.time.Duration.ZERO));
            return known.doOnError(e -> topics.remove(name, known));
        });
    }

    private Mono<ClusterMetadata.Topic> ask(String name) {
        return bootstrap.call(ApiKey.CLUSTER_METADATA, b -> ClusterMetadataCodec.writeRequest(b, List.of(name)),
                ClusterMetadataCodec::read).map(m -> {
                    learnNodes(m);
                    ClusterMetadata.Topic t = m.topic(name).orElseThrow(() -> new UnknownTopicException(name));
                    if (t.error() != null) {
                        throw topicError(t);
                    }
                    return t;
                });
    }

    private void learnNodes(ClusterMetadata m) {
        Map<Integer, ClusterMetadata.Node> byId = new java.util.HashMap<>();
        m.nodes().forEach(n -> byId.put(n.id(), n));
        addresses = Map.copyOf(byId);
        standalone = m.nodes().size() <= 1;
        nodes.entrySet().removeIf(e -> {
            ClusterMetadata.Node now = byId.get(e.getKey());
            boolean moved = now == null || !e.getValue().servers().equals(List.of(address(now)));
            if (moved) {
                e.getValue().close();
            }
            return moved;
        });
    }

    private static RivuletException topicError(ClusterMetadata.Topic t) {
        return switch (t.error()) {
            case UNKNOWN_TOPIC -> new UnknownTopicException(t.name());
            case INVALID_TOPIC -> new InvalidTopicException(t.name(), t.message());
            default -> new RivuletException(t.error(), t.message());
        };
    }

    /** The connection to the leader of {@code tp}, as far as the client knows. */
    Mono<NodeClient> leader(TopicPartition tp) {
        return topic(tp.topic()).map(t -> {
            if (tp.partition() < 0 || tp.partition() >= t.partitions().size()) {
                throw new RivuletException(ErrorCode.UNKNOWN_PARTITION, "topic '" + tp.topic() + "' has partitions 0.."
                        + (t.partitions().size() - 1) + ", not " + tp.partition());
            }
            int leader = t.partitions().get(tp.partition()).leader();
            if (leader == ClusterMetadata.NO_LEADER) {
                forget(tp.topic());
                throw new RivuletException(ErrorCode.NOT_LEADER, tp + " has no leader right now (its in-sync "
                        + "replicas are down); it gets one when one of them returns");
            }
            return node(leader);
        });
    }

    /**
     * The open connection to the leader of {@code tp} if the client knows the leader and is connected to it now,
     * else null (then {@link #leader} finds it, or says why not).
     */
    ClientConnection leaderNow(TopicPartition tp) {
        ClusterMetadata.Topic t = answered.get(tp.topic());
        if (closed || t == null || tp.partition() < 0 || tp.partition() >= t.partitions().size()) {
            return null;
        }
        int leader = t.partitions().get(tp.partition()).leader();
        NodeClient c = leader == ClusterMetadata.NO_LEADER ? null : standalone ? bootstrap : nodes.get(leader);
        return c == null ? null : c.openNow();
    }

    /** True once metadata named more than one node: then a lost node is worth waiting out. */
    boolean isCluster() {
        return !standalone;
    }

    /** The connection to node {@code id}. */
    NodeClient node(int id) {
        if (closed) {
            throw new RivuletClosedException("this Rivulet client");
        }
        if (standalone) {
            return bootstrap;
        }
        NodeClient c = nodes.get(id);
        if (c != null) {
            return c;
        }
        ClusterMetadata.Node n = addresses.get(id);
        if (n == null) {
            throw new RivuletException(ErrorCode.NOT_LEADER, "node " + id + " is not among the live nodes the client "
                    + "knows; refreshing metadata");
        }
        return nodes.computeIfAbsent(id, k -> new NodeClient(List.of(address(n)), bootstrap.settings(), false));
    }

    private static ServerAddress address(ClusterMetadata.Node n) {
        return new ServerAddress(n.host(), n.port());
    }

    /** Forgets what the client knew of {@code topic}: the next use asks again. */
    void forget(String topic) {
        answered.remove(topic);
        topics.remove(topic);
    }

    /** True for a failure after which asking the cluster again may help. */
    static boolean staleRoute(Throwable error) {
        return error instanceof RivuletException r && (r.code() == ErrorCode.NOT_LEADER
                || r.code() == ErrorCode.UNKNOWN_TOPIC || r.code() == ErrorCode.UNKNOWN_PARTITION
                || r.code() == ErrorCode.DISCONNECTED || r.code() == ErrorCode.TIMEOUT);
    }

    /**
     * True for a failure that sending the same batch again may get past: the leader moved or is being
     * elected, the connection was lost or an answer timed out, too few replicas in sync for now. Not an unknown
     * topic or partition (the batch was built for a layout that no longer exists), and not a full disk, which
     * its owner should hear of at once.
     */
    static boolean worthRetrying(Throwable error) {
        return error instanceof RivuletException r && r.code().retriable() && r.code() != ErrorCode.STORAGE_FULL;
    }

    @Override
    public void close() {
        closed = true;
        nodes.values().forEach(NodeClient::close);
        nodes.clear();
        bootstrap.close();
    }
}
