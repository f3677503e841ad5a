package io.rivulet.engine.kafka.group;

import io.rivulet.engine.group.classic.ClassicCoordinator;
import io.rivulet.engine.group.classic.ClassicError;
import io.rivulet.engine.group.classic.ClassicLeaveRequest;
import io.rivulet.engine.group.classic.ClassicLeaveResponse;
import io.rivulet.engine.kafka.ApiHandler;
import io.rivulet.engine.kafka.KafkaRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupRequestData.MemberIdentity;
import org.apache.kafka.common.message.LeaveGroupResponseData;
import org.apache.kafka.common.message.LeaveGroupResponseData.MemberResponse;
import org.apache.kafka.common.protocol.ApiMessage;
import reactor.core.publisher.Mono;

/**
 * LeaveGroup: v0-2 name one dynamic member and get its answer as the top-level error; v3+ name several (static
 * ones by {@code group.instance.id}) and get one answer each.
 */
final class LeaveGroupHandler implements ApiHandler {
    private final Supplier<ClassicCoordinator> groups;

    LeaveGroupHandler(Supplier<ClassicCoordinator> groups) {
        this.groups = groups;
    }

    @Override
    public Mono<ApiMessage> handle(KafkaRequest request) {
        LeaveGroupRequestData in = (LeaveGroupRequestData) request.body();
        short v = request.version();
        List<ClassicLeaveRequest.Leaving> leaving = new ArrayList<>();
        if (v >= 3) {
            for (MemberIdentity m : in.members()) {
                leaving.add(new ClassicLeaveRequest.Leaving(m.memberId(), m.groupInstanceId()));
            }
        } else {
            leaving.add(new ClassicLeaveRequest.Leaving(in.memberId(), null));
        }
        return groups.get().leave(new ClassicLeaveRequest(in.groupId(), leaving))
                .map(r -> response(r, v))
                .onErrorResume(e -> Mono.just(new LeaveGroupResponseData().setErrorCode(GroupErrors.of(e).code())));
    }

    private static ApiMessage response(ClassicLeaveResponse r, short v) {
        LeaveGroupResponseData out = new LeaveGroupResponseData();
        if (v < 3) {
            ClassicError e = r.error() != ClassicError.NONE || r.members().isEmpty() ? r.error()
                    : r.members().get(0).error();
            return out.setErrorCode(GroupErrors.code(e));
        }
        List<MemberResponse> members = new ArrayList<>();
        for (ClassicLeaveResponse.MemberResult m : r.members()) {
            members.add(new MemberResponse().setMemberId(m.memberId()).setGroupInstanceId(m.groupInstanceId())
                    .setErrorCode(GroupErrors.code(m.error())));
        }
        return out.setErrorCode(GroupErrors.code(r.error())).setMembers(members);
    }
}
