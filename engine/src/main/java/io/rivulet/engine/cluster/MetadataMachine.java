package io.rivulet.engine.cluster;

import io.rivulet.api.TopicNames;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.InvalidConfigException;
import io.rivulet.api.errors.InvalidTopicException;
import io.rivulet.engine.topic.TopicSettings;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * The cluster metadata's transition function: an image and a command give the next image and a
 * result. Every Raft replica runs it on the same log, so it is deterministic: no clocks, no
 * randomness, no iteration over unordered collections; what would differ (a topic's id) is derived
 * from the command and its log index.
 *
 * <p>A refused command, or one that changes nothing, returns the same image (same version); a change
 * returns an image whose version is the command's index. Refusals are results, never exceptions.
 */
public final class MetadataMachine {

    /** The most partitions one topic may have; beyond this the image would grow past what a heartbeat should carry. */
    static final int MAX_PARTITIONS = 1 << 14;

    /** The image after a command, and the command's result. */
    public record Applied(ClusterImage image, MetadataResult result) {
    }

    private MetadataMachine() {
    }

    /**
     * Applies {@code command}, found at Raft log {@code index}, to {@code image}.
     *
     * @param index the command's log index, above {@code image.version()}
     */
    public static Applied apply(ClusterImage image, MetadataCommand command, long index) {
        // Java 17 has no pattern switch; the interface is sealed, so this chain is complete.
        Applied applied;
        if (command instanceof MetadataCommand.RegisterNode c) {
            applied = register(image, c.endpoint());
        } else if (command instanceof MetadataCommand.FenceNode c) {
            applied = fence(image, c.nodeId());
        } else if (command instanceof MetadataCommand.UnfenceNode c) {
            applied = unfence(image, c.nodeId());
        } else if (command instanceof MetadataCommand.CreateTopic c) {
            applied = createTopic(image, c, index);
        } else if (command instanceof MetadataCommand.DeleteTopic c) {
            applied = deleteTopic(image, c.name());
        } else if (command instanceof MetadataCommand.AlterIsr c) {
            applied = alterIsr(image, c);
        } else if (command instanceof MetadataCommand.ReassignPartition c) {
            applied = reassign(image, Map.of(c.tp(), c.targetReplicas()));
        } else if (command instanceof MetadataCommand.DrainNode c) {
            applied = drain(image, c.nodeId());
        } else {
            throw new IllegalArgumentException("unknown command " + command);
        }
        if (applied.image() == image) {
            return applied;
        }
        return new Applied(applied.image().withVersion(index), applied.result());
    }

    private static Applied register(ClusterImage image, NodeEndpoint endpoint) {
        NodeState before = image.nodes().get(endpoint.id());
        if (before != null && !before.fenced() && !before.draining() && before.endpoint().equals(endpoint)) {
            return ok(image);
        }
        // a node that starts again is back in service: a drained one takes new replicas from now on
        ClusterImage next = image.with(new NodeState(endpoint, false, false));
        if (before != null && before.fenced()) {
            next = electOnUnfence(next, endpoint.id());
        }
        return ok(next);
    }

    private static Applied fence(ClusterImage image, int nodeId) {
        NodeState node = image.nodes().get(nodeId);
        if (node == null) {
            return refused(image, ErrorCode.INVALID_REQUEST, "cannot fence node " + nodeId + ": it is not registered");
        }
        if (node.fenced()) {
            return ok(image);
        }
        ClusterImage next = image.with(node.withFenced(true));
        Set<Integer> fenced = next.nodes().values().stream()
                .filter(NodeState::fenced).map(NodeState::id).collect(Collectors.toSet());
        ClusterImage fencedImage = next;
        return ok(mapPartitions(next, (t, p) -> afterElection(p,
                LeaderElection.onFenced(p, nodeId, fenced, unclean(t)), fencedImage)));
    }

    private static Applied unfence(ClusterImage image, int nodeId) {
        NodeState node = image.nodes().get(nodeId);
        if (node == null) {
            return refused(image, ErrorCode.INVALID_REQUEST, "cannot unfence node " + nodeId + ": it is not registered");
        }
        if (!node.fenced()) {
            return ok(image);
        }
        return ok(electOnUnfence(image.with(node.withFenced(false)), nodeId));
    }

    /**
     * Moves every replica off the node ({@link Drain}) and marks it draining, so that no new topic is placed on
     * it either; all or nothing.
     */
    private static Applied drain(ClusterImage image, int nodeId) {
        Drain.Plan plan = Drain.plan(image, nodeId);
        if (!plan.result().ok()) {
            return new Applied(image, plan.result());
        }
        Applied moved = reassign(image, plan.targets());
        if (!moved.result().ok()) {
            return moved;
        }
        NodeState node = moved.image().nodes().get(nodeId);
        return node.draining() ? moved : ok(moved.image().with(node.withDraining(true)));
    }

    private static ClusterImage electOnUnfence(ClusterImage image, int nodeId) {
        return mapPartitions(image, (t, p) -> afterElection(p,
                LeaderElection.onUnfenced(p, nodeId, unclean(t)), image));
    }

    /** A new leader may be the one a caught-up reassignment was waiting for (it was not leading then). */
    private static PartitionState afterElection(PartitionState before, PartitionState after, ClusterImage image) {
        return after == before ? before : Reassignment.completeIfCaughtUp(after, before.isr(), image);
    }

    private static Applied createTopic(ClusterImage image, MetadataCommand.CreateTopic c, long index) {
        if (!TopicNames.isValid(c.name())) {
            try {
                TopicNames.validate(c.name());
            } catch (InvalidTopicException e) {
                return refused(image, ErrorCode.INVALID_TOPIC, e.getMessage());
            }
        }
        if (image.topics().containsKey(c.name())) {
            return refused(image, ErrorCode.TOPIC_EXISTS, "topic '" + c.name() + "' already exists");
        }
        if (c.partitions() < 1 || c.partitions() > MAX_PARTITIONS) {
            return refused(image, ErrorCode.INVALID_CONFIG, "topic '" + c.name() + "' needs between 1 and "
                    + MAX_PARTITIONS + " partitions, not " + c.partitions());
        }
        if (c.replicationFactor() < 1) {
            return refused(image, ErrorCode.INVALID_CONFIG, "replication factor of topic '" + c.name()
                    + "' must be >= 1, not " + c.replicationFactor());
        }
        List<Integer> live = image.liveNodes();
        if (c.replicationFactor() > live.size()) {
            String nodes = live.stream().map(String::valueOf).collect(Collectors.joining(", "));
            return refused(image, ErrorCode.INVALID_CONFIG, "replication factor " + c.replicationFactor()
                    + " is more than the " + live.size() + " live nodes (" + nodes
                    + "); start more nodes or lower --replication-factor");
        }
        List<Integer> placeable = image.placeableNodes();
        if (c.replicationFactor() > placeable.size()) {
            return refused(image, ErrorCode.INVALID_CONFIG, "replication factor " + c.replicationFactor()
                    + " needs that many live nodes that are not being drained, but only " + placeable
                    + " are (draining: " + image.drainingNodes() + "); start more nodes, restart a drained node to"
                    + " put it back in service, or lower --replication-factor");
        }
        List<List<Integer>> placement = ReplicaPlacement.place(placeable, c.partitions(), c.replicationFactor(),
                image.partitionCount(), image.topics().size());
        List<PartitionState> partitions = new ArrayList<>(c.partitions());
        for (int p = 0; p < c.partitions(); p++) {
            List<Integer> replicas = placement.get(p);
            partitions.add(new PartitionState(p, replicas, replicas.get(0), 0, replicas, 0));
        }
        UUID id = topicId(c.name(), index);
        return ok(image.with(new TopicState(c.name(), id, c.replicationFactor(), c.configs(), partitions)));
    }

    /** The same on every replica, yet different for a topic deleted and created again (at another index). */
    static UUID topicId(String name, long index) {
        return UUID.nameUUIDFromBytes((name + "@" + index).getBytes(StandardCharsets.UTF_8));
    }

    private static Applied deleteTopic(ClusterImage image, String name) {
        if (!image.topics().containsKey(name)) {
            return refused(image, ErrorCode.UNKNOWN_TOPIC, "topic '" + name + "' does not exist");
        }
        return ok(image.without(name));
    }

    private static Applied alterIsr(ClusterImage image, MetadataCommand.AlterIsr c) {
        TopicPartition tp = c.tp();
        TopicState topic = image.topics().get(tp.topic());
        if (topic == null) {
            return refused(image, ErrorCode.UNKNOWN_TOPIC, "cannot change the ISR of " + tp
                    + ": topic '" + tp.topic() + "' does not exist");
        }
        if (tp.partition() >= topic.partitions().size()) {
            return refused(image, ErrorCode.UNKNOWN_PARTITION, "cannot change the ISR of " + tp + ": topic '"
                    + tp.topic() + "' has " + topic.partitions().size() + " partitions");
        }
        PartitionState before = topic.partitions().get(tp.partition());
        IsrChange.Outcome outcome = IsrChange.apply(before, c, image);
        if (!outcome.result().ok()) {
            return new Applied(image, outcome.result());
        }
        // the ISR change that brings the last target replica in sync completes a reassignment
        return ok(image.with(topic.with(Reassignment.completeIfCaughtUp(outcome.partition(), before.isr(), image))));
    }

    /** Starts every reassignment in {@code targets}, or none if one is refused. */
    private static Applied reassign(ClusterImage image, Map<TopicPartition, List<Integer>> targets) {
        ClusterImage next = image;
        for (Map.Entry<TopicPartition, List<Integer>> e : targets.entrySet()) {
            TopicPartition tp = e.getKey();
            TopicState topic = next.topics().get(tp.topic());
            if (topic == null) {
                return refused(image, ErrorCode.UNKNOWN_TOPIC, "cannot reassign " + tp + ": topic '" + tp.topic()
                        + "' does not exist");
            }
            if (tp.partition() >= topic.partitions().size()) {
                return refused(image, ErrorCode.UNKNOWN_PARTITION, "cannot reassign " + tp + ": topic '"
                        + tp.topic() + "' has " + topic.partitions().size() + " partitions");
            }
            PartitionState before = topic.partitions().get(tp.partition());
            Reassignment.Outcome outcome = Reassignment.start(before, tp, e.getValue(), next);
            if (!outcome.result().ok()) {
                return new Applied(image, outcome.result());
            }
            if (outcome.partition() != before) {
                next = next.with(topic.with(outcome.partition()));
            }
        }
        return ok(next);
    }

    /**
     * The topic's {@code unclean.leader.election.enable}. The machine must never throw on a stored image, so a value
     * the admin would have refused keeps the safe default.
     */
    private static boolean unclean(TopicState topic) {
        try {
            return TopicSettings.uncleanLeaderElection(topic.configs());
        } catch (InvalidConfigException e) {
            return false;
        }
    }

    /** The image with {@code change} applied to every partition; the same image if no partition changed. */
    private static ClusterImage mapPartitions(ClusterImage image,
                                              BiFunction<TopicState, PartitionState, PartitionState> change) {
        Map<String, TopicState> topics = new TreeMap<>();
        boolean changed = false;
        for (TopicState topic : image.topics().values()) {
            TopicState next = topic;
            for (PartitionState p : topic.partitions()) {
                PartitionState q = change.apply(topic, p);
                if (q != p) {
                    next = next.with(q);
                }
            }
            changed |= next != topic;
            topics.put(topic.name(), next);
        }
        return changed ? image.withTopics(topics) : image;
    }

    private static Applied ok(ClusterImage image) {
        return new Applied(image, MetadataResult.OK);
    }

    private static Applied refused(ClusterImage image, ErrorCode code, String message) {
        return new Applied(image, MetadataResult.refused(code, message));
    }
}
