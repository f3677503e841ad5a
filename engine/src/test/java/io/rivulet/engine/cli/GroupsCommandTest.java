package io.rivulet.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rivulet consume --group} and {@code rivulet groups …} against an embedded engine. */
class GroupsCommandTest {

    @TempDir
    Path dataDir;

    private CliRunner.Result rivulet(String stdin, String... args) {
        String[] withDir = Arrays.copyOf(args, args.length + 2);
        withDir[args.length] = "--data-dir";
        withDir[args.length + 1] = dataDir.toString();
        return CliRunner.run(stdin, withDir);
    }

    @Test
    void aGroupCommitsWhatItPrintedAndResumesAfterIt() throws Exception {
        assertEquals(0, rivulet("", "topics", "create", "orders", "--partitions", "2").exitCode());
        assertEquals(0, rivulet("a:1\nb:2\nc:3\nd:4\n", "produce", "orders", "--key-separator", ":").exitCode());

        CliRunner.Result first = rivulet("", "consume", "orders", "--group", "billing", "--from", "earliest", "--max", "3");
        assertEquals(0, first.exitCode(), first.err());
        assertEquals(3, first.outLines().size());

        assertEquals(List.of("billing"), rivulet("", "groups", "list").outLines());
        CliRunner.Result described = rivulet("", "groups", "describe", "billing", "--format", "json");
        assertEquals(0, described.exitCode(), described.err());
        JsonNode group = Json.mapper().readTree(described.out());
        assertEquals("billing", group.get("group").asText());
        assertEquals(1, group.get("totalLag").asLong(), "3 of 4 records committed");

        CliRunner.Result rest = rivulet("", "consume", "orders", "--group", "billing", "--from", "earliest",
                "--timeout-ms", "1000");
        assertEquals(0, rest.exitCode(), rest.err());
        assertEquals(1, rest.outLines().size(), "only the record not printed before: " + rest.out());

        CliRunner.Result text = rivulet("", "groups", "describe", "billing");
        assertTrue(text.outLines().get(0).startsWith("group billing: EMPTY"), text.out());
        assertTrue(text.out().contains("TOPIC"), text.out());
    }

    @Test
    void resetOffsetsShowsThePlanAndCommitsItOnlyWithExecute() {
        assertEquals(0, rivulet("", "topics", "create", "orders", "--partitions", "1").exitCode());
        assertEquals(0, rivulet("a\nb\nc\nd\ne\nf\n", "produce", "orders").exitCode());
        assertEquals(0, rivulet("", "consume", "orders", "--group", "billing", "--from", "earliest", "--max", "6")
                .exitCode());

        CliRunner.Result plan = rivulet("", "groups", "reset-offsets", "billing", "--topic", "orders", "--to", "offset:2");
        assertEquals(0, plan.exitCode(), plan.err());
        assertEquals(List.of("TOPIC   PARTITION  CURRENT  NEW", "orders  0          6        2",
                "dry run: nothing changed; add --execute to commit these offsets"), plan.outLines());
        assertTrue(rivulet("", "groups", "describe", "billing").out().contains("orders  0          6"),
                "a dry run changes nothing");

        CliRunner.Result done = rivulet("", "groups", "reset-offsets", "billing", "--topic", "orders:0",
                "--shift-by", "-4", "--execute");
        assertEquals(0, done.exitCode(), done.err());
        assertEquals("orders  0          6        2", done.outLines().get(1));
        assertEquals("committed the new offsets of group billing", done.outLines().get(2));
        CliRunner.Result again = rivulet("", "consume", "orders", "--group", "billing", "--timeout-ms", "1000");
        assertEquals(List.of("c", "d", "e", "f"), again.outLines(), "the group resumes where it was moved");

        CliRunner.Result clamped = rivulet("", "groups", "reset-offsets", "billing", "--topic", "orders",
                "--shift-by", "-100");
        assertEquals("orders  0          6        0", clamped.outLines().get(1), "a shift stays inside the log");
    }

    @Test
    void aGroupWithoutMembersIsDeleted() {
        assertEquals(0, rivulet("", "topics", "create", "orders").exitCode());
        assertEquals(0, rivulet("a\n", "produce", "orders").exitCode());
        assertEquals(0, rivulet("", "consume", "orders", "--group", "billing", "--from", "earliest", "--max", "1")
                .exitCode());
        CliRunner.Result deleted = rivulet("", "groups", "delete", "billing");
        assertEquals(0, deleted.exitCode(), deleted.err());
        assertEquals(List.of("deleted group billing"), deleted.outLines());
        assertEquals(List.of(), rivulet("", "groups", "list").outLines());
        CliRunner.Result twice = rivulet("", "groups", "delete", "billing");
        assertEquals(1, twice.exitCode());
        assertTrue(twice.err().startsWith("error: ") && twice.err().contains("billing"), twice.err());
    }

    @Test
    void resetOffsetsNeedsExactlyOneTargetAndRealPartitions() {
        assertEquals(0, rivulet("", "topics", "create", "orders", "--partitions", "2").exitCode());
        assertEquals(2, rivulet("", "groups", "reset-offsets", "g", "--topic", "orders").exitCode());
        assertEquals(2, rivulet("", "groups", "reset-offsets", "g", "--topic", "orders", "--to", "earliest",
                "--shift-by", "1").exitCode());
        CliRunner.Result badPartition = rivulet("", "groups", "reset-offsets", "g", "--topic", "orders:5", "--to",
                "earliest");
        assertEquals(1, badPartition.exitCode());
        assertTrue(badPartition.err().contains("partitions 0 to 1"), badPartition.err());
    }

    @Test
    void describingAnUnknownGroupIsOneErrorLine() {
        CliRunner.Result result = rivulet("", "groups", "describe", "nobody");
        assertEquals(1, result.exitCode());
        assertEquals(1, result.errLines().size(), result.err());
        assertTrue(result.err().startsWith("error: "), result.err());
    }
}
