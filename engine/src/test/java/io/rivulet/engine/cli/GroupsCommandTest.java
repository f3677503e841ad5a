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
    void describingAnUnknownGroupIsOneErrorLine() {
        CliRunner.Result result = rivulet("", "groups", "describe", "nobody");
        assertEquals(1, result.exitCode());
        assertEquals(1, result.errLines().size(), result.err());
        assertTrue(result.err().startsWith("error: "), result.err());
    }
}
