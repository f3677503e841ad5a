package io.rivulet.engine.cli;

import io.rivulet.api.Acks;
import io.rivulet.api.StartAt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Argument parsing and usage errors: no engine is opened. */
class CommandLineTest {

    private static <T> T parse(Class<T> command, String... args) {
        CommandLine cli = Cli.commandLine(CliRunner.context(new ManualStop(), "", new StringWriter(), new StringWriter()));
        ParseResult result = cli.parseArgs(args);
        while (result.hasSubcommand()) {
            result = result.subcommand();
        }
        return command.cast(result.commandSpec().userObject());
    }

    @ParameterizedTest
    @CsvSource({
            "earliest, earliest",
            "LATEST, latest",
            "offset:42, offset:42",
            "time:2024-05-01T12:00:00Z, time:2024-05-01T12:00:00Z",
            "time:2024-05-01T14:00:00+02:00, time:2024-05-01T12:00:00Z"})
    void consumeReadsEveryFromForm(String given, String expected) {
        ConsumeCommand consume = parse(ConsumeCommand.class, "consume", "orders", "--from", given);
        assertEquals(StartAt.parse(expected), consume.from);
    }

    @Test
    void consumeDefaultsToValuesWithoutLimits() {
        ConsumeCommand consume = parse(ConsumeCommand.class, "consume", "orders");
        assertNull(consume.from);
        assertNull(consume.group);
        assertNull(consume.max);
        assertNull(consume.timeoutMs);
        assertEquals(RecordFormat.VALUE, consume.format);
        assertEquals(Path.of("data"), consume.engine.dataDir());
    }

    @Test
    void consumeReadsEveryOption() {
        ConsumeCommand consume = parse(ConsumeCommand.class, "consume", "orders", "--group", "billing", "--max", "3",
                "--timeout-ms", "500", "--format", "json", "--data-dir", "/tmp/x");
        assertEquals("billing", consume.group);
        assertEquals(3L, consume.max);
        assertEquals(500L, consume.timeoutMs);
        assertEquals(RecordFormat.JSON, consume.format);
        assertEquals(Path.of("/tmp/x"), consume.engine.dataDir());
    }

    @ParameterizedTest
    @CsvSource({"0, NONE", "1, LEADER", "all, ALL", "-1, ALL"})
    void produceReadsAcks(String given, Acks expected) {
        assertEquals(expected, parse(ProduceCommand.class, "produce", "t", "--acks", given).acks);
    }

    @Test
    void produceReadsSeparatorAndPrintOffsets() {
        ProduceCommand produce = parse(ProduceCommand.class, "produce", "t", "--key-separator", "\t", "--print-offsets");
        assertEquals("\t", produce.keySeparator);
        assertTrue(produce.printOffsets);
        assertFalse(parse(ProduceCommand.class, "produce", "t").printOffsets);
    }

    @Test
    void perfReadsModeCaseInsensitivelyAndItsSettings() {
        PerfCommand perf = parse(PerfCommand.class, "perf", "E2E", "bench", "--records", "5000", "--record-size", "1024",
                "--partitions", "6", "--acks", "1", "--batch-size", "65536", "--linger-ms", "2", "--throughput", "100000",
                "--bootstrap", "rivulet://h:7070");
        assertEquals(PerfMode.E2E, perf.mode);
        assertEquals("bench", perf.topic);
        assertEquals(5000, perf.records);
        assertEquals(1024, perf.recordSize);
        assertEquals(6, perf.partitions);
        assertEquals(Acks.LEADER, perf.acks);
        assertEquals(65536, perf.batchSize);
        assertEquals(2L, perf.lingerMs);
        assertEquals(100_000L, perf.throughput);
        assertEquals("rivulet://h:7070", perf.engine.bootstrap);
    }

    @Test
    void perfHasDefaults() {
        PerfCommand perf = parse(PerfCommand.class, "perf", "produce", "bench");
        assertEquals(1_000_000, perf.records);
        assertEquals(100, perf.recordSize);
        assertEquals(1, perf.partitions);
        assertNull(perf.acks);
        assertEquals(PerfPlan.UNLIMITED, perf.throughput);
    }

