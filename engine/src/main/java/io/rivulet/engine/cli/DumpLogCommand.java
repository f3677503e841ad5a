package io.rivulet.engine.cli;

import io.rivulet.storage.batch.BatchCheck;
import io.rivulet.storage.batch.BatchRecord;
import io.rivulet.storage.batch.BatchScan;
import io.rivulet.storage.batch.CompressionCodec;
import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.batch.RecordHeader;
import io.rivulet.storage.batch.RecordIterator;
import io.rivulet.storage.segment.MappedFiles;
import io.rivulet.storage.segment.SegmentFiles;
import net.openhft.chronicle.bytes.MappedBytes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code rivulet dump-log PATH... [--records] [--format text|json] [--max-message-bytes N]}: prints the batches of
 * segment files as they are on disk — offsets, position, size, CRC, compression, producer — and, with
 * {@code --records}, their records. It opens the files read-only, not the log, so it works beside a running node
 * and on a log that will not open, and says where each file's valid data ends and why, as recovery would see it.
 */
@Command(name = "dump-log", sortOptions = false,
        description = "Prints the record batches of segment files (NNN.log) or of every segment in a partition's "
                + "directory, and where each file's valid data ends.")
final class DumpLogCommand implements Callable<Integer> {
    private final CommandContext context;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "1..*",
            description = "A segment file (e.g. data/topics/orders/0/00000000000000000000.log) or a partition's directory.")
    List<Path> paths;

    @Option(names = "--records", description = "Print each batch's records too (offset, timestamp, key, value, headers).")
    boolean records;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default: one line per batch, key=value) or json (one object per batch).")
    Format format;

    @Option(names = "--max-message-bytes", paramLabel = "N", defaultValue = "1048576",
            description = "The largest batch to accept, as the topic's max.message.bytes (default 1048576).")
    int maxMessageBytes;

    /** How batches are printed. */
    enum Format {
        text, json
    }

    DumpLogCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        if (maxMessageBytes < RecordBatch.HEADER_SIZE) {
            throw new ParameterException(spec.commandLine(), "--max-message-bytes must be at least "
                    + RecordBatch.HEADER_SIZE + " (a batch header) but was " + maxMessageBytes);
        }
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            files.addAll(segmentFiles(p));
        }
        List<String> invalid = new ArrayList<>();
        for (Path file : files) {
            String problem = dump(file);
            if (problem != null) {
                invalid.add(problem);
            }
        }
        if (!invalid.isEmpty()) {
            throw new CommandException(String.join("; ", invalid)
                    + " (recovery cuts a log at its first invalid batch; see docs/storage.md)");
        }
        return 0;
    }

    /** The segment files a path names, in offset order; a usage mistake is one clear error. */
    private static List<Path> segmentFiles(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            if (!path.getFileName().toString().endsWith(".log")) {
                throw new CommandException(path + " is not a segment file: give a NNN.log file or a partition's directory");
            }
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            throw new CommandException(path + " does not exist");
        }
        try (Stream<Path> listed = Files.list(path)) {
            List<Path> logs = listed.filter(p -> p.getFileName().toString().endsWith(".log") && Files.isRegularFile(p))
                    .sorted().toList();
            if (logs.isEmpty()) {
                throw new CommandException("no segment files (NNN.log) in " + path
                        + ": give a partition's directory, e.g. data/topics/orders/0");
            }
            return logs;
        }
    }

    /** Prints one file's batches and a summary line on stderr; returns what was invalid in it, or null. */
    private String dump(Path file) throws IOException {
        long size = Files.size(file);
        Summary summary = new Summary();
        BatchScan.End end;
        if (size == 0) {
            end = new BatchScan.End(0, BatchScan.Stop.END, BatchCheck.VALID, BatchScan.ANY_OFFSET, 0);
        } else {
            MappedBytes bytes = MappedFiles.map(file, size, true);
            try {
                RecordIterator iterator = new RecordIterator();
                // a segment's file is named after its first offset (-1, any, for a file named otherwise)
                end = BatchScan.scan(bytes.bytesStore(), 0, size, maxMessageBytes, SegmentFiles.baseOffsetOf(file),
                        (position, batch) -> {
                            summary.add(batch);
                            print(file, position, batch, iterator);
                        });
            } finally {
                bytes.releaseLast();
            }
        }
        String invalid = switch (end.stop()) {
            case END, ZEROS -> null;
            case INVALID -> "batch at position " + end.position() + " (" + end.check() + ")";
            case OFFSET_GAP -> "batch at position " + end.position() + " (OFFSET_GAP: it does not start at offset "
                    + end.nextOffset() + ")";
        };
        context.err().println(file + ": " + summary + ", " + switch (end.stop()) {
            case END -> "ends with its last batch at position " + end.position();
            case ZEROS -> "written up to position " + end.position() + ", zeros after it";
            case INVALID, OFFSET_GAP -> "INVALID " + invalid;
        });
        return invalid == null ? null : file + " has an invalid " + invalid;
    }

    private void print(Path file, long position, RecordBatch batch, RecordIterator iterator) {
        PrintWriter out = context.out();
        Map<String, Object> fields = new LinkedHashMap<>();
        if (format == Format.json) {
            fields.put("file", file.toString());
        }
        fields.put("baseOffset", batch.baseOffset());
        fields.put("lastOffset", batch.lastOffset());
        fields.put("count", batch.recordCount());
        fields.put("position", position);
        fields.put("size", batch.sizeInBytes());
        fields.put("leaderEpoch", batch.partitionLeaderEpoch());
        fields.put("compression", CompressionCodec.of(batch.compression()).label());
        fields.put("producerId", batch.producerId());
        fields.put("producerEpoch", (int) batch.producerEpoch());
        fields.put("baseSequence", batch.baseSequence());
        fields.put("maxTimestamp", batch.maxTimestamp());
        fields.put("crc", "valid"); // the scan hands over only batches whose CRC matched
        List<Map<String, Object>> shown = records ? records(batch, iterator) : List.of();
        if (format == Format.json) {
            if (records) {
                fields.put("records", shown);
            }
            out.println(Json.line(fields));
            return;
        }
        out.println(keyValues(fields));
        for (Map<String, Object> record : shown) {
            out.println("  " + keyValues(record));
        }
    }

    private static List<Map<String, Object>> records(RecordBatch batch, RecordIterator iterator) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (RecordIterator it = batch.records(iterator); it.hasNext(); ) {
            BatchRecord r = it.next();
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("offset", r.offset());
            record.put("timestamp", r.timestamp());
            record.put("key", RecordFormat.text(r.key()));
            record.put("value", RecordFormat.text(r.value()));
            Map<String, String> headers = new LinkedHashMap<>();
            for (RecordHeader h : r.headers()) {
                headers.put(h.key(), RecordFormat.text(h.value()));
            }
            record.put("headers", headers);
            out.add(record);
        }
        return out;
    }

    /** {@code name=value ...}, strings and maps quoted as JSON so a value with spaces stays one field. */
    private static String keyValues(Map<String, Object> fields) {
        StringBuilder line = new StringBuilder();
        fields.forEach((name, value) -> {
            if (line.length() > 0) {
                line.append(' ');
            }
            boolean plain = value instanceof Number || "compression".equals(name) || "crc".equals(name);
            line.append(name).append('=').append(plain ? String.valueOf(value) : Json.line(value));
        });
        return line.toString();
    }

    /** Counts of one file's valid batches. */
    private static final class Summary {
        long batches;
        long records;
        long first = -1;
        long last = -1;

        void add(RecordBatch batch) {
            batches++;
            records += batch.recordCount();
            if (first < 0) {
                first = batch.baseOffset();
            }
            last = batch.lastOffset();
        }

        @Override
        public String toString() {
            return batches + (batches == 1 ? " batch, " : " batches, ") + records
                    + (records == 1 ? " record" : " records") + (first < 0 ? "" : ", offsets " + first + ".." + last);
        }
    }
}
