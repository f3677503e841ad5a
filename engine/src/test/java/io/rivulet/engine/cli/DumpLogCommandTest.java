package io.rivulet.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.Rivulet;
import io.rivulet.api.serde.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rivulet dump-log}: the batches of segment files as stored, and where each file's valid data ends. */
class DumpLogCommandTest {
    @TempDir
    Path dir;

    private Path data() {
        return dir.resolve("data");
    }

    private Path partition() {
        return data().resolve("topics").resolve("events").resolve("0");
    }

    private void produce(String lines) {
        CliRunner.Result r = CliRunner.run(lines, "produce", "events", "--key-separator", ":", "--data-dir", data().toString());
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void printsEveryBatchAndRecordOfAPartitionAsJson() throws Exception {
        produce("alice:1 book\n");
        produce("bob:2 pens\ncarol:3 maps\n");
        CliRunner.Result dumped = CliRunner.run("", "dump-log", partition().toString(), "--records", "--format", "json");
        assertEquals(0, dumped.exitCode(), dumped.err());
        List<JsonNode> batches = new ArrayList<>();
        for (String line : dumped.outLines()) {
            batches.add(Json.mapper().readTree(line));
        }
        assertEquals(2, batches.size(), dumped.out());
        JsonNode second = batches.get(1);
        assertEquals(1, second.get("baseOffset").asLong());
        assertEquals(2, second.get("lastOffset").asLong());
        assertEquals(2, second.get("count").asInt());
        assertEquals(batches.get(0).get("size").asLong(), second.get("position").asLong(), "batches follow each other");
        assertEquals("none", second.get("compression").asText());
        assertEquals("carol", second.get("records").get(1).get("key").asText());
        assertEquals("3 maps", second.get("records").get(1).get("value").asText());
        assertEquals(2, second.get("records").get(1).get("offset").asLong());
        long end = second.get("position").asLong() + second.get("size").asLong();
        assertEquals(List.of(Files.list(partition()).filter(p -> p.toString().endsWith(".log")).findFirst().orElseThrow()
                + ": 2 batches, 3 records, offsets 0..2, ends with its last batch at position " + end), dumped.errLines(),
                "a closed log's segment is trimmed to its data");
    }

    @Test
    void anActiveSegmentBesideARunningEngineIsWrittenUpToWhereZerosBegin() {
        try (Rivulet running = Rivulet.embedded().dataDir(data()).config(CliRunner.SMALL).open()) {
            running.producer(ProducerOptions.of(Serdes.string(), Serdes.string()))
                    .send(Flux.range(0, 3).map(i -> ProducerRecord.<String, String>of("events", "k" + i, "v" + i)))
                    .blockLast(Duration.ofSeconds(30));
            CliRunner.Result dumped = CliRunner.run("", "dump-log", partition().toString(), "--records");
            assertEquals(0, dumped.exitCode(), dumped.err());
            assertTrue(dumped.outLines().get(0).startsWith("baseOffset=0 lastOffset="), dumped.out());
            assertTrue(dumped.out().contains("offset=2 timestamp=") && dumped.out().contains("key=\"k2\" value=\"v2\""),
                    dumped.out());
            assertTrue(dumped.err().contains("3 records, offsets 0..2, written up to position")
                    && dumped.err().contains("zeros after it"), dumped.err());
        }
    }

    @Test
    void aCorruptBatchIsReportedAtItsPositionAndTheCommandFails() throws Exception {
        produce("k:a\n");
        produce("k:b\n");
        Path segment = Files.list(partition()).filter(p -> p.toString().endsWith(".log")).findFirst().orElseThrow();
        long second = Json.mapper().readTree(CliRunner.run("", "dump-log", segment.toString(), "--format", "json")
                .outLines().get(1)).get("position").asLong();
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.seek(f.length() - 1);
            int last = f.read();
            f.seek(f.length() - 1);
            f.write(last ^ 1);
        }
        CliRunner.Result dumped = CliRunner.run("", "dump-log", segment.toString());
        assertEquals(1, dumped.exitCode());
        assertEquals(1, dumped.outLines().size(), "the batch before it is printed: " + dumped.out());
        assertEquals(2, dumped.errLines().size(), dumped.err());
        assertTrue(dumped.errLines().get(0).endsWith("INVALID batch at position " + second + " (BAD_CRC)"), dumped.err());
        assertTrue(dumped.errLines().get(1).startsWith("error: " + segment + " has an invalid batch at position " + second),
                dumped.err());
    }

    @Test
    void aBatchThatDoesNotFollowOnIsReportedAsAnOffsetGapAsRecoveryWouldCutIt() throws Exception {
        produce("k:a\n");
        produce("k:b\n");
        Path segment = Files.list(partition()).filter(p -> p.toString().endsWith(".log")).findFirst().orElseThrow();
        long second = Json.mapper().readTree(CliRunner.run("", "dump-log", segment.toString(), "--format", "json")
                .outLines().get(1)).get("position").asLong();
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.seek(second); // the base offset, outside the CRC: the frame stays valid
            f.writeLong(7);
        }
        CliRunner.Result dumped = CliRunner.run("", "dump-log", segment.toString());
        assertEquals(1, dumped.exitCode());
        assertEquals(1, dumped.outLines().size(), dumped.out());
        assertTrue(dumped.errLines().get(0).endsWith("INVALID batch at position " + second
                + " (OFFSET_GAP: it does not start at offset 1)"), dumped.err());
    }

    @Test
    void aPathThatHoldsNoSegmentIsOneErrorLine() throws Exception {
        produce("k:a\n");
        CliRunner.Result noSegments = CliRunner.run("", "dump-log", data().toString());
        assertEquals(1, noSegments.exitCode());
        assertEquals(List.of("error: no segment files (NNN.log) in " + data()
                + ": give a partition's directory, e.g. data/topics/orders/0"), noSegments.errLines());
        Path properties = data().resolve("topics").resolve("events").resolve("topic.properties");
        assertEquals(List.of("error: " + properties + " is not a segment file: give a NNN.log file or a partition's directory"),
                CliRunner.run("", "dump-log", properties.toString()).errLines());
        assertEquals(List.of("error: " + dir.resolve("nope") + " does not exist"),
                CliRunner.run("", "dump-log", dir.resolve("nope").toString()).errLines());
        CliRunner.Result tooSmall = CliRunner.run("", "dump-log", partition().toString(), "--max-message-bytes", "0");
        assertEquals(2, tooSmall.exitCode(), "a usage error");
        assertTrue(tooSmall.err().contains("--max-message-bytes must be at least 61 (a batch header) but was 0"),
                tooSmall.err());
    }
}
