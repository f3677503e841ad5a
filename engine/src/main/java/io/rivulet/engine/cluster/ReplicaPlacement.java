package io.rivulet.engine.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a new topic's replicas go: spread evenly over the live nodes, deterministically.
 *
 * <p>With the live nodes sorted by id as {@code live[0..n)}, partition {@code p}'s leader (its first
 * replica) is {@code live[(start + p) % n]}, so a topic's leaders take turns over the nodes. Its
 * followers are the {@code rf - 1} nodes after the leader, skipping {@code shift} nodes first, so that
 * topics with different shifts do not always pair the same nodes. {@code start} comes from the number
 * of partitions already in the cluster, so leaders also balance across topics; {@code shift} from the
 * number of topics.
 *
 * <p>The caller passes the nodes a replica may go to: live and not being drained
 * ({@link ClusterImage#placeableNodes()}); a drained node keeps serving what it still holds but gets nothing new.
 *
 * <p>Pure: a function of its arguments.
 */
final class ReplicaPlacement {

    private ReplicaPlacement() {
    }

    /**
     * The replica lists of {@code partitions} partitions.
     *
     * @param live                the live node ids, ascending, at least {@code replicationFactor} of them
     * @param partitions          how many partitions, {@code >= 1}
     * @param replicationFactor   replicas per partition, in {@code [1, live.size()]}
     * @param existingPartitions  partitions already in the cluster (rotates the first leader)
     * @param existingTopics      topics already in the cluster (shifts the followers)
     */
    static List<List<Integer>> place(List<Integer> live, int partitions, int replicationFactor,
                                     int existingPartitions, int existingTopics) {
        int n = live.size();
        if (replicationFactor < 1 || replicationFactor > n || partitions < 1) {
            throw new IllegalArgumentException("cannot place " + partitions + " partitions with replication factor "
                    + replicationFactor + " on " + n + " live nodes");
        }
        int start = Math.floorMod(existingPartitions, n);
        // The followers of a leader at index i are at i + shift + 1 .. i + shift + rf - 1; a shift up to
        // n - rf keeps them clear of the leader.
        int shift = Math.floorMod(existingTopics, n - replicationFactor + 1);
        List<List<Integer>> placement = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            int leaderIndex = (start + p) % n;
            List<Integer> replicas = new ArrayList<>(replicationFactor);
            replicas.add(live.get(leaderIndex));
            for (int j = 1; j < replicationFactor; j++) {
                replicas.add(live.get((leaderIndex + shift + j) % n));
            }
            placement.add(List.copyOf(replicas));
        }
        return List.copyOf(placement);
    }
}
