package io.rivulet.engine.kafka.group;

import io.rivulet.api.TopicPartition;
import io.rivulet.engine.group.classic.ClassicCoordinator;
import io.rivulet.engine.group.classic.ClassicGroupDescription;
import io.rivulet.engine.group.classic.ClassicGroupState;
import io.rivulet.engine.group.classic.ConsumerAssignment;
import io.rivulet.engine.kafka.ApiHandler;
import io.rivulet.engine.kafka.KafkaRequest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.message.DescribeGroupsResponseData.DescribedGroup;
import org.apache.kafka.common.message.DescribeGroupsResponseData.DescribedGroupMember;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * DescribeGroups: each group's state, protocol and members with their metadata and assignment. A Rivulet group's
 * members get their partitions encoded as a consumer-protocol assignment, so Kafka's tools can show them. An
 * unknown group is {@code Dead}, with {@code GROUP_ID_NOT_FOUND} from v6 (before, no error, as Kafka answers).
 */
final class DescribeGroupsHandler implements ApiHandler {
    private final Supplier<ClassicCoordinator> groups;

    DescribeGroupsHandler(Supplier<ClassicCoordinator> groups) {
        this.groups = groups;
    }

    @Override
    public Mono<ApiMessage> handle(KafkaRequest request) {
        DescribeGroupsRequestData in = (DescribeGroupsRequestData) request.body();
        short v = request.version();
        return Flux.fromIterable(in.groups())
                .concatMap(id -> groups.get().describeGroup(id)
                        .map(d -> described(d, v))
                        .onErrorResume(e -> Mono.just(failed(id, GroupErrors.of(e)))))
                .collectList()
                .map(list -> (ApiMessage) new DescribeGroupsResponseData().setGroups(list));
    }

    private static DescribedGroup described(ClassicGroupDescription d, short v) {
        DescribedGroup out = new DescribedGroup().setGroupId(d.groupId()).setGroupState(d.state().kafkaName())
                .setProtocolType(d.protocolType()).setProtocolData(d.protocolName());
        if (d.state() == ClassicGroupState.DEAD && v >= 6) {
            out.setErrorCode(Errors.GROUP_ID_NOT_FOUND.code())
                    .setErrorMessage("group '" + d.groupId() + "' has no members and no committed offsets");
        }
        List<DescribedGroupMember> members = new ArrayList<>();
        for (ClassicGroupDescription.Member m : d.members()) {
            DescribedGroupMember member = new DescribedGroupMember().setMemberId(m.memberId())
                    .setClientId(m.clientId()).setClientHost(m.clientHost()).setMemberMetadata(m.metadata())
                    .setMemberAssignment(assignment(d.protocolType(), m));
            if (v >= 4) {
                member.setGroupInstanceId(m.groupInstanceId());
            }
            members.add(member);
        }
        return out.setMembers(members);
    }

    /** The member's assignment bytes; for a Rivulet member (no bytes, known partitions), a consumer assignment. */
    private static byte[] assignment(String protocolType, ClassicGroupDescription.Member m) {
        if (m.assignment().length > 0 || m.partitions().isEmpty()
                || !ConsumerAssignment.PROTOCOL_TYPE.equals(protocolType)) {
            return m.assignment();
        }
        List<org.apache.kafka.common.TopicPartition> partitions = new ArrayList<>();
        for (TopicPartition tp : m.partitions()) {
            partitions.add(new org.apache.kafka.common.TopicPartition(tp.topic(), tp.partition()));
        }
        ByteBuffer b = ConsumerProtocol.serializeAssignment(new ConsumerPartitionAssignor.Assignment(partitions));
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static DescribedGroup failed(String groupId, Errors error) {
        return new DescribedGroup().setGroupId(groupId).setErrorCode(error.code()).setGroupState("")
                .setProtocolType("").setProtocolData("");
    }
}
