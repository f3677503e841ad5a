package io.rivulet.engine.topic;

import io.rivulet.api.TopicPartition;
import io.rivulet.engine.produce.TopicCatalog;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.RivuletException;
import io.rivulet.engine.partition.Partition;
import io.rivulet.storage.log.LogConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A topic open on this node: its name, the config overrides it was created with, the effective log
 * config, and its partitions (numbered from 0).
 *
 * <p>A node without a cluster holds every partition of its topics. In a cluster a topic is <em>sparse</em>:
 * each partition has a slot that holds its log only while this node is one of its replicas, and is empty
 * ("not hosted here") otherwise; {@link #partition(int)} answers an empty slot with
 * {@link PartitionNotHostedException}, which is retriable. {@link TopicRegistry#host} and
 * {@link TopicRegistry#unhost} fill and empty the slots.
 *
 * <p>Thread-safe: lookups read the slots without locks; the registry changes them under its own lock.
 */
public final class Topic implements TopicCatalog.TopicLayout {
    private final String name;
    private final Map<String, String> overrides;
    private final LogConfig config;
    private volatile boolean sparse;
    private final AtomicReferenceArray<Partition> slots;

    Topic(String name, Map<String, String> overrides, LogConfig config, boolean sparse, List<Partition> slots) {
        this.name = name;
        this.overrides = Map.copyOf(overrides);
        this.config = config;
        this.sparse = sparse;
        this.slots = new AtomicReferenceArray<>(slots.toArray(new Partition[0]));
    }

    @Override
    public String name() {
        return name;
    }

    /** The settings this topic was created with (those not given follow the engine's defaults). */
    public Map<String, String> overrides() {
        return overrides;
    }

    public LogConfig config() {
        return config;
    }

    /** Whether this node keeps only the partitions it replicates (a cluster topic), rather than all of them. */
    public boolean sparse() {
        return sparse;
    }

    /** From now on a cluster topic (one written before sparse topics existed). */
    void markSparse() {
        sparse = true;
    }

    /** How many partitions the topic has, hosted here or not. */
    @Override
    public int partitionCount() {
        return slots.length();
    }

    /** The partitions hosted on this node, by number: all of them without a cluster. */
    public List<Partition> partitions() {
        List<Partition> hosted = new ArrayList<>(slots.length());
        for (int p = 0; p < slots.length(); p++) {
            Partition partition = slots.get(p);
            if (partition != null) {
                hosted.add(partition);
            }
        }
        return hosted;
    }

    @Override
    public Partition partitionTarget(int p) {
        return partition(p);
    }

    /**
     * Partition {@code p}: an error naming the valid range if there is no such partition, and
     * {@link PartitionNotHostedException} (retriable, {@code NOT_LEADER}) if this node holds no replica of it.
     */
    public Partition partition(int p) {
        checkRange(p);
        Partition partition = slots.get(p);
        if (partition == null) {
            throw new PartitionNotHostedException(new TopicPartition(name, p));
        }
        return partition;
    }

    /** Partition {@code p} if this node hosts it; empty if it does not or if there is no such partition. */
    public Optional<Partition> hosted(int p) {
        return p < 0 || p >= slots.length() ? Optional.empty() : Optional.ofNullable(slots.get(p));
    }

    /** Whether this node hosts partition {@code p}. */
    public boolean hosts(int p) {
        return hosted(p).isPresent();
    }

    /** Fills an empty slot; the registry's lock is held. */
    void hostSlot(int p, Partition partition) {
        checkRange(p);
        if (!slots.compareAndSet(p, null, partition)) {
            throw new IllegalStateException(name + "-" + p + " is hosted already");
        }
    }

    /** Empties a slot and returns what it held (null if empty); the registry's lock is held. */
    Partition clearSlot(int p) {
        checkRange(p);
        return slots.getAndSet(p, null);
    }

    /** An error naming the valid range unless {@code p} is one of this topic's partitions. */
    void checkRange(int p) {
        if (p < 0 || p >= slots.length()) {
            throw new RivuletException(ErrorCode.UNKNOWN_PARTITION, "topic '" + name + "' has partitions 0.."
                    + (slots.length() - 1) + ", not " + p);
        }
    }

    void close() {
        RuntimeException first = null;
        for (Partition p : partitions()) {
            try {
                p.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public String toString() {
        return "Topic[" + name + ", partitions=" + slots.length() + (sparse ? ", hosted=" + partitions().size() : "")
                + "]";
    }
}
