package io.rivulet.engine.cluster;

import io.rivulet.api.Admin;
import io.rivulet.api.ClusterDescription;
import io.rivulet.api.GroupDescription;
import io.rivulet.api.NewTopic;
import io.rivulet.api.PartitionDescription;
import io.rivulet.api.TopicDescription;
import io.rivulet.api.TopicNames;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.InvalidConfigException;
import io.rivulet.api.errors.InvalidTopicException;
import io.rivulet.api.errors.TopicExistsException;
import io.rivulet.api.errors.UnknownTopicException;
import io.rivulet.engine.lifecycle.Engine;
import io.rivulet.engine.partition.Partition;
import io.rivulet.engine.topic.Topic;
import io.rivulet.engine.topic.TopicSettings;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Admin requests on a cluster node: topic changes go through the cluster metadata (any node may take them),
 * and descriptions come from this node's copy of it, with the offsets of its local replicas. A create or
 * delete completes once this node has applied it, so a client that asks the same node next sees it.
 */
public final class ClusterAdmin implements Admin {
    private static final Duration APPLY_WAIT = Duration.ofSeconds(30);

    private final Engine engine;
    private final Supplier<MetadataQuorum> quorums;
    private final String clusterId;

    /** @param quorum the node's metadata quorum; may throw a retriable error while the node joins */
    public ClusterAdmin(Engine engine, Supplier<MetadataQuorum> quorum, String clusterId) {
        this.engine = engine;
        this.quorums = quorum;
        this.clusterId = clusterId;
    }

    @Override
    public Mono<Void> createTopic(NewTopic topic) {
        return Mono.defer(() -> {
            TopicNames.validate(topic.name());
            if (topic.name().startsWith("__")) {
                throw new InvalidTopicException(topic.name(), "names starting with '__' are reserved for Rivulet's "
                        + "internal topics");
            }
            TopicSettings.apply(engine.config().logDefaults(), topic.configs()); // typed errors before the quorum
            int partitions = topic.partitions() <= 0 ? engine.config().numPartitions() : topic.partitions();
            int rf = topic.replicationFactor() <= 0 ? 1 : topic.replicationFactor();
            int minIsr = TopicSettings.minInsyncReplicas(topic.configs());
            if (minIsr > rf) {
                throw new InvalidConfigException(TopicSettings.MIN_INSYNC_REPLICAS, minIsr, "at most the replication "
                        + "factor " + rf + ", or no acks=all write could ever succeed");
            }
            return quorums.get().submit(new MetadataCommand.CreateTopic(topic.name(), partitions, rf, topic.configs()))
                    .flatMap(result -> {
                        if (result.ok()) {
                            return appliedHere(() -> engine.topics().find(topic.name()) != null);
                        }
                        if (result.error() == ErrorCode.TOPIC_EXISTS) {
                            return Mono.error(new TopicExistsException(topic.name()));
                        }
                        if (result.error() == ErrorCode.INVALID_CONFIG) {
                            return Mono.error(new InvalidConfigException("replication.factor", rf, result.message()));
                        }
                        return Mono.error(result.toException());
                    });
        });
    }

    @Override
    public Mono<Void> deleteTopic(String name) {
        return Mono.defer(() -> quorums.get().submit(new MetadataCommand.DeleteTopic(name))).flatMap(result -> {
            if (result.ok()) {
                return appliedHere(() -> engine.topics().find(name) == null);
            }
            return Mono.error(result.error() == ErrorCode.UNKNOWN_TOPIC ? new UnknownTopicException(name)
                    : result.toException());
        });
    }

    /** Completes when {@code applied} holds on this node: the metadata thread applies images in order. */
    private Mono<Void> appliedHere(java.util.function.BooleanSupplier applied) {
        return Mono.defer(() -> applied.getAsBoolean() ? Mono.<Void>empty()
                        : Mono.error(new IllegalStateException("not yet")))
                .retryWhen(reactor.util.retry.Retry.fixedDelay(Long.MAX_VALUE, Duration.ofMillis(10)))
                .timeout(APPLY_WAIT)
                .onErrorMap(java.util.concurrent.TimeoutException.class, e -> new io.rivulet.api.errors.RivuletException(
                        ErrorCode.TIMEOUT, "the change was committed but this node did not apply it within "
                        + APPLY_WAIT.toSeconds() + " s; check its logs"));
    }

