package io.rivulet.engine.replication;

import io.rivulet.engine.partition.Partition;

/**
 * Told by {@link ReplicaManager} how this node stands toward one watched partition after each metadata image:
 * leading it in some epoch, or not. Lets a service that lives on a partition's leader (the group coordinator
 * on {@code __consumer_offsets-0}) follow leadership without the replica manager knowing that service.
 *
 * <p>Called on the metadata thread, once per image, in order, and possibly with no change since the previous
 * call: implementations compare with what they last saw, and hand slow work to another thread.
 */
@FunctionalInterface
public interface LeadershipListener {
    /**
     * @param partition the local replica, as open on this node
     * @param leading   true when this node leads it in {@code epoch}
     * @param epoch     the partition's leader epoch in the image
     */
    void leadership(Partition partition, boolean leading, int epoch);
}
