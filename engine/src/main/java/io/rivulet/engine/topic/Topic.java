package io.rivulet.engine.topic;

import io.rivulet.engine.produce.TopicCatalog;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.RivuletException;
import io.rivulet.engine.partition.Partition;
import io.rivulet.storage.log.LogConfig;

import java.util.List;
import java.util.Map;

/**
 * A topic open on this node: its name, the config overrides it was created with, the effective log
 * config, and its partitions (numbered from 0).
 */
public final class Topic implements TopicCatalog.TopicLayout {
    private final String name;
    private final Map<String, String> overrides;
    private final LogConfig config;
    private final List<Partition> partitions;

    Topic(String name, Map<String, String> overrides, LogConfig config, List<Partition> partitions) {
        this.name = name;
        this.overrides = Map.copyOf(overrides);
        this.config = config;
        this.partitions = List.copyOf(partitions);
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

    @Override
    public int partitionCount() {
        return partitions.size();
    }

    public List<Partition> partitions() {
        return partitions;
    }

    @Override
    public Partition partitionTarget(int p) {
        return partition(p);
    }

    /** Partition {@code p}, or an error naming the valid range. */
    public Partition partition(int p) {
        if (p < 0 || p >= partitions.size()) {
            throw new RivuletException(ErrorCode.UNKNOWN_PARTITION, "topic '" + name + "' has partitions 0.."
                    + (partitions.size() - 1) + ", not " + p);
        }
        return partitions.get(p);
    }

    void close() {
        RuntimeException first = null;
        for (Partition p : partitions) {
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
        return "Topic[" + name + ", partitions=" + partitions.size() + "]";
    }
}
