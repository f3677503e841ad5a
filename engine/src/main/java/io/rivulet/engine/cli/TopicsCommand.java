package io.rivulet.engine.cli;

import io.rivulet.api.NewTopic;
import io.rivulet.api.Rivulet;
import io.rivulet.api.TopicDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Map;

/** {@code rivulet topics create|list|describe|delete}. */
@Command(name = "topics", description = "Creates, lists, describes and deletes topics.")
final class TopicsCommand {
    private final CommandContext context;

    TopicsCommand(CommandContext context) {
        this.context = context;
    }

    @Command(name = "create", sortOptions = false, description = "Creates a topic.")
    int create(@Parameters(paramLabel = "TOPIC", description = "The topic: 1-249 characters of [a-zA-Z0-9._-].") String topic,
               @Option(names = "--partitions", paramLabel = "N", defaultValue = "1",
                       description = "How many partitions (default: ${DEFAULT-VALUE}); fixed at creation.") int partitions,
               @Option(names = "--replication-factor", paramLabel = "R", defaultValue = "1",
                       description = "How many nodes hold each partition (default: ${DEFAULT-VALUE}; more needs a cluster).")
               int replicationFactor,
               @Option(names = "--config", paramLabel = "KEY=VALUE",
                       description = "A topic setting with Kafka's name, e.g. retention.ms=86400000; repeatable.")
               Map<String, String> configs,
               @Mixin EngineOptions engine) {
        if (replicationFactor < 1 || replicationFactor > Short.MAX_VALUE) {
            throw new CommandException("--replication-factor must be at least 1, not " + replicationFactor);
        }
        NewTopic newTopic = new NewTopic(topic, partitions, (short) replicationFactor,
                configs == null ? Map.of() : configs);
        try (Rivulet rivulet = engine.open()) {
            rivulet.admin().createTopic(newTopic).block();
        }
        context.out().println("created topic " + topic + " with " + partitions + " partition" + (partitions == 1 ? "" : "s")
                + (replicationFactor > 1 ? " and " + replicationFactor + " replicas each" : ""));
        return 0;
    }

    @Command(name = "list", description = "Lists the topics, one per line, sorted.")
    int list(@Mixin EngineOptions engine) {
        List<String> topics;
        try (Rivulet rivulet = engine.open()) {
            topics = rivulet.admin().listTopics().block();
        }
        topics.forEach(context.out()::println);
        return 0;
    }

    @Command(name = "describe", sortOptions = false,
            description = "Shows a topic's configs and, per partition, its log start and end offsets, leader, replicas and ISR.")
    int describe(@Parameters(paramLabel = "TOPIC") String topic,
                 @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
                         description = "text (default) or json (one line).") OutputFormat format,
                 @Mixin EngineOptions engine) {
        TopicDescription description;
        try (Rivulet rivulet = engine.open()) {
            description = rivulet.admin().describeTopic(topic).block();
        }
        if (format == OutputFormat.JSON) {
            context.out().println(TopicView.json(description));
        } else {
            TopicView.text(description).forEach(context.out()::println);
        }
        return 0;
    }

    @Command(name = "delete", description = "Deletes a topic and all its records.")
    int delete(@Parameters(paramLabel = "TOPIC") String topic, @Mixin EngineOptions engine) {
        try (Rivulet rivulet = engine.open()) {
            rivulet.admin().deleteTopic(topic).block();
        }
        context.out().println("deleted topic " + topic);
        return 0;
    }
}
