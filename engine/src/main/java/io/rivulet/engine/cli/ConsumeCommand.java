package io.rivulet.engine.cli;

import io.rivulet.api.Consumer;
import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.ConsumerRecord;
import io.rivulet.api.OffsetReset;
import io.rivulet.api.PartitionDescription;
import io.rivulet.api.Rivulet;
import io.rivulet.api.StartAt;
import io.rivulet.api.TopicDescription;
import io.rivulet.api.TopicNames;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.serde.Serdes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code rivulet consume TOPIC [--from P] [--group G] [--max N] [--timeout-ms MS] [--format value|json]}.
 *
 * <p>Without a group it reads every partition of the topic from {@code --from}
 * ({@link Consumer#read} per partition, merged; nothing is committed). With a group it joins it through
 * {@link Consumer#receive()} and acknowledges each record once printed, so the group commits what was
 * shown; {@code --from} is then where to start without a committed offset ({@code auto.offset.reset}).
 */
@Command(name = "consume", sortOptions = false,
        description = "Prints the records of a topic, one per line, as they arrive.")
final class ConsumeCommand implements Callable<Integer> {
    private final CommandContext context;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TOPIC")
    String topic;

    @Option(names = "--from", paramLabel = "POSITION", converter = StartAtConverter.class,
            description = "earliest, latest (default), offset:N or time:ISO-8601 (e.g. time:2024-05-01T12:00:00Z). "
                    + "With --group: only earliest or latest, used when the group has no committed offset.")
    StartAt from;

    @Option(names = "--group", paramLabel = "GROUP",
            description = "Consume as a member of this group, committing each printed record.")
    String group;

    @Option(names = "--max", paramLabel = "N", description = "Stop after N records.")
    Long max;

    @Option(names = "--timeout-ms", paramLabel = "MS", description = "Stop when no record arrives for MS milliseconds.")
    Long timeoutMs;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "value",
            description = "value (default: the value only) or json (topic, partition, offset, timestamp, key, value).")
    RecordFormat format;

    @Mixin
    EngineOptions engine;

    ConsumeCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        checkOptions();
        TopicNames.validate(topic);
        AtomicLong printed = new AtomicLong();
        PrintWriter out = context.out();
        try (Rivulet rivulet = engine.open();
             Consumer<byte[], byte[]> consumer = rivulet.consumer(options())) {
            Flux<ConsumerRecord<byte[], byte[]>> records = group == null ? readAll(rivulet, consumer) : consumer.receive();
            if (timeoutMs != null) {
                records = records.timeout(Duration.ofMillis(timeoutMs))
                        .onErrorResume(TimeoutException.class, quiet -> Flux.empty());
            }
            Flux<?> work = records.publishOn(Schedulers.boundedElastic())
                    .doOnNext(record -> {
                        out.println(format.format(record));
                        out.flush();
                        record.acknowledge();
                        printed.incrementAndGet();
                    });
            if (max != null) {
                work = work.take(max, true);
            }
            context.stop().runUntilStopped(work);
        }
        context.err().println("consumed " + printed.get() + " record" + (printed.get() == 1 ? "" : "s"));
        return 0;
    }

    private void checkOptions() {
        if (max != null && max < 1) {
            throw new ParameterException(spec.commandLine(), "--max must be at least 1 but was " + max);
        }
        if (timeoutMs != null && timeoutMs < 1) {
            throw new ParameterException(spec.commandLine(), "--timeout-ms must be at least 1 but was " + timeoutMs);
        }
        if (group != null && from != null && !(from instanceof StartAt.Earliest || from instanceof StartAt.Latest)) {
            throw new ParameterException(spec.commandLine(), "with --group, --from must be earliest or latest (where the "
                    + "group starts without a committed offset), not " + from + "; leave out --group to read from " + from);
        }
    }

    private ConsumerOptions<byte[], byte[]> options() {
        ConsumerOptions.Builder<byte[], byte[]> options = ConsumerOptions.builder(Serdes.byteArray(), Serdes.byteArray());
        if (group != null) {
            options.groupId(group).topics(topic)
                    .autoOffsetReset(from instanceof StartAt.Earliest ? OffsetReset.EARLIEST : OffsetReset.LATEST);
        }
        return options.build();
    }

    /** Every partition of the topic from {@code --from}, merged; each partition keeps its order. */
    private Flux<ConsumerRecord<byte[], byte[]>> readAll(Rivulet rivulet, Consumer<byte[], byte[]> consumer) {
        TopicDescription description = rivulet.admin().describeTopic(topic).block();
        StartAt start = from == null ? StartAt.latest() : from;
        List<Flux<ConsumerRecord<byte[], byte[]>>> partitions = description.partitions().stream()
                .map(PartitionDescription::partition)
                .map(partition -> consumer.read(TopicPartition.of(topic, partition), start))
                .toList();
        return Flux.merge(partitions);
    }
}
