package io.rivulet.engine.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The active controller's periodic duty: on the Raft leader only, fence nodes that went silent and
 * unfence nodes that came back ({@link LivenessCheck}), through ordinary replicated commands.
 *
 * <p>At most one command per node is in flight, so a slow commit does not queue duplicates.
 * Threading: {@link #tick} runs on the quorum's timer thread; submissions complete on Ratis threads.
 */
final class ControllerDuty {

    private static final Logger log = LoggerFactory.getLogger(ControllerDuty.class);

    private final int nodeId;
    private final HeartbeatTable heartbeats;
    private final Supplier<ClusterImage> image;
    private final BooleanSupplier isLeader;
    private final Function<MetadataCommand, Mono<MetadataResult>> submit;
    private final LongSupplier nanoTime;
    private final long sessionTimeoutNanos;
    private final Set<Integer> inFlight = ConcurrentHashMap.newKeySet();

    ControllerDuty(int nodeId, HeartbeatTable heartbeats, Supplier<ClusterImage> image, BooleanSupplier isLeader,
                   Function<MetadataCommand, Mono<MetadataResult>> submit, LongSupplier nanoTime, Duration sessionTimeout) {
        this.nodeId = nodeId;
        this.heartbeats = heartbeats;
        this.image = image;
        this.isLeader = isLeader;
        this.submit = submit;
        this.nanoTime = nanoTime;
        this.sessionTimeoutNanos = sessionTimeout.toNanos();
    }

    /** One round: if this node leads, submits the fence and unfence commands now due. */
    void tick() {
        if (!isLeader.getAsBoolean()) {
            return;
        }
        for (MetadataCommand command : LivenessCheck.due(image.get(), heartbeats, nanoTime.getAsLong(), sessionTimeoutNanos)) {
            int target = command instanceof MetadataCommand.FenceNode f ? f.nodeId()
                    : ((MetadataCommand.UnfenceNode) command).nodeId();
            if (!inFlight.add(target)) {
                continue;
            }
            log.info("controller {}: {} node {}", nodeId,
                    command instanceof MetadataCommand.FenceNode ? "fencing silent" : "unfencing returning", target);
            submit.apply(command)
                    .doFinally(signal -> inFlight.remove(target))
                    .subscribe(
                            result -> {
                                if (!result.ok()) {
                                    log.warn("controller {}: {} refused: {}", nodeId, command, result.message());
                                }
                            },
                            error -> log.debug("controller {}: {} failed: {}", nodeId, command, error.toString()));
        }
    }
}
