package io.rivulet.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.rivulet.api.ClusterDescription;
import io.rivulet.api.NodeDescription;
import io.rivulet.api.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rivulet cluster …}: on an embedded engine (one node, nothing to move), and its views. */
class ClusterCommandTest {

    @TempDir
    Path dataDir;

    private CliRunner.Result rivulet(String... args) {
        String[] withDir = Arrays.copyOf(args, args.length + 2);
        withDir[args.length] = "--data-dir";
        withDir[args.length + 1] = dataDir.toString();
        return CliRunner.run("", withDir);
    }

    @Test
    void describingAnEmbeddedEngineShowsOneLiveNodeLeadingEveryPartition() throws Exception {
        assertEquals(0, rivulet("topics", "create", "orders", "--partitions", "3").exitCode());
        CliRunner.Result text = rivulet("cluster", "describe");
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.outLines().get(0).contains("controller node 0"), text.out());
        assertEquals(List.of("NODE", "HOST", "PORT", "STATE", "LEADERS", "REPLICAS"),
                List.of(text.outLines().get(1).split("\\s+")));
        assertEquals(List.of("0", "localhost", "0", "live", "3", "3"), List.of(text.outLines().get(2).split("\\s+")));

        CliRunner.Result json = rivulet("cluster", "describe", "--format", "json");
        assertEquals(1, json.outLines().size(), json.out());
        JsonNode cluster = Json.mapper().readTree(json.out());
        assertEquals(0, cluster.get("controller").asInt());
        assertEquals("live", cluster.get("nodes").get(0).get("state").asText());
        assertEquals(3, cluster.get("nodes").get(0).get("leaders").asInt());
    }

    @Test
    void reassigningOnAnEmbeddedEngineIsOneErrorLineSayingItNeedsACluster() {
        assertEquals(0, rivulet("topics", "create", "orders").exitCode());
        CliRunner.Result result = rivulet("cluster", "reassign", "orders", "--partition", "0", "--replicas", "1,2,4");
        assertEquals(1, result.exitCode());
        assertEquals(1, result.errLines().size(), result.err());
        assertTrue(result.err().startsWith("error: "), result.err());
        assertTrue(result.err().contains("needs a cluster"), result.err());
        assertEquals("", result.out());
    }

    @Test
    void drainingOnAnEmbeddedEngineIsOneErrorLineSayingItNeedsACluster() {
        CliRunner.Result result = rivulet("cluster", "drain", "3", "--wait");
        assertEquals(1, result.exitCode());
        assertEquals(1, result.errLines().size(), result.err());
        assertTrue(result.err().contains("needs a cluster"), result.err());
    }

    @Test
    void reassignNeedsThePartitionAndTheReplicas() {
        assertEquals(2, rivulet("cluster", "reassign", "orders", "--replicas", "1,2").exitCode());
        assertEquals(2, rivulet("cluster", "reassign", "orders", "--partition", "0").exitCode());
    }

    @Test
    void replicasMustBeNodeIds() {
        CliRunner.Result result = rivulet("cluster", "reassign", "orders", "--partition", "0", "--replicas", "1,two");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("two"), result.err());
    }

    @Test
    void aNegativePartitionIsOneErrorLine() {
        CliRunner.Result result = rivulet("cluster", "reassign", "orders", "--partition", "-1", "--replicas", "1");
        assertEquals(1, result.exitCode());
        assertTrue(result.err().startsWith("error: --partition"), result.err());
    }

    @Test
    void drainNeedsANumericNode() {
        assertEquals(2, rivulet("cluster", "drain", "node-3").exitCode());
    }

    @Test
    void theTextViewShowsFencedNodesAndMovingPartitions() {
        ClusterDescription cluster = new ClusterDescription("c-1", 2, List.of(
                new NodeDescription(1, "h1", 7071, false, 2, 3),
                new NodeDescription(2, "h2", 7072, true, 0, 3),
                new NodeDescription(3, "h3", 7073, false, 0, 0, true)), List.of(new TopicPartition("orders", 1)));
        List<String> lines = ClusterView.text(cluster);
        assertEquals("cluster c-1: controller node 2, 2 of 3 nodes live", lines.get(0));
        assertEquals(List.of("2", "h2", "7072", "fenced", "0", "3"), List.of(lines.get(3).split("\\s+")));
        assertEquals(List.of("3", "h3", "7073", "draining", "0", "0"), List.of(lines.get(4).split("\\s+")));
        assertEquals("reassigning: orders-1", lines.get(5));
        assertEquals("{\"clusterId\":\"c-1\",\"controller\":2,\"nodes\":[{\"id\":1,\"host\":\"h1\",\"port\":7071,"
                + "\"state\":\"live\",\"leaders\":2,\"replicas\":3},{\"id\":2,\"host\":\"h2\",\"port\":7072,"
                + "\"state\":\"fenced\",\"leaders\":0,\"replicas\":3},{\"id\":3,\"host\":\"h3\",\"port\":7073,"
                + "\"state\":\"draining\",\"leaders\":0,\"replicas\":0}],\"reassigning\":[\"orders-1\"]}",
                ClusterView.json(cluster));
    }
}
