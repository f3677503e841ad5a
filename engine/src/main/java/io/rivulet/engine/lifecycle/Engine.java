package io.rivulet.engine.lifecycle;

import io.rivulet.engine.group.GroupCoordinator;
import io.rivulet.engine.group.LocalGroupCoordinator;
import io.rivulet.engine.group.classic.ClassicCoordinator;
import io.rivulet.engine.metrics.EngineMetrics;
import io.rivulet.engine.topic.Topic;
import io.rivulet.engine.topic.TopicRegistry;
import io.rivulet.engine.partition.Partition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One node's running engine on a data directory: the lock, the topics, and the threads everything
 * runs on. The threads are few and named, each pool bounded:
 * <ul>
 *   <li>{@code rivulet-append-N} — appends batches (one writer per partition at a time);</li>
 *   <li>{@code rivulet-send-N} — asks producers' sources for more records, apart from the appenders;</li>
 *   <li>{@code rivulet-fetch-N} — reads and decodes for partition streams;</li>
 *   <li>{@code rivulet-io-N} — blocking file work: preparing segments;</li>
 *   <li>{@code rivulet-admin-N} — admin requests that create or delete files;</li>
 *   <li>{@code rivulet-groups-N} — group session timers, member heartbeats and commits;</li>
 *   <li>{@code rivulet-maintenance} — retention and time-based flushes on a schedule, and stall checks.</li>
 * </ul>
 * Its meters ({@link #metrics()}) are registered as its parts open and removed when it closes.
 */
public final class Engine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    private final Path dataDir;
    private final EngineConfig config;
    private final DataDirLock lock;
    private final EngineMetrics metrics;
    private final ThreadPoolExecutor io;
    private final Scheduler appendScheduler;
    private final Scheduler fetchScheduler;
    private final Scheduler sendScheduler;
    private final Scheduler adminScheduler;
    private final Scheduler maintenanceScheduler;
    private final TopicRegistry topics;
    private final Scheduler groupScheduler;
    private final LocalGroupCoordinator groups;
    private volatile GroupCoordinator served;
    private volatile ClassicCoordinator servedClassic;
    private final Disposable maintenance;
    private final Disposable stallChecks;
    private final List<AutoCloseable> closeFirst = new ArrayList<>();
    private volatile boolean closed;

    private Engine(Path dataDir, EngineConfig config) {
        this.dataDir = dataDir;
        this.config = config;
        this.lock = DataDirLock.acquire(dataDir);
        this.metrics = new EngineMetrics();
        int cores = Runtime.getRuntime().availableProcessors();
        this.io = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(4096),
                named("rivulet-io"));
        this.io.allowCoreThreadTimeOut(true);
        this.appendScheduler = Schedulers.newParallel("rivulet-append", Math.max(2, cores), true);
        this.fetchScheduler = Schedulers.newParallel("rivulet-fetch", Math.max(2, cores), true);
        this.sendScheduler = Schedulers.newParallel("rivulet-send", Math.max(2, cores), true);
        this.adminScheduler = Schedulers.newBoundedElastic(Math.max(2, cores), 1024, "rivulet-admin", 30, true);
        this.maintenanceScheduler = Schedulers.newSingle("rivulet-maintenance", true);
        TopicRegistry registry;
        try {
            registry = new TopicRegistry(dataDir, config.logDefaults(), config.numPartitions(),
                    config.autoCreateTopics(), io, metrics);
        } catch (RuntimeException e) {
            shutDownThreads();
            metrics.close();
            lock.close();
            throw e;
        }
        this.topics = registry;
        this.groupScheduler = Schedulers.newParallel("rivulet-groups", 2, true);
        try {
            this.groups = LocalGroupCoordinator.open(dataDir.resolve(LocalGroupCoordinator.OFFSETS_LOG_DIR),
                    new RegistryMetadata(registry), groupScheduler, adminScheduler, metrics.groups(), config.classicGroups());
        } catch (RuntimeException e) {
            registry.close();
            shutDownThreads();
            metrics.close();
            lock.close();
            throw e;
        }
        registry.onChange(name -> {
            if (registry.exists(name)) {
                groups.topicsChanged();
            } else {
                groups.topicDeleted(name);
            }
        });
        closeFirst.add(groups);
        this.served = groups;
        this.servedClassic = groups.classic();
        long every = config.retentionCheckIntervalMs();
        this.maintenance = maintenanceScheduler.schedulePeriodically(this::maintain, every, every, TimeUnit.MILLISECONDS);
        this.stallChecks = maintenanceScheduler.schedulePeriodically(metrics::checkStalls, 1, 1, TimeUnit.SECONDS);
    }

    /** Opens the engine on {@code dataDir} (created if missing) with Kafka-named settings. */
    public static Engine open(Path dataDir, Map<String, String> settings) {
        return new Engine(dataDir.toAbsolutePath().normalize(), EngineConfig.from(settings));
    }

    public Path dataDir() {
        return dataDir;
    }

    public EngineConfig config() {
        return config;
    }

    /** This engine's meters: {@code metrics().scrape()} is the Prometheus text a node serves on /metrics. */
    public EngineMetrics metrics() {
        return metrics;
    }

    public TopicRegistry topics() {
        return topics;
    }

    public Scheduler appendScheduler() {
        return appendScheduler;
    }

    /** Where producers ask their sources for more records (see {@code InOrderSend}). */
    public Scheduler sendScheduler() {
        return sendScheduler;
    }

    public Scheduler fetchScheduler() {
        return fetchScheduler;
    }

    public Scheduler adminScheduler() {
        return adminScheduler;
    }

    /** The consumer-group coordinator of this node. */
    public LocalGroupCoordinator groups() {
        return groups;
    }

    /**
     * The coordinator remote clients reach through this node's listeners: this node's own ({@link #groups()}),
     * unless a cluster node replaced it with the cluster's ({@link #serveGroupsWith}).
     */
    public GroupCoordinator servedGroups() {
        return served;
    }

    /**
     * Serves remote group requests with {@code coordinator} instead of this node's own; a cluster node calls it
     * before its listeners start. Consumers in this process keep using {@link #groups()}.
     */
    public void serveGroupsWith(GroupCoordinator coordinator, ClassicCoordinator classic) {
        this.served = java.util.Objects.requireNonNull(coordinator);
        this.servedClassic = java.util.Objects.requireNonNull(classic);
    }

    /**
     * The coordinator of Kafka classic-protocol groups that the Kafka listener uses: this node's own
     * ({@code groups().classic()}), unless a cluster node replaced it with the cluster's ({@link #serveGroupsWith}).
     */
    public ClassicCoordinator servedClassicGroups() {
        return servedClassic;
    }

    /** Heartbeat and commit timers of group members. */
    public Scheduler groupScheduler() {
        return groupScheduler;
    }

    public Scheduler maintenanceScheduler() {
        return maintenanceScheduler;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Registers something (a producer, a consumer, the group coordinator) closed before the logs. */
    public synchronized void closeBeforeLogs(AutoCloseable c) {
        closeFirst.add(c);
    }

    public synchronized void forget(AutoCloseable c) {
        closeFirst.remove(c);
    }

    /** Retention and due flushes for every partition; one failing partition does not stop the others. */
    public void maintain() {
        for (Topic t : topics.all()) {
            for (Partition p : t.partitions()) {
                try {
                    p.maintain();
                } catch (RuntimeException e) {
                    if (!p.isClosed()) {
                        LOG.warn("maintenance of {} failed: {}", p.id(), e.toString());
                    }
                }
            }
        }
    }

    /** Closes producers and consumers, then flushes and closes every log, then the threads and the lock. */
    @Override
    public void close() {
        List<AutoCloseable> first;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            first = new ArrayList<>(closeFirst);
            closeFirst.clear();
        }
        maintenance.dispose();
        stallChecks.dispose();
        for (int i = first.size() - 1; i >= 0; i--) {
            try {
                first.get(i).close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", first.get(i), e.toString());
            }
        }
        try {
            topics.close();
        } finally {
            shutDownThreads();
            metrics.close();
            lock.close();
        }
    }

    private void shutDownThreads() {
        maintenanceScheduler.dispose();
        if (groupScheduler != null) {
            groupScheduler.dispose();
        }
        appendScheduler.dispose();
        fetchScheduler.dispose();
        sendScheduler.dispose();
        adminScheduler.dispose();
        io.shutdown();
        try {
            if (!io.awaitTermination(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS)) {
                io.shutdownNow();
            }
        } catch (InterruptedException e) {
            io.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
