package io.rivulet.engine.cli;

import io.rivulet.api.Acks;
import io.rivulet.api.NewTopic;
import io.rivulet.api.PartitionDescription;
import io.rivulet.api.Rivulet;
import io.rivulet.api.TopicDescription;
import io.rivulet.api.TopicNames;
import io.rivulet.api.errors.TopicExistsException;
import io.rivulet.api.errors.UnknownTopicException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code rivulet perf produce|consume|e2e TOPIC [--records N] [--record-size B] [--partitions P]
 * [--acks A] [--batch-size B] [--linger-ms L] [--throughput R] [--warmup-records N]}: progress on stderr, then one
 * {@link PerfResult} JSON line on stdout.
 */
@Command(name = "perf", sortOptions = false,
        description = "Measures throughput and latency; prints progress on stderr and ends with one JSON line on stdout.")
final class PerfCommand implements Callable<Integer> {
    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);

    private final CommandContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODE",
            description = "produce (send→ack latency), consume (read from earliest) or e2e (produce→consume latency).")
    PerfMode mode;

    @Parameters(index = "1", paramLabel = "TOPIC", description = "The topic; created with --partitions partitions if missing.")
    String topic;

    @Option(names = "--records", paramLabel = "N", defaultValue = "1000000", description = "Records to send or read (default: ${DEFAULT-VALUE}).")
    long records;

    @Option(names = "--record-size", paramLabel = "B", defaultValue = "100", description = "Value size in bytes (default: ${DEFAULT-VALUE}; e2e needs at least 8).")
    int recordSize;

    @Option(names = "--partitions", paramLabel = "P", defaultValue = "1", description = "Partitions of a topic perf creates (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--acks", paramLabel = "A", converter = AcksConverter.class, description = "acks: 0, 1 or all (default: the producer's, all).")
    Acks acks;

    @Option(names = "--batch-size", paramLabel = "B", description = "batch.size in bytes (default: the producer's).")
    Integer batchSize;

    @Option(names = "--linger-ms", paramLabel = "L", description = "linger.ms (default: the producer's).")
    Long lingerMs;

    @Option(names = "--throughput", paramLabel = "R", defaultValue = "-1",
            description = "Hold the producer to R records/s (produce, e2e); -1 (default) for as fast as it goes.")
    long throughput;

    @Option(names = "--warmup-records", paramLabel = "N", defaultValue = "0",
            description = "Send N records first, the same way but not measured, so the JIT and the log are warm (produce, e2e; default: ${DEFAULT-VALUE}).")
    long warmupRecords;

    @Mixin
    EngineOptions engine;

    PerfCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PerfPlan plan = plan();
        PerfResult result;
        try (Rivulet rivulet = engine.open()) {
            TopicDescription description = ensureTopic(rivulet, plan);
            if (mode == PerfMode.CONSUME) {
                fillUp(rivulet, description, plan);
            }
            if (warmupRecords > 0) {
                warmUp(rivulet, description, plan);
                if (mode == PerfMode.E2E) { // it reads from the partitions' ends, which the warm-up moved
                    description = rivulet.admin().describeTopic(plan.topic()).block();
                }
            }
            try (Progress progress = new Progress("perf " + mode, plan.records(), context.err(), PROGRESS_INTERVAL)) {
                result = switch (mode) {
                    case PRODUCE -> ProducePerf.run(rivulet, plan, progress, context.stop());
                    case CONSUME -> ConsumePerf.run(rivulet, description, plan, progress, context.stop());
                    case E2E -> EndToEndPerf.run(rivulet, description, plan, progress, context.stop());
                };
            }
        }
        context.out().println(result.toJson());
        return 0;
    }

    private PerfPlan plan() {
        if (records < 1) {
            throw new ParameterException(spec.commandLine(), "--records must be at least 1 but was " + records);
        }
        int minSize = mode == PerfMode.E2E ? Payloads.STAMP_BYTES : 0;
        if (recordSize < minSize) {
            throw new ParameterException(spec.commandLine(), "--record-size must be at least " + minSize
                    + (mode == PerfMode.E2E ? " for e2e (each value carries its send time)" : "") + " but was " + recordSize);
        }
        if (partitions < 1) {
            throw new ParameterException(spec.commandLine(), "--partitions must be at least 1 but was " + partitions);
        }
        if (throughput != PerfPlan.UNLIMITED && throughput < 1) {
            throw new ParameterException(spec.commandLine(), "--throughput must be at least 1 record/s, or -1 for "
                    + "no limit, but was " + throughput);
        }
        if (throughput != PerfPlan.UNLIMITED && mode == PerfMode.CONSUME) {
            throw new ParameterException(spec.commandLine(), "--throughput paces the producer: use it with produce or e2e");
        }
        if (warmupRecords < 0) {
            throw new ParameterException(spec.commandLine(), "--warmup-records must be at least 0 but was " + warmupRecords);
        }
        if (warmupRecords > 0 && mode == PerfMode.CONSUME) {
            throw new ParameterException(spec.commandLine(), "--warmup-records sends records before the measured ones: "
                    + "use it with produce or e2e");
        }
        TopicNames.validate(topic);
        return new PerfPlan(topic, records, recordSize, partitions, acks, batchSize, lingerMs, throughput);
    }

    /** The topic, created with the plan's partitions if missing. */
    private TopicDescription ensureTopic(Rivulet rivulet, PerfPlan plan) {
        try {
            TopicDescription existing = rivulet.admin().describeTopic(plan.topic()).block();
            if (spec.commandLine().getParseResult().hasMatchedOption("--partitions")
                    && existing.partitionCount() != plan.partitions()) {
                context.err().println("perf: topic " + plan.topic() + " exists with " + existing.partitionCount()
                        + " partitions; --partitions " + plan.partitions() + " is ignored");
            }
            return existing;
        } catch (UnknownTopicException missing) {
            try {
                rivulet.admin().createTopic(NewTopic.of(plan.topic()).withPartitions(plan.partitions())).block();
            } catch (TopicExistsException createdMeanwhile) {
                // Another client created it first: use theirs.
            }
            return rivulet.admin().describeTopic(plan.topic()).block();
        }
    }

    /**
     * The same run with {@code --warmup-records} records first, paced alike, its result dropped: a short run in a
     * fresh JVM otherwise measures the JIT compiler as much as Rivulet.
     */
    private void warmUp(Rivulet rivulet, TopicDescription description, PerfPlan plan) {
        PerfPlan warm = plan.withRecordsPaced(warmupRecords);
        try (Progress warming = new Progress("perf " + mode + " (warm-up)", warmupRecords, context.err(), PROGRESS_INTERVAL)) {
            if (mode == PerfMode.PRODUCE) {
                ProducePerf.run(rivulet, warm, warming, context.stop());
            } else {
                EndToEndPerf.run(rivulet, description, warm, warming, context.stop());
            }
        }
    }

    /** Consume mode reads existing records: produce the shortfall first, untimed. */
    private void fillUp(Rivulet rivulet, TopicDescription topic, PerfPlan plan) {
        long held = topic.partitions().stream().mapToLong(PartitionDescription::recordCount).sum();
        long missing = plan.records() - held;
        if (missing <= 0) {
            return;
        }
        context.err().println("perf consume: topic " + plan.topic() + " holds " + held + " records; producing "
                + missing + " more first (not measured)");
        try (Progress filling = new Progress("perf consume (filling)", missing, context.err(), PROGRESS_INTERVAL)) {
            ProducePerf.run(rivulet, plan.withRecords(missing), filling, context.stop());
        }
    }
}
