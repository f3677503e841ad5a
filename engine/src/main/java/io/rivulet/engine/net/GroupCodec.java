package io.rivulet.engine.net;

import io.netty.buffer.ByteBuf;
import io.rivulet.api.AssignmentStrategy;
import io.rivulet.api.GroupState;
import io.rivulet.api.TopicPartition;
import io.rivulet.engine.group.CommitRequest;
import io.rivulet.engine.group.CommitResponse;
import io.rivulet.engine.group.GroupError;
import io.rivulet.engine.group.HeartbeatRequest;
import io.rivulet.engine.group.HeartbeatResponse;
import io.rivulet.engine.group.JoinRequest;
import io.rivulet.engine.group.JoinResponse;
import io.rivulet.engine.group.LeaveRequest;
import io.rivulet.engine.group.LeaveResponse;
import io.rivulet.engine.group.MemberAssignment;
import io.rivulet.engine.group.OffsetFetchRequest;
import io.rivulet.engine.group.OffsetFetchResponse;

import java.util.Map;

/**
 * Bodies of the group requests: the {@link io.rivulet.engine.group.GroupCoordinator} calls, field by field.
 * Errors inside responses are {@link GroupError} ordinals (int8), as the coordinator answers them.
 *
 * <pre>
 * GROUP_JOIN           string group, string member (or null), string client, string host, list string topics,
 *                      int8 strategy, int64 session timeout ms       → int8 error, string message, string member, assignment?
 * GROUP_HEARTBEAT      string group, string member, int32 epoch, list partition owned   → int8 error, assignment?
 * GROUP_LEAVE          string group, string member                                       → int8 error
 * GROUP_COMMIT         string group, string member, int32 epoch, map partition → int64   → int8 error, int32 generation,
 *                                                                                        map partition → int8 error
 * GROUP_FETCH_OFFSETS  string group, list partition                                     → map partition → int64
 * GROUP_DELETE         string group                                                      → empty
 * GROUP_ALTER_OFFSETS  string group, map partition → int64                               → empty
 * GROUP_DELETE_OFFSETS string group, list partition                                     → empty
 * assignment?          int8 present; then int32 generation, list partition assigned, list partition pending, int8 state
 * </pre>
 */
public final class GroupCodec {
    private GroupCodec() {
    }

    public static void writeJoin(ByteBuf out, JoinRequest r) {
        WireFormat.writeString(out, r.groupId());
        WireFormat.writeString(out, r.memberId());
        WireFormat.writeString(out, r.clientId());
        WireFormat.writeString(out, r.host());
        WireFormat.writeList(out, r.topics(), WireFormat::writeString);
        out.writeByte(r.strategy().ordinal());
        out.writeLong(r.sessionTimeoutMs());
    }

    public static JoinRequest readJoin(ByteBuf in) {
        return new JoinRequest(WireFormat.readRequiredString(in, "group id"), WireFormat.readString(in),
                WireFormat.readRequiredString(in, "client id"), WireFormat.readRequiredString(in, "host"),
                WireFormat.readList(in, b -> WireFormat.readRequiredString(b, "topic")),
                AdminCodec.enumAt(AssignmentStrategy.values(), WireFormat.readUnsignedByte(in), "strategy"),
                WireFormat.readLong(in));
    }

    public static void writeJoinResponse(ByteBuf out, JoinResponse r) {
        out.writeByte(r.error().ordinal());
        WireFormat.writeString(out, r.errorMessage());
        WireFormat.writeString(out, r.memberId());
        writeAssignment(out, r.assignment());
    }

    public static JoinResponse readJoinResponse(ByteBuf in) {
        return new JoinResponse(error(in), WireFormat.readString(in), WireFormat.readString(in), readAssignment(in));
    }

    public static void writeHeartbeat(ByteBuf out, HeartbeatRequest r) {
        WireFormat.writeString(out, r.groupId());
        WireFormat.writeString(out, r.memberId());
        out.writeInt(r.memberEpoch());
        WireFormat.writeList(out, r.owned(), WireFormat::writePartition);
    }

    public static HeartbeatRequest readHeartbeat(ByteBuf in) {
        return new HeartbeatRequest(WireFormat.readRequiredString(in, "group id"),
                WireFormat.readRequiredString(in, "member id"), WireFormat.readInt(in),
                WireFormat.readSet(in, WireFormat::readPartition));
    }

    public static void writeHeartbeatResponse(ByteBuf out, HeartbeatResponse r) {
        out.writeByte(r.error().ordinal());
        writeAssignment(out, r.assignment());
    }

