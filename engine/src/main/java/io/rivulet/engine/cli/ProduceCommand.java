package io.rivulet.engine.cli;

import io.rivulet.api.Acks;
import io.rivulet.api.Producer;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.Rivulet;
import io.rivulet.api.TopicNames;
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
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code rivulet produce TOPIC [--acks 0|1|all] [--key-separator SEP] [--print-offsets]}: one record
 * per line of standard input (UTF-8), sent through the producer's {@code Flux} API, results in order.
 */
@Command(name = "produce", sortOptions = false,
        description = "Sends one record per line of standard input (UTF-8) to a topic.")
final class ProduceCommand implements Callable<Integer> {
    private final CommandContext context;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TOPIC", description = "The topic (created on first use when the engine allows it).")
    String topic;

    @Option(names = "--acks", paramLabel = "0|1|all", converter = AcksConverter.class,
            description = "How much of a write is confirmed before it counts as sent (default: all).")
    Acks acks;

    @Option(names = "--key-separator", paramLabel = "SEP",
            description = "Read each line as KEY SEP VALUE, split at the first SEP (e.g. ':' or $'\\t'); "
                    + "a line without SEP stops with an error after the lines before it are sent.")
    String keySeparator;

    @Option(names = "--print-offsets",
            description = "Print 'PARTITION OFFSET' for each record as soon as it is acknowledged (in input order).")
    boolean printOffsets;

    @Mixin
    EngineOptions engine;

    ProduceCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (keySeparator != null && keySeparator.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--key-separator must not be empty");
        }
        TopicNames.validate(topic);
        ProducerOptions.Builder<String, String> options = ProducerOptions.builder(Serdes.string(), Serdes.string());
        if (acks != null) {
            options.acks(acks);
        }
        LineSource lines = new LineSource(context.in(), topic, keySeparator);
        AtomicLong sent = new AtomicLong();
        PrintWriter out = context.out();
        try (Rivulet rivulet = engine.open(); Producer<String, String> producer = rivulet.producer(options.build())) {
            Flux<?> work = producer.send(lines.records())
                    .publishOn(Schedulers.boundedElastic())
                    .doOnNext(meta -> {
                        sent.incrementAndGet();
                        if (printOffsets) {
                            out.println(meta.partition() + " " + meta.offset());
                            out.flush();
                        }
                    });
            context.stop().runUntilStopped(work);
        }
        lines.badLine().ifPresent(error -> {
            throw error;
        });
        context.err().println("produced " + sent.get() + " record" + (sent.get() == 1 ? "" : "s") + " to " + topic);
        return 0;
    }
}
