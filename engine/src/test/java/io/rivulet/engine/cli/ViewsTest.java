package io.rivulet.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.rivulet.api.AssignmentStrategy;
import io.rivulet.api.GroupDescription;
import io.rivulet.api.GroupState;
import io.rivulet.api.MemberDescription;
import io.rivulet.api.PartitionDescription;
import io.rivulet.api.PartitionLag;
import io.rivulet.api.TopicDescription;
import io.rivulet.api.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The text and JSON shapes of {@code topics describe} and {@code groups describe}. */
class ViewsTest {
    private static final TopicDescription TOPIC = new TopicDescription("orders",
            Map.of("retention.ms", "60000", "cleanup.policy", "delete"),
            List.of(new PartitionDescription(1, 5, 9, 0, List.of(0, 1), List.of(0)),
                    new PartitionDescription(0, 0, 3, PartitionDescription.NO_LEADER, List.of(0), List.of())));

    private static final GroupDescription GROUP = new GroupDescription("billing", GroupState.STABLE, 4,
            AssignmentStrategy.RANGE,
            List.of(new MemberDescription("m-1", "cli-1", "embedded", List.of(TopicPartition.of("orders", 0),
                    TopicPartition.of("orders", 1)))),
            List.of(new PartitionLag(TopicPartition.of("orders", 0), 2, 3, 1),
                    new PartitionLag(TopicPartition.of("orders", 1), PartitionLag.NO_OFFSET, 9, 4)));

    @Test
    void topicJsonHasEachPartitionsOffsetsLeaderReplicasAndIsr() throws Exception {
        JsonNode node = Json.mapper().readTree(TopicView.json(TOPIC));
        assertEquals("orders", node.get("topic").asText());
        assertEquals("60000", node.get("configs").get("retention.ms").asText());
        JsonNode p1 = node.get("partitions").get(1);
        assertEquals(1, p1.get("partition").asInt());
        assertEquals(5, p1.get("logStartOffset").asLong());
        assertEquals(9, p1.get("endOffset").asLong());
        assertEquals(0, p1.get("leader").asInt());
        assertEquals("[0,1]", p1.get("replicas").toString());
        assertEquals("[0]", p1.get("isr").toString());
        assertEquals(-1, node.get("partitions").get(0).get("leader").asInt());
    }

    @Test
    void topicTextSummarisesAndTabulates() {
        assertEquals(List.of(
                "topic orders: 2 partitions, 7 records",
                "configs: cleanup.policy=delete, retention.ms=60000",
                "PARTITION  LOG-START  END  LEADER  REPLICAS  ISR",
                "0          0          3    none    0         -",
                "1          5          9    0       0,1       0"), TopicView.text(TOPIC));
    }

    @Test
    void groupJsonHasMembersAssignmentCommittedOffsetsAndLag() throws Exception {
        JsonNode node = Json.mapper().readTree(GroupView.json(GROUP));
        assertEquals("billing", node.get("group").asText());
        assertEquals("STABLE", node.get("state").asText());
        assertEquals("range", node.get("assignmentStrategy").asText());
        assertEquals("[\"orders-0\",\"orders-1\"]", node.get("members").get(0).get("assignment").toString());
        assertEquals(2, node.get("partitions").get(0).get("committedOffset").asLong());
        assertTrue(node.get("partitions").get(1).get("committedOffset").isNull(), "nothing committed is null, not -1");
        assertEquals(5, node.get("totalLag").asLong());
    }

    @Test
    void groupTextShowsMembersAndLagTables() {
        assertEquals(List.of(
                "group billing: STABLE, generation 4, range, 1 member, total lag 5",
                "MEMBER  CLIENT  HOST      ASSIGNMENT",
                "m-1     cli-1   embedded  orders-0,orders-1",
                "TOPIC   PARTITION  COMMITTED  END  LAG",
                "orders  0          2          3    1",
                "orders  1          -          9    4"), GroupView.text(GROUP));
    }
}
