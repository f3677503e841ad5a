package io.rivulet.engine.net.server;

import io.rivulet.engine.net.ClusterMetadata;
import reactor.core.publisher.Mono;

import java.util.List;

/** Answers {@code CLUSTER_METADATA}: a single node speaks for itself, a cluster node from the cluster's metadata. */
@FunctionalInterface
public interface NodeMetadata {
    /** The nodes and the placement of {@code topics} (every topic when empty). */
    Mono<ClusterMetadata> describe(List<String> topics);
}
