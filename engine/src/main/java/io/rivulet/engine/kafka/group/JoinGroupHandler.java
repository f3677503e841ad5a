package io.rivulet.engine.kafka.group;

import io.rivulet.engine.group.classic.ClassicCoordinator;
import io.rivulet.engine.group.classic.ClassicError;
import io.rivulet.engine.group.classic.ClassicJoinRequest;
import io.rivulet.engine.group.classic.ClassicJoinResponse;
import io.rivulet.engine.group.classic.ClassicProtocol;
import io.rivulet.engine.kafka.ApiHandler;
import io.rivulet.engine.kafka.KafkaRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupRequestData.JoinGroupRequestProtocol;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.JoinGroupResponseData.JoinGroupResponseMember;
import org.apache.kafka.common.protocol.ApiMessage;
import reactor.core.publisher.Mono;

/**
 * JoinGroup: the answer is held by the group's join barrier. v0 has no rebalance timeout (the session timeout
 * stands in); v4+ first joins get {@code MEMBER_ID_REQUIRED} with an id; v5+ carry {@code group.instance.id};
 * v7+ answer with the protocol type, and a null protocol name on errors (older versions cannot carry null).
 */
final class JoinGroupHandler implements ApiHandler {
    private final Supplier<ClassicCoordinator> groups;

    JoinGroupHandler(Supplier<ClassicCoordinator> groups) {
        this.groups = groups;
    }

    @Override
    public Mono<ApiMessage> handle(KafkaRequest request) {
        JoinGroupRequestData in = (JoinGroupRequestData) request.body();
        short v = request.version();
        List<ClassicProtocol> protocols = new ArrayList<>();
        for (JoinGroupRequestProtocol p : in.protocols()) {
            protocols.add(new ClassicProtocol(p.name(), p.metadata() == null ? new byte[0] : p.metadata()));
        }
        ClassicJoinRequest join = new ClassicJoinRequest(in.groupId(), in.memberId(),
                v >= 5 ? in.groupInstanceId() : null, request.clientId(), GroupErrors.clientHost(request.peer()),
                in.sessionTimeoutMs(), v >= 1 ? in.rebalanceTimeoutMs() : in.sessionTimeoutMs(), in.protocolType(),
                protocols, v >= 4);
        return groups.get().join(join)
                .map(r -> (ApiMessage) response(r, v))
                .onErrorResume(e -> Mono.just(response(ClassicJoinResponse.failed(ClassicError.NONE, in.memberId()), v)
                        .setErrorCode(GroupErrors.of(e).code())));
    }

    static JoinGroupResponseData response(ClassicJoinResponse r, short v) {
        JoinGroupResponseData out = new JoinGroupResponseData()
                .setErrorCode(GroupErrors.code(r.error()))
                .setGenerationId(r.generation())
                .setLeader(r.leaderId())
                .setMemberId(r.memberId());
        if (v >= 7) {
            out.setProtocolType(r.protocolType()).setProtocolName(r.protocolName());
        } else {
            out.setProtocolName(r.protocolName() == null ? "" : r.protocolName());
        }
        List<JoinGroupResponseMember> members = new ArrayList<>();
        for (ClassicJoinResponse.Member m : r.members()) {
            JoinGroupResponseMember member = new JoinGroupResponseMember().setMemberId(m.memberId())
                    .setMetadata(m.metadata());
            if (v >= 5) {
                member.setGroupInstanceId(m.groupInstanceId());
            }
            members.add(member);
        }
        return out.setMembers(members);
    }
}
