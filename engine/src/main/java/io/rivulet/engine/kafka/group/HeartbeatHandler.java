package io.rivulet.engine.kafka.group;

import io.rivulet.engine.group.classic.ClassicCoordinator;
import io.rivulet.engine.group.classic.ClassicHeartbeatRequest;
import io.rivulet.engine.kafka.ApiHandler;
import io.rivulet.engine.kafka.KafkaRequest;
import java.util.function.Supplier;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.protocol.ApiMessage;
import reactor.core.publisher.Mono;

/** Heartbeat: keeps a member's session; {@code REBALANCE_IN_PROGRESS} tells it to rejoin. v3+ carry {@code group.instance.id}. */
final class HeartbeatHandler implements ApiHandler {
    private final Supplier<ClassicCoordinator> groups;

    HeartbeatHandler(Supplier<ClassicCoordinator> groups) {
        this.groups = groups;
    }

    @Override
    public Mono<ApiMessage> handle(KafkaRequest request) {
        HeartbeatRequestData in = (HeartbeatRequestData) request.body();
        ClassicHeartbeatRequest beat = new ClassicHeartbeatRequest(in.groupId(), in.generationId(), in.memberId(),
                request.version() >= 3 ? in.groupInstanceId() : null);
        return groups.get().heartbeat(beat)
                .map(e -> (ApiMessage) new HeartbeatResponseData().setErrorCode(GroupErrors.code(e)))
                .onErrorResume(e -> Mono.just(new HeartbeatResponseData().setErrorCode(GroupErrors.of(e).code())));
    }
}
