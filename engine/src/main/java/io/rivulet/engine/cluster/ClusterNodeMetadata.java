package io.rivulet.engine.cluster;

import io.rivulet.api.errors.ErrorCode;
import io.rivulet.engine.net.ClusterMetadata;
import io.rivulet.engine.net.server.NodeMetadata;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;

/**
 * Answers {@code CLUSTER_METADATA} on a cluster node from its copy of the cluster metadata: the live nodes'
 * native addresses, and each topic's leaders, epochs, replicas and ISR. Topics are created only through the
 * admin ({@code topics create}), never by asking for them.
 */
public final class ClusterNodeMetadata implements NodeMetadata {
    private final MetadataQuorum quorum;

    public ClusterNodeMetadata(MetadataQuorum quorum) {
        this.quorum = quorum;
    }

    @Override
    public Mono<ClusterMetadata> describe(List<String> topics) {
        return Mono.fromCallable(() -> describe(quorum.image(), topics, quorum.controllerId()));
    }

    /** The answer for {@code topics} (every topic when empty) from {@code image}. */
    static ClusterMetadata describe(ClusterImage image, List<String> topics, int controller) {
        return describe(image, topics, controller, NodeEndpoint::nativePort);
    }

    /**
     * The answer for {@code topics} (every topic when empty) from {@code image}, naming each live node at the port
     * {@code port} picks; nodes where it is 0 (no such listener) are left out.
     */
    static ClusterMetadata describe(ClusterImage image, List<String> topics, int controller,
                                    java.util.function.ToIntFunction<NodeEndpoint> port) {
        List<ClusterMetadata.Node> nodes = image.nodes().values().stream()
                .filter(n -> !n.fenced() && port.applyAsInt(n.endpoint()) > 0)
                .map(n -> new ClusterMetadata.Node(n.endpoint().id(), n.endpoint().host(), port.applyAsInt(n.endpoint())))
                .toList();
        List<String> names = topics.isEmpty()
                ? image.topics().keySet().stream().filter(n -> !n.startsWith("__")).sorted().toList() : topics;
        List<ClusterMetadata.Topic> out = new ArrayList<>(names.size());
        for (String name : names) {
            out.add(image.topic(name).map(ClusterNodeMetadata::describe).orElseGet(() -> ClusterMetadata.Topic.failed(
                    name, ErrorCode.UNKNOWN_TOPIC, "topic '" + name + "' does not exist in this cluster; create it "
                            + "with `rivulet topics create " + name + " --replication-factor R`")));
        }
        return new ClusterMetadata(controller, nodes, out);
    }

    private static ClusterMetadata.Topic describe(TopicState t) {
        List<ClusterMetadata.Partition> partitions = t.partitions().stream()
                .map(p -> new ClusterMetadata.Partition(p.partition(), p.leader(), p.leaderEpoch(), p.replicas(), p.isr()))
                .toList();
        return new ClusterMetadata.Topic(t.name(), null, null, partitions);
    }
}
