package io.rivulet.engine.cluster;

import io.rivulet.api.TopicPartition;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A change to the cluster metadata, as carried in one Raft log entry. Every replica of the state
 * machine applies the same commands in the same order through {@link MetadataMachine#apply}, so a
 * command holds everything its effect depends on (no clocks, no randomness).
 */
public sealed interface MetadataCommand {

    /**
     * Adds a node or updates its endpoint. A registering node is alive (it is calling), so it is also
     * unfenced, and it takes the lead of leaderless partitions it is the last in-sync replica of.
     */
    record RegisterNode(NodeEndpoint endpoint) implements MetadataCommand {
        public RegisterNode {
            Objects.requireNonNull(endpoint, "endpoint");
        }
    }

    /** Declares a node dead: it leaves ISRs it is not the last member of, and its partitions get new leaders. */
    record FenceNode(int nodeId) implements MetadataCommand {
    }

    /** Declares a fenced node alive again: it takes the lead of leaderless partitions whose ISR holds it. */
    record UnfenceNode(int nodeId) implements MetadataCommand {
    }

    /** Creates a topic, placing its replicas over the live nodes. */
    record CreateTopic(String name, int partitions, int replicationFactor, Map<String, String> configs)
            implements MetadataCommand {
        public CreateTopic {
            Objects.requireNonNull(name, "name");
            configs = Map.copyOf(configs);
        }
    }

    /** Deletes a topic and its partitions. */
    record DeleteTopic(String name) implements MetadataCommand {
        public DeleteTopic {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * A partition leader's request to shrink or grow its ISR. The leader, leader epoch and partition
     * epoch are what the leader last read; the change is refused if any of them is stale.
     */
    record AlterIsr(TopicPartition tp, int leaderId, int leaderEpoch, int partitionEpoch, List<Integer> isr)
            implements MetadataCommand {
        public AlterIsr {
            Objects.requireNonNull(tp, "tp");
            isr = List.copyOf(isr);
        }
    }

    /**
     * Moves a partition to {@code targetReplicas}, preferred leader first ({@link Reassignment}): the new
     * replicas catch up before the replica list switches.
     */
    record ReassignPartition(TopicPartition tp, List<Integer> targetReplicas) implements MetadataCommand {
        public ReassignPartition {
            Objects.requireNonNull(tp, "tp");
            targetReplicas = List.copyOf(targetReplicas);
        }
    }

    /** Reassigns every partition with a replica on the node to other nodes ({@link Drain}); the node stays registered. */
    record DrainNode(int nodeId) implements MetadataCommand {
    }
}