    @Override
    public Mono<List<String>> listTopics() {
        return Mono.fromCallable(() -> quorums.get().image().topics().keySet().stream()
                .filter(n -> !n.startsWith("__")).sorted().toList());
    }

    @Override
    public Mono<TopicDescription> describeTopic(String name) {
        return Mono.fromCallable(() -> {
            TopicState t = quorums.get().image().topic(name).orElseThrow(() -> new UnknownTopicException(name));
            Topic local = engine.topics().find(name);
            List<PartitionDescription> partitions = new ArrayList<>(t.partitions().size());
            for (PartitionState p : t.partitions()) {
                // this node's replica, if it holds one (the metadata says where the others are)
                Partition replica = local == null ? null : local.hosted(p.partition()).orElse(null);
                long start = replica == null ? 0 : replica.logStartOffset();
                long end = replica == null ? 0 : replica.highWatermark();
                partitions.add(new PartitionDescription(p.partition(), start, end, p.leader(), p.replicas(), p.isr()));
            }
            Map<String, String> configs = new TreeMap<>(TopicSettings.apply(engine.config().logDefaults(),
                    t.configs()).toMap());
            configs.putAll(TopicSettings.replicationValues(t.configs()));
            return new TopicDescription(t.name(), configs, partitions);
        });
    }

    @Override
    public Mono<List<String>> listGroups() {
        return engine.servedGroups().listGroups();
    }

    @Override
    public Mono<GroupDescription> describeGroup(String groupId) {
        return engine.servedGroups().describeGroup(groupId);
    }

    /** Answered from this node's copy, which must be the leader's: else {@code NOT_LEADER}. */
    @Override
    public Mono<Long> offsetOf(TopicPartition partition, io.rivulet.api.StartAt position) {
        return Mono.fromCallable(() -> {
            io.rivulet.engine.partition.Partition p = engine.topics().partition(partition);
            if (!p.isLeader()) {
                throw new io.rivulet.api.errors.RivuletException(io.rivulet.api.errors.ErrorCode.NOT_LEADER,
                        partition + " is not led by this node; ask its leader (rivulet topics describe)");
            }
            return io.rivulet.engine.fetch.StartPositions.resolve(p, position);
        });
    }

    @Override
    public Mono<Void> deleteGroup(String groupId) {
        return engine.servedGroups().deleteGroup(groupId);
    }

    @Override
    public Mono<Void> alterGroupOffsets(String groupId, Map<TopicPartition, Long> offsets) {
        return engine.servedGroups().alterOffsets(groupId, Map.copyOf(offsets));
    }

    @Override
    public Mono<ClusterDescription> describeCluster() {
        return Mono.fromCallable(() -> ClusterSummary.describe(quorums.get().image(), clusterId, quorums.get().controllerId()));
    }

    @Override
    public Mono<Void> reassignPartition(TopicPartition tp, List<Integer> replicas) {
        List<Integer> target = List.copyOf(replicas);
        return Mono.defer(() -> quorums.get().submit(new MetadataCommand.ReassignPartition(tp, target))).flatMap(result -> {
            if (result.ok()) {
                return appliedHere(() -> quorums.get().image().partition(tp)
                        .map(p -> p.finalReplicas().equals(target)).orElse(false));
            }
            return Mono.error(result.error() == ErrorCode.UNKNOWN_TOPIC ? new UnknownTopicException(tp.topic())
                    : result.toException());
        });
    }

    @Override
    public Mono<Void> drainNode(int nodeId) {
        return Mono.defer(() -> quorums.get().submit(new MetadataCommand.DrainNode(nodeId))).flatMap(result -> {
            if (result.ok()) {
                return appliedHere(() -> ClusterSummary.partitionsEndingOn(quorums.get().image(), nodeId) == 0);
            }
            return Mono.error(result.toException());
        });
    }
}