    @Test
    void serverReadsDataDirAndConfigFile() {
        ServerCommand server = parse(ServerCommand.class, "server", "--data-dir", "d", "--config", "engine.properties");
        assertEquals(Path.of("d"), server.dataDir);
        assertEquals(Path.of("engine.properties"), server.configFile);
        assertEquals(Path.of("data"), parse(ServerCommand.class, "server").dataDir);
    }

    @Test
    void topicsCreateCollectsRepeatedConfigs() {
        CommandLine cli = Cli.commandLine(CliRunner.context(new ManualStop(), "", new StringWriter(), new StringWriter()));
        ParseResult create = cli.parseArgs("topics", "create", "orders", "--partitions", "3",
                "--config", "retention.ms=1000", "--config", "segment.bytes=4096").subcommand().subcommand();
        assertEquals(3, (int) create.matchedOptionValue("--partitions", 1));
        assertEquals(Map.of("retention.ms", "1000", "segment.bytes", "4096"),
                create.matchedOptionValue("--config", Map.of()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "consume orders --from yesterday           | --from",
            "consume orders --max 0                    | --max",
            "consume orders --timeout-ms 0             | --timeout-ms",
            "consume orders --group g --from offset:5  | --group",
            "consume orders --format xml               | --format",
            "produce orders --acks 2                   | acks",
            "produce orders --key-separator=           | --key-separator",
            "perf fast orders                          | MODE",
            "perf produce orders --records 0           | --records",
            "perf e2e orders --record-size 4           | --record-size",
            "perf e2e orders --throughput 0            | --throughput",
            "perf consume orders --throughput 100      | --throughput",
            "topics create                             | TOPIC",
            "topics                                    | subcommand",
            "nonsense                                  | nonsense",
            "topics list --data-dir d --bootstrap rivulet://h:1 | not both"})
    void usageErrorsPrintOneLineAndExit2(String args, String mentioned) {
        CliRunner.Result result = CliRunner.run("", args.trim().split("\\s+"));
        assertEquals(2, result.exitCode(), result.err());
        assertEquals(1, result.errLines().size(), result.err());
        String line = result.errLines().get(0);
        assertTrue(line.startsWith("error: ") && line.contains(mentioned) && line.contains("--help"), line);
        assertEquals("", result.out());
    }

    @Test
    void helpAndVersionGoToStdoutAndExit0() {
        CliRunner.Result help = CliRunner.run("", "consume", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("--timeout-ms"), help.out());
        CliRunner.Result version = CliRunner.run("", "--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.out().startsWith("rivulet "), version.out());
    }

    @Test
    void noCommandShowsTheUsageAndExits2() {
        CliRunner.Result result = CliRunner.run("");
        assertEquals(2, result.exitCode());
        for (String command : new String[] {"server", "topics", "produce", "consume", "groups", "perf"}) {
            assertTrue(result.err().contains(command), result.err());
        }
    }

    @Test
    void aBootstrapWhereNoNodeListensIsOneRuntimeErrorLineNamingTheAddress() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort(); // nothing listens there once closed
        }
        CliRunner.Result result = CliRunner.run("", "topics", "list", "--bootstrap", "rivulet://127.0.0.1:" + port);
        assertEquals(1, result.exitCode());
        assertEquals(1, result.errLines().size(), result.err());
        assertTrue(result.err().startsWith("error: could not connect to [127.0.0.1:" + port + "]")
                && result.err().contains("rivulet server"), result.err());
    }

    @Test
    void aMalformedBootstrapUriIsOneRuntimeErrorLine() {
        CliRunner.Result result = CliRunner.run("", "groups", "list", "--bootstrap", "http://x");
        assertEquals(1, result.exitCode());
        assertEquals(1, result.errLines().size(), result.err());
        assertTrue(result.err().contains("rivulet://"), result.err());
    }

    @Test
    void startPositionsParseInstantsToTheMillisecond() {
        ConsumeCommand consume = parse(ConsumeCommand.class, "consume", "t", "--from", "time:2024-05-01T12:00:00.123Z");
        assertEquals(StartAt.timestamp(Instant.parse("2024-05-01T12:00:00.123Z")), consume.from);
    }
}
