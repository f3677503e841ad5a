package io.rivulet.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rivulet topics …} against an embedded engine on a temporary directory. */
class TopicsCommandTest {
    @TempDir
    Path dataDir;

    private CliRunner.Result rivulet(String... args) {
        String[] withDir = java.util.Arrays.copyOf(args, args.length + 2);
        withDir[args.length] = "--data-dir";
        withDir[args.length + 1] = dataDir.toString();
        return CliRunner.run("", withDir);
    }

    @Test
    void createListDescribeDelete() throws Exception {
        CliRunner.Result created = rivulet("topics", "create", "orders", "--partitions", "3", "--config", "retention.ms=60000");
        assertEquals(0, created.exitCode(), created.err());
        assertEquals(List.of("created topic orders with 3 partitions"), created.outLines());
        assertEquals(0, rivulet("topics", "create", "audit").exitCode());

        assertEquals(List.of("audit", "orders"), rivulet("topics", "list").outLines());

        CliRunner.Result described = rivulet("topics", "describe", "orders", "--format", "json");
        assertEquals(0, described.exitCode(), described.err());
        assertEquals(1, described.outLines().size());
        JsonNode topic = Json.mapper().readTree(described.out());
        assertEquals("orders", topic.get("topic").asText());
        assertEquals("60000", topic.get("configs").get("retention.ms").asText());
        assertEquals(3, topic.get("partitions").size());
        for (int p = 0; p < 3; p++) {
            JsonNode partition = topic.get("partitions").get(p);
            assertEquals(p, partition.get("partition").asInt());
            assertEquals(0, partition.get("logStartOffset").asLong());
            assertEquals(0, partition.get("endOffset").asLong());
            assertTrue(partition.get("replicas").isArray() && partition.get("isr").isArray());
        }

        CliRunner.Result text = rivulet("topics", "describe", "orders");
        assertTrue(text.outLines().get(0).startsWith("topic orders: 3 partitions, 0 records"), text.out());
        assertTrue(text.outLines().get(2).startsWith("PARTITION"), text.out());

        assertEquals(List.of("deleted topic orders"), rivulet("topics", "delete", "orders").outLines());
        assertEquals(List.of("audit"), rivulet("topics", "list").outLines());
    }

    @Test
    void describingAMissingTopicIsOneErrorLine() {
        CliRunner.Result result = rivulet("topics", "describe", "nope");
        assertEquals(1, result.exitCode());
        assertEquals(1, result.errLines().size(), result.err());
        assertTrue(result.err().startsWith("error: ") && result.err().contains("nope"), result.err());
        assertEquals("", result.out());
    }

    @Test
    void creatingATopicTwiceIsOneErrorLine() {
        assertEquals(0, rivulet("topics", "create", "orders").exitCode());
        CliRunner.Result again = rivulet("topics", "create", "orders");
        assertEquals(1, again.exitCode());
        assertEquals(1, again.errLines().size(), again.err());
        assertTrue(again.err().contains("orders"), again.err());
    }

    @Test
    void anInvalidNameOrConfigIsOneErrorLine() {
        CliRunner.Result badName = rivulet("topics", "create", "a b");
        assertEquals(1, badName.exitCode());
        assertEquals(1, badName.errLines().size(), badName.err());
        assertTrue(badName.err().contains("a b"), badName.err());

        CliRunner.Result badConfig = rivulet("topics", "create", "t", "--config", "retention.ms=soon");
        assertEquals(1, badConfig.exitCode());
        assertEquals(1, badConfig.errLines().size(), badConfig.err());
        assertTrue(badConfig.err().contains("retention.ms"), badConfig.err());

        CliRunner.Result noPartitions = rivulet("topics", "create", "t", "--partitions", "0");
        assertEquals(1, noPartitions.exitCode());
        assertTrue(noPartitions.err().contains("partition"), noPartitions.err());
    }

    @Test
    void deletingAMissingTopicIsOneErrorLine() {
        CliRunner.Result result = rivulet("topics", "delete", "ghost");
        assertEquals(1, result.exitCode());
        assertEquals(1, result.errLines().size(), result.err());
    }
}
