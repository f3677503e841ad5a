package io.rivulet.engine.topic;

import io.rivulet.engine.produce.TopicCatalog;
import io.rivulet.api.TopicNames;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.InvalidConfigException;
import io.rivulet.api.errors.RivuletClosedException;
import io.rivulet.api.errors.RivuletException;
import io.rivulet.api.errors.TopicExistsException;
import io.rivulet.api.errors.UnknownTopicException;
import io.rivulet.engine.metrics.EngineMetrics;
import io.rivulet.engine.partition.Partition;
import io.rivulet.engine.partition.StorageErrors;
import io.rivulet.storage.log.LogConfig;
import io.rivulet.storage.log.PartitionLog;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The topics of one node: creates, opens, deletes and finds them. Lookups are lock-free; creating
 * and deleting are serialized so two callers never build the same topic twice.
 *
 * <p>A cluster's topics are sparse ({@link Topic}): {@link #openReplicated} opens a topic with no partition,
 * and the replica manager {@link #host hosts} and {@link #unhost unhosts} each partition as the metadata makes
 * this node one of its replicas or stops doing so. On restart a sparse topic opens the partitions that have a
 * directory, nothing else.
 */
public final class TopicRegistry implements TopicCatalog, AutoCloseable {
    private final TopicStore store;
    private final LogConfig defaults;
    private final int defaultPartitions;
    private final boolean autoCreate;
    private final Executor io;
    private final EngineMetrics metrics;
    private final Map<String, Topic> topics = new ConcurrentHashMap<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /**
     * Opens every topic under {@code dataDir}. {@code io} runs blocking file work in the background
     * (preparing the next segment of each log); each partition registers its meters in {@code metrics}.
     */
    public TopicRegistry(Path dataDir, LogConfig defaults, int defaultPartitions, boolean autoCreate, Executor io,
                         EngineMetrics metrics) {
        this.store = new TopicStore(dataDir);
        this.defaults = defaults;
        this.defaultPartitions = defaultPartitions;
        this.autoCreate = autoCreate;
        this.io = io;
        this.metrics = metrics;
        try {
            for (TopicStore.Stored s : store.load()) {
                topics.put(s.name(), open(s.name(), s.partitions(), s.overrides(), s.sparse()));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Creates a topic; {@code partitions} ≤ 0 means the engine's default. */
    public synchronized Topic create(String name, int partitions, Map<String, String> overrides) {
        ensureOpen();
        TopicNames.validate(name);
        if (name.startsWith("__")) {
            throw new io.rivulet.api.errors.InvalidTopicException(name,
                    "names starting with '__' are reserved for Rivulet's internal topics");
        }
        if (topics.containsKey(name)) {
            throw new TopicExistsException(name);
        }
        int count = partitions <= 0 ? defaultPartitions : partitions;
        if (count > 100_000) {
            throw new InvalidConfigException("partitions", count, "at most 100000 partitions per topic");
        }
        TopicSettings.apply(defaults, overrides); // validate before touching the disk
        store.create(name, count, overrides, false);
        Topic t = open(name, count, overrides, false);
        topics.put(name, t);
        listeners.forEach(l -> l.accept(name));
        return t;
    }

    /**
     * Opens a topic of the cluster metadata on this node, creating its local directory the first time, with no
     * partition: {@link #host} opens each one this node replicates. Unlike {@link #create} it takes any name the
     * metadata holds (internal ones too) and never fails because the topic exists: the metadata, not this
     * node, decided the topic is there.
     */
    public synchronized Topic openReplicated(String name, int partitions, Map<String, String> overrides) {
        ensureOpen();
        Topic t = topics.get(name);
        if (t != null) {
            if (!t.sparse()) {
                // written by a release that kept every partition on every node: from now on only the hosted ones
                store.markSparse(name, t.partitionCount(), t.overrides());
                t.markSparse();
            }
            return t;
        }
        TopicSettings.apply(defaults, overrides);
        store.create(name, partitions, overrides, true);
        t = open(name, partitions, overrides, true);
        topics.put(name, t);
        listeners.forEach(l -> l.accept(name));
        return t;
    }

    /** The topic, created with the defaults first if it is missing and auto-creation is on. */
    public Topic getOrCreate(String name) {
        Topic t = topics.get(name);
        if (t != null) {
            return t;
        }
        if (!autoCreate) {
            TopicNames.validate(name);
            metrics.errors(ErrorCode.UNKNOWN_TOPIC);
            throw new UnknownTopicException(name);
        }
        synchronized (this) {
            t = topics.get(name);
            return t != null ? t : create(name, 0, Map.of());
        }
    }

    /** As {@link #getOrCreate}: this node always knows its topics. */
    @Override
    public Topic layout(String name) {
        return getOrCreate(name);
    }

    /** Never needed here: {@link #layout} answers at once. */
    @Override
    public void await(String name, Runnable then, Consumer<Throwable> failed) {
        then.run();
    }

    /** The topic, or {@link UnknownTopicException}. */
    public Topic get(String name) {
        Topic t = topics.get(name);
        if (t == null) {
            ensureOpen();
            TopicNames.validate(name);
            metrics.errors(ErrorCode.UNKNOWN_TOPIC);
            throw new UnknownTopicException(name);
        }
        return t;
    }

    /** The topic, or null if there is none by that name. */
    public Topic find(String name) {
        return topics.get(name);
    }

    public Partition partition(TopicPartition tp) {
        return get(tp.topic()).partition(tp.partition());
    }

    /** As {@link #partition}, creating the topic first as {@link #getOrCreate} does. */
    public Partition partitionOrCreate(TopicPartition tp) {
        return getOrCreate(tp.topic()).partition(tp.partition());
    }

    public boolean exists(String name) {
        return topics.containsKey(name);
    }

    public List<String> names() {
        return topics.keySet().stream().sorted().toList();
    }

    public List<Topic> all() {
        return new ArrayList<>(topics.values());
    }

    /** Closes the topic's partitions (readers see the close) and removes its files. */
    public synchronized void delete(String name) {
        ensureOpen();
        Topic t = get(name);
        topics.remove(name);
        try {
            t.close();
        } finally {
            store.delete(name);
            metrics.topicDeleted(name);
            listeners.forEach(l -> l.accept(name));
        }
    }

    /**
     * Opens partition {@code tp} on this node (creating its empty log the first time): the metadata made this
     * node one of its replicas. Returns the partition, already open if it was. Blocking file work: call it off
     * the event loops.
     */
    public synchronized Partition host(TopicPartition tp) {
        ensureOpen();
        Topic t = get(tp.topic());
        Optional<Partition> open = t.hosted(tp.partition());
        if (open.isPresent()) {
            return open.get();
        }
        t.checkRange(tp.partition());
        Partition p = openPartition(tp, t.config(), true);
        t.hostSlot(tp.partition(), p);
        return p;
    }

    /**
     * Closes partition {@code tp} and deletes its files: this node is no longer one of its replicas. Lookups
     * answer {@link PartitionNotHostedException} from the moment the slot empties; readers holding the
     * partition see it close. Returns whether it was hosted. Blocking file work: call it off the event loops.
     */
    public synchronized boolean unhost(TopicPartition tp) {
        ensureOpen();
        Topic t = topics.get(tp.topic());
        if (t == null) {
            return false;
        }
        Partition p = t.clearSlot(tp.partition());
        try {
            if (p != null) {
                p.close();
            }
        } finally {
            store.deletePartition(tp.topic(), tp.partition()); // also a directory a failed open left behind
        }
        return p != null;
    }

    /** Called with a topic's name after it is created or deleted. */
    public void onChange(Consumer<String> listener) {
        listeners.add(listener);
    }

    /** Opens the topic's partitions: all of them, or for a sparse topic those with a directory here. */
    private Topic open(String name, int count, Map<String, String> overrides, boolean sparse) {
        LogConfig config = TopicSettings.apply(defaults, overrides);
        List<Partition> slots = new ArrayList<>(count);
        try {
            for (int p = 0; p < count; p++) {
                boolean held = !sparse || store.hasPartition(name, p);
                slots.add(held ? openPartition(new TopicPartition(name, p), config, sparse) : null);
            }
        } catch (RuntimeException e) {
            slots.stream().filter(Objects::nonNull).forEach(Partition::close);
            if (!topics.containsKey(name)) {
                metrics.topicDeleted(name); // the topic meters its opened partitions registered
            }
            throw e;
        }
        return new Topic(name, overrides, config, sparse, slots);
    }

    /**
     * Opens a partition's log. A cluster's partition (sparse) starts as a follower of no one, refusing writes
     * until the replica manager gives it its role: a partition opens as a single node's leader, and a batch
     * appended as that in the moment before would be in no leader's log.
     */
    private Partition openPartition(TopicPartition tp, LogConfig config, boolean sparse) {
        try {
            Path dir = store.partitionDir(tp.topic(), tp.partition());
            Partition p = new Partition(tp, PartitionLog.open(dir, config, Clock.systemUTC(), io), metrics);
            if (sparse) {
                p.becomeFollower(-1, -1);
            }
            return p;
        } catch (RuntimeException e) {
            RivuletException translated = StorageErrors.translate(tp, e);
            metrics.errors(translated.code());
            throw translated;
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new RivuletClosedException("the engine");
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        RuntimeException first = null;
        for (Topic t : topics.values()) {
            try {
                t.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        topics.clear();
        if (first != null) {
            throw first;
        }
    }
}