    public static HeartbeatResponse readHeartbeatResponse(ByteBuf in) {
        return new HeartbeatResponse(error(in), readAssignment(in));
    }

    public static void writeLeave(ByteBuf out, LeaveRequest r) {
        WireFormat.writeString(out, r.groupId());
        WireFormat.writeString(out, r.memberId());
    }

    public static LeaveRequest readLeave(ByteBuf in) {
        return new LeaveRequest(WireFormat.readRequiredString(in, "group id"),
                WireFormat.readRequiredString(in, "member id"));
    }

    public static void writeLeaveResponse(ByteBuf out, LeaveResponse r) {
        out.writeByte(r.error().ordinal());
    }

    public static LeaveResponse readLeaveResponse(ByteBuf in) {
        return new LeaveResponse(error(in));
    }

    public static void writeCommit(ByteBuf out, CommitRequest r) {
        WireFormat.writeString(out, r.groupId());
        WireFormat.writeString(out, r.memberId());
        out.writeInt(r.memberEpoch());
        WireFormat.writeMap(out, r.offsets(), WireFormat::writePartition, ByteBuf::writeLong);
    }

    public static CommitRequest readCommit(ByteBuf in) {
        return new CommitRequest(WireFormat.readRequiredString(in, "group id"),
                WireFormat.readRequiredString(in, "member id"), WireFormat.readInt(in),
                WireFormat.readMap(in, WireFormat::readPartition, WireFormat::readLong));
    }

    public static void writeCommitResponse(ByteBuf out, CommitResponse r) {
        out.writeByte(r.error().ordinal());
        out.writeInt(r.generation());
        WireFormat.writeMap(out, r.partitionErrors(), WireFormat::writePartition, (b, e) -> b.writeByte(e.ordinal()));
    }

    public static CommitResponse readCommitResponse(ByteBuf in) {
        return new CommitResponse(error(in), WireFormat.readInt(in),
                WireFormat.readMap(in, WireFormat::readPartition, GroupCodec::error));
    }

    /** A group id and positions: the body of {@code GROUP_ALTER_OFFSETS}. */
    public record GroupOffsets(String groupId, Map<TopicPartition, Long> offsets) {
    }

    public static void writeGroupOffsets(ByteBuf out, String groupId, Map<TopicPartition, Long> offsets) {
        WireFormat.writeString(out, groupId);
        WireFormat.writeMap(out, offsets, WireFormat::writePartition, ByteBuf::writeLong);
    }

    public static GroupOffsets readGroupOffsets(ByteBuf in) {
        return new GroupOffsets(WireFormat.readRequiredString(in, "group id"),
                WireFormat.readMap(in, WireFormat::readPartition, WireFormat::readLong));
    }

    public static void writeOffsetFetch(ByteBuf out, OffsetFetchRequest r) {
        WireFormat.writeString(out, r.groupId());
        WireFormat.writeList(out, r.partitions(), WireFormat::writePartition);
    }

    public static OffsetFetchRequest readOffsetFetch(ByteBuf in) {
        return new OffsetFetchRequest(WireFormat.readRequiredString(in, "group id"),
                WireFormat.readSet(in, WireFormat::readPartition));
    }

    public static void writeOffsetFetchResponse(ByteBuf out, OffsetFetchResponse r) {
        WireFormat.writeMap(out, r.offsets(), WireFormat::writePartition, ByteBuf::writeLong);
    }

    public static OffsetFetchResponse readOffsetFetchResponse(ByteBuf in) {
        return new OffsetFetchResponse(WireFormat.readMap(in, WireFormat::readPartition, WireFormat::readLong));
    }

    private static void writeAssignment(ByteBuf out, MemberAssignment a) {
        if (a == null) {
            out.writeByte(0);
            return;
        }
        out.writeByte(1);
        out.writeInt(a.generation());
        WireFormat.writeList(out, a.assigned(), WireFormat::writePartition);
        WireFormat.writeList(out, a.pending(), WireFormat::writePartition);
        out.writeByte(a.state().ordinal());
    }

    private static MemberAssignment readAssignment(ByteBuf in) {
        if (!WireFormat.readBoolean(in)) {
            return null;
        }
        return new MemberAssignment(WireFormat.readInt(in), WireFormat.readSet(in, WireFormat::readPartition),
                WireFormat.readSet(in, WireFormat::readPartition),
                AdminCodec.enumAt(GroupState.values(), WireFormat.readUnsignedByte(in), "group state"));
    }

    private static GroupError error(ByteBuf in) {
        return AdminCodec.enumAt(GroupError.values(), WireFormat.readUnsignedByte(in), "group error");
    }
}
