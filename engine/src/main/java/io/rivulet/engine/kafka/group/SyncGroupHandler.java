package io.rivulet.engine.kafka.group;

import io.rivulet.engine.group.classic.ClassicCoordinator;
import io.rivulet.engine.group.classic.ClassicSyncRequest;
import io.rivulet.engine.kafka.ApiHandler;
import io.rivulet.engine.kafka.KafkaRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupRequestData.SyncGroupRequestAssignment;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.ApiMessage;
import reactor.core.publisher.Mono;

/**
 * SyncGroup: a follower's answer is held until the leader's assignment arrives. v3+ carry
 * {@code group.instance.id}; v5+ carry the protocol type and name both ways (checked against the group's).
 */
final class SyncGroupHandler implements ApiHandler {
    private final Supplier<ClassicCoordinator> groups;

    SyncGroupHandler(Supplier<ClassicCoordinator> groups) {
        this.groups = groups;
    }

    @Override
    public Mono<ApiMessage> handle(KafkaRequest request) {
        SyncGroupRequestData in = (SyncGroupRequestData) request.body();
        short v = request.version();
        Map<String, byte[]> assignments = new HashMap<>();
        for (SyncGroupRequestAssignment a : in.assignments()) {
            assignments.put(a.memberId(), a.assignment() == null ? new byte[0] : a.assignment());
        }
        ClassicSyncRequest sync = new ClassicSyncRequest(in.groupId(), in.generationId(), in.memberId(),
                v >= 3 ? in.groupInstanceId() : null, v >= 5 ? in.protocolType() : null,
                v >= 5 ? in.protocolName() : null, assignments);
        return groups.get().sync(sync)
                .map(r -> {
                    SyncGroupResponseData out = new SyncGroupResponseData().setErrorCode(GroupErrors.code(r.error()))
                            .setAssignment(r.assignment());
                    if (v >= 5) {
                        out.setProtocolType(r.protocolType()).setProtocolName(r.protocolName());
                    }
                    return (ApiMessage) out;
                })
                .onErrorResume(e -> Mono.just(new SyncGroupResponseData().setErrorCode(GroupErrors.of(e).code())
                        .setAssignment(new byte[0])));
    }
}
