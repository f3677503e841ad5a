package io.rivulet.engine.cluster;

import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.RivuletException;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.exceptions.TimeoutIOException;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One node's part in the cluster metadata: a Raft server if the node is a controller, and on every
 * node a Raft client that submits commands, heartbeats, and learns the image.
 *
 * <p>On start the node registers itself ({@link MetadataCommand.RegisterNode}), retrying with backoff
 * until the quorum answers, and heartbeats every {@code heartbeatInterval} as a read-only query, which
 * keeps liveness out of the Raft log. The Raft leader answers a heartbeat with its image when the
 * caller's is older, so nodes outside the controller list learn the image too; a controller also
 * learns it by applying the log. The leader fences nodes silent for longer than the session timeout
 * ({@link ControllerDuty}).
 *
 * <p>Threading: thread-safe. {@link #start} and {@link #close} block (binding ports, starting and
 * stopping Ratis) and must not run on an event loop; everything else returns at once. Listeners run
 * on the thread {@code rivulet-metadata-<node>}; heartbeats and the controller duty on
 * {@code rivulet-metadata-timer-<node>}.
 */
public final class MetadataQuorum implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MetadataQuorum.class);

    /** How long a command may wait for the quorum before it fails with {@link ErrorCode#TIMEOUT}. */
    static final Duration SUBMIT_TIMEOUT = Duration.ofSeconds(15);
    private static final int CLIENT_ATTEMPTS = 40;

    private final ClusterSettings settings;
    private final ImagePublisher publisher;
    private final MetadataStateMachine stateMachine;
    private final RaftServer server;
    private final RaftServer.Division division;
    private final RaftGroup group;
    private volatile RaftClient client;
    private final ScheduledExecutorService timer;
    private final AtomicBoolean heartbeatInFlight = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Mono<Void> registered;
    private final Disposable registration;
    /** Fails registration when a TLS mismatch shows this node can never join (see {@link TransportCheck}). */
    private final Sinks.One<Void> refused = Sinks.one();
    private final TransportCheck transportCheck;
    private volatile int controllerId = -1;

    private MetadataQuorum(ClusterSettings settings, long snapshotThreshold) throws IOException {
        this.settings = settings;
        this.publisher = new ImagePublisher(settings.nodeId());
        RaftGroup group = QuorumPeers.group(settings.controllers());
        this.group = group;
        ControllerAddress me = settings.controllers().stream()
                .filter(c -> c.id() == settings.nodeId()).findFirst().orElse(null);
        HeartbeatTable heartbeats = new HeartbeatTable();
        RaftServer raftServer = null;
        RaftClient raftClient = null;
        try {
            if (me != null) {
                stateMachine = new MetadataStateMachine(heartbeats, publisher, id -> controllerId = id, System::nanoTime);
                Files.createDirectories(settings.metadataDir());
                raftServer = RaftServer.newBuilder()
                        .setServerId(QuorumPeers.peerId(settings.nodeId()))
                        .setGroup(group)
                        .setProperties(QuorumPeers.server(settings, me, snapshotThreshold))
                        .setParameters(QuorumPeers.parameters(settings))
                        .setStateMachine(stateMachine)
                        .setOption(hasRaftStorage(settings.metadataDir())
                                ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
                        .build();
                raftServer.start();
                division = raftServer.getDivision(QuorumPeers.GROUP_ID);
            } else {
                stateMachine = null;
                division = null;
            }
            raftClient = newClient(settings, group);
        } catch (IOException | RuntimeException e) {
            closeQuietly(raftClient);
            closeQuietly(raftServer);
            publisher.close();
            throw e;
        }
        this.server = raftServer;
        this.client = raftClient;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rivulet-metadata-timer-" + settings.nodeId());
            t.setDaemon(true);
            return t;
        });
        long interval = settings.heartbeatInterval().toNanos();
        timer.scheduleWithFixedDelay(this::heartbeat, 0, interval, TimeUnit.NANOSECONDS);
        if (stateMachine != null) {
            ControllerDuty duty = new ControllerDuty(settings.nodeId(), heartbeats, stateMachine::image,
                    this::leadsQuorum, this::submit, System::nanoTime, settings.sessionTimeout());
            timer.scheduleWithFixedDelay(duty::tick, interval, interval, TimeUnit.NANOSECONDS);
        }
        this.transportCheck = TransportCheck.start(settings, mismatch -> refused.tryEmitError(
                new RivuletException(ErrorCode.INVALID_CONFIG, "node " + settings.nodeId() + " cannot join its cluster: "
                        + mismatch)));
        Mono<Void> registering = submit(new MetadataCommand.RegisterNode(settings.self()))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(100)).maxBackoff(Duration.ofSeconds(2))
                        .filter(e -> e instanceof RivuletException r && r.retriable() && !closed.get()))
                .flatMap(result -> result.ok() ? Mono.<Void>empty() : Mono.<Void>error(result.toException()));
        // whichever comes first: the registration, or the proof that it can never come
        this.registered = Mono.firstWithSignal(registering, refused.asMono())
                .doFinally(signal -> transportCheck.close())
                .cache();
        this.registration = registered.subscribe(null,
                e -> log.warn("node {} could not register with the cluster: {}", settings.nodeId(), e.getMessage()));
    }

    /**
     * Starts this node's part: binds the Raft server's port if the node is a controller (formatting
     * {@code metadataDir} the first time, recovering from it after), then registers and heartbeats in
     * the background. Blocks while Ratis starts; call it from a thread that may block.
     *
     * @throws UncheckedIOException if the Raft server cannot start (port taken, storage unreadable)
     */
    public static MetadataQuorum start(ClusterSettings settings) {
        return start(settings, QuorumPeers.SNAPSHOT_THRESHOLD);
    }

    /** {@link #start(ClusterSettings)} with another snapshot threshold (tests snapshot after a few entries). */
    static MetadataQuorum start(ClusterSettings settings, long snapshotThreshold) {
        try {
            return new MetadataQuorum(settings, snapshotThreshold);
        } catch (IOException e) {
            throw new UncheckedIOException("node " + settings.nodeId() + " could not start its metadata quorum: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Replicates {@code command} and completes with its result once it is committed and applied, and
     * once this node's listeners have seen the resulting image (or a few seconds passed). A refusal is
     * a result, not an error; the Mono fails with a {@link RivuletException} of code
     * {@link ErrorCode#TIMEOUT} or {@link ErrorCode#DISCONNECTED} only when the quorum cannot be
     * reached, in which case the command may or may not have been applied, or
     * {@link ErrorCode#CLOSED} after {@link #close}.
     */
    public Mono<MetadataResult> submit(MetadataCommand command) {
        byte[] bytes = MetadataCodec.encode(command);
        if (closed.get()) {
            return Mono.error(new RivuletException(ErrorCode.CLOSED,
                    "the metadata quorum of node " + settings.nodeId() + " is closed"));
        }
        return Mono.fromFuture(() -> client.async().send(Message.valueOf(ByteString.copyFrom(bytes))))
                .doOnError(this::replaceClientIfClosed)
                .timeout(SUBMIT_TIMEOUT)
                .onErrorMap(e -> !(e instanceof RivuletException), e -> transportError(command, e))
                .flatMap(reply -> {
                    if (!reply.isSuccess()) {
                        replaceClientIfClosed(reply.getException());
                        return Mono.error(transportError(command, reply.getException()));
                    }
                    noteController(reply);
                    QuorumCodec.CommandReply answer = QuorumCodec.decodeCommandReply(reply.getMessage().getContent().toByteArray());
                    return caughtUp(answer.imageVersion()).thenReturn(answer.result());
                });
    }

    /**
     * Completes once {@link #registered} this node's endpoint with the quorum; fails with
     * {@link ErrorCode#INVALID_CONFIG} when a TLS mismatch with the controllers means it never will.
     */
    public Mono<Void> registered() {
        return registered;
    }

    /** What this node learnt of the controllers' TLS while it waited to register, for a message when it gives up. */
    public String transportOutcomes() {
        return transportCheck.lastOutcomes();
    }

    /** The newest image this node knows. */
    public ClusterImage image() {
        return publisher.newest();
    }

    /**
     * Calls {@code listener} on the metadata thread, first with the current image (soon, not inside
     * this call), then with every newer image, in version order. When images come faster than the
     * listeners take them, a listener is given the newest and skips those between.
     */
    public void onImage(Consumer<ClusterImage> listener) {
        publisher.addListener(listener);
    }

    /** The node id of the Raft leader (the active controller), or -1 if unknown. */
    public int controllerId() {
        return controllerId;
    }

    /** Stops heartbeats, the client and the Raft server; releases the port and the storage directory. Blocks. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        registration.dispose();
        transportCheck.close();
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(client);
        closeQuietly(server);
        publisher.close();
    }

    private static RaftClient newClient(ClusterSettings settings, RaftGroup group) {
        return RaftClient.newBuilder()
                .setProperties(QuorumPeers.client(settings))
                .setParameters(QuorumPeers.parameters(settings))
                .setRaftGroup(group)
                .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(CLIENT_ATTEMPTS,
                        QuorumPeers.duration(settings.electionTimeoutMin())))
                .build();
    }

    /**
     * A Ratis client whose retries ran out while the quorum was unreachable closes itself for good and fails
     * every later request; replace it, so the node recovers when the quorum returns instead of staying cut off.
     */
    private void replaceClientIfClosed(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof org.apache.ratis.protocol.exceptions.AlreadyClosedException && !closed.get()) {
                synchronized (this) {
                    RaftClient old = client;
                    if (old != null && !closed.get()) {
                        client = newClient(settings, group);
                        closeQuietly(old);
                        log.info("node {}: renewed its metadata client after it closed ({})", settings.nodeId(),
                                t.getMessage());
                    }
                }
                return;
            }
        }
    }

    private boolean leadsQuorum() {
        try {
            return division.getInfo().isLeaderReady();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void heartbeat() {
        if (closed.get() || !heartbeatInFlight.compareAndSet(false, true)) {
            return;
        }
        byte[] bytes = QuorumCodec.encode(new QuorumCodec.Heartbeat(settings.nodeId(), publisher.newest().version()));
        try {
            client.async().sendReadOnly(Message.valueOf(ByteString.copyFrom(bytes))).whenComplete((reply, error) -> {
                heartbeatInFlight.set(false);
                if (error != null || !reply.isSuccess()) {
                    replaceClientIfClosed(error != null ? error : reply.getException());
                    log.debug("node {}: heartbeat failed: {}", settings.nodeId(),
                            error != null ? error.toString() : reply.getException());
                    return;
                }
                noteController(reply);
                ClusterImage image = QuorumCodec.decodeHeartbeatReply(reply.getMessage().getContent().toByteArray());
                if (image != null) {
                    publisher.offer(image);
                }
            });
        } catch (RuntimeException e) {
            heartbeatInFlight.set(false);
            replaceClientIfClosed(e);
            log.debug("node {}: heartbeat not sent: {}", settings.nodeId(), e.toString());
        }
    }

    /** Waits (bounded) until listeners here have seen {@code version}, asking the leader at once if this node learns by heartbeat. */
    private Mono<Void> caughtUp(long version) {
        if (publisher.newest().version() < version && stateMachine == null && !closed.get()) {
            timer.execute(this::heartbeat);
        }
        return publisher.awaitDelivered(version).timeout(SUBMIT_TIMEOUT, Mono.empty());
    }

    private void noteController(RaftClientReply reply) {
        int id = QuorumPeers.nodeId(reply.getServerId());
        if (id >= 0) {
            controllerId = id;
        }
    }

    private RivuletException transportError(MetadataCommand command, Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RivuletException r) {
            return r;
        }
        String what = command.getClass().getSimpleName();
        if (cause instanceof TimeoutException || cause instanceof TimeoutIOException) {
            return new RivuletException(ErrorCode.TIMEOUT, what + " got no answer from the metadata quorum within "
                    + SUBMIT_TIMEOUT.toSeconds() + " s; is a majority of the controllers " + settings.controllers()
                    + " running?", cause);
        }
        return new RivuletException(ErrorCode.DISCONNECTED, what + " could not reach the metadata quorum "
                + settings.controllers() + ": " + cause, cause);
    }

    private static boolean hasRaftStorage(Path metadataDir) throws IOException {
        Path groupDir = metadataDir.resolve(QuorumPeers.GROUP_ID.getUuid().toString());
        if (!Files.isDirectory(groupDir)) {
            return false;
        }
        try (var entries = Files.list(groupDir)) {
            return entries.findAny().isPresent();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("closing {} failed: {}", closeable.getClass().getSimpleName(), e.toString());
        }
    }
}
