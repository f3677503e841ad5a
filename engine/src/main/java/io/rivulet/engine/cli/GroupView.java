package io.rivulet.engine.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.rivulet.api.GroupDescription;
import io.rivulet.api.MemberDescription;
import io.rivulet.api.PartitionLag;
import io.rivulet.api.TopicPartition;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How {@code rivulet groups describe} shows a group: its state, members with their assignment, and per
 * partition the committed offset, end offset and lag — as tables, or as one JSON line.
 */
final class GroupView {
    private GroupView() {
    }

    /** The JSON document; {@code committedOffset} is {@code null} where the group has committed nothing. */
    @JsonPropertyOrder({"group", "state", "generation", "assignmentStrategy", "members", "partitions", "totalLag"})
    record Document(String group, String state, int generation, String assignmentStrategy, List<Member> members,
                    List<Partition> partitions, long totalLag) {
    }

    /** A member and the partitions assigned to it, as {@code topic-partition}. */
    @JsonPropertyOrder({"memberId", "clientId", "host", "assignment"})
    record Member(String memberId, String clientId, String host, List<String> assignment) {
    }

    /** A partition's committed offset, end offset and lag. */
    @JsonPropertyOrder({"topic", "partition", "committedOffset", "endOffset", "lag"})
    record Partition(String topic, int partition, Long committedOffset, long endOffset, long lag) {
    }

    static String json(GroupDescription group) {
        List<Member> members = group.members().stream()
                .map(m -> new Member(m.memberId(), m.clientId(), m.host(), names(m.assignment())))
                .toList();
        List<Partition> partitions = group.partitions().stream()
                .map(p -> new Partition(p.topicPartition().topic(), p.topicPartition().partition(),
                        p.hasCommittedOffset() ? p.committedOffset() : null, p.endOffset(), p.lag()))
                .toList();
        return Json.line(new Document(group.groupId(), group.state().name(), group.generation(),
                group.assignmentStrategy() == null ? null : group.assignmentStrategy().configValue(),
                members, partitions, group.totalLag()));
    }

    /** A summary line, the members table and the partitions table. */
    static List<String> text(GroupDescription group) {
        List<String> lines = new ArrayList<>();
        lines.add("group " + group.groupId() + ": " + group.state() + ", generation " + group.generation()
                + (group.assignmentStrategy() == null ? "" : ", " + group.assignmentStrategy().configValue())
                + ", " + group.members().size() + " member" + (group.members().size() == 1 ? "" : "s")
                + ", total lag " + group.totalLag());
        if (!group.members().isEmpty()) {
            Table members = new Table("MEMBER", "CLIENT", "HOST", "ASSIGNMENT");
            for (MemberDescription m : group.members()) {
                List<String> assigned = names(m.assignment());
                members.row(m.memberId(), m.clientId(), m.host(), assigned.isEmpty() ? "-" : String.join(",", assigned));
            }
            lines.addAll(members.lines());
        }
        if (!group.partitions().isEmpty()) {
            Table partitions = new Table("TOPIC", "PARTITION", "COMMITTED", "END", "LAG");
            for (PartitionLag p : group.partitions()) {
                partitions.row(p.topicPartition().topic(), p.topicPartition().partition(),
                        p.hasCommittedOffset() ? p.committedOffset() : "-", p.endOffset(), p.lag());
            }
            lines.addAll(partitions.lines());
        }
        return lines;
    }

    private static List<String> names(List<TopicPartition> partitions) {
        return partitions.stream().map(TopicPartition::toString).collect(Collectors.toList());
    }
}
