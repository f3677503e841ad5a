package io.rivulet.engine.cli;

import io.rivulet.api.Admin;
import io.rivulet.api.GroupDescription;
import io.rivulet.api.PartitionDescription;
import io.rivulet.api.PartitionLag;
import io.rivulet.api.Rivulet;
import io.rivulet.api.StartAt;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.RivuletException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** {@code rivulet groups list|describe|delete|reset-offsets}. */
@Command(name = "groups", description = "Lists consumer groups, shows their members, assignment and lag, and deletes "
        + "or moves groups without members.")
final class GroupsCommand {
    private final CommandContext context;

    GroupsCommand(CommandContext context) {
        this.context = context;
    }

    @Command(name = "list", description = "Lists the consumer groups, one per line, sorted.")
    int list(@Mixin EngineOptions engine) {
        List<String> groups;
        try (Rivulet rivulet = engine.open()) {
            groups = rivulet.admin().listGroups().block();
        }
        groups.forEach(context.out()::println);
        return 0;
    }

    @Command(name = "describe", sortOptions = false,
            description = "Shows a group's state, members, assignment, committed offsets and lag.")
    int describe(@Parameters(paramLabel = "GROUP") String group,
                 @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
                         description = "text (default) or json (one line).") OutputFormat format,
                 @Mixin EngineOptions engine) {
        GroupDescription description;
        try (Rivulet rivulet = engine.open()) {
            description = rivulet.admin().describeGroup(group).block();
        }
        if (format == OutputFormat.JSON) {
            context.out().println(GroupView.json(description));
        } else {
            GroupView.text(description).forEach(context.out()::println);
        }
        return 0;
    }

    @Command(name = "delete", description = "Deletes a group without members: its committed offsets.")
    int delete(@Parameters(paramLabel = "GROUP") String group, @Mixin EngineOptions engine) {
        try (Rivulet rivulet = engine.open()) {
            rivulet.admin().deleteGroup(group).block();
        }
        context.out().println("deleted group " + group);
        return 0;
    }

    /** Where to move the group: exactly one of the two. */
    static final class Target {
        @Option(names = "--to", paramLabel = "POSITION", converter = StartAtConverter.class,
                description = "earliest, latest, offset:N or time:ISO-8601 (the first record at or after it).")
        StartAt to;

        @Option(names = "--shift-by", paramLabel = "N",
                description = "Move each committed position by N records (negative: back), within the log.")
        Long shiftBy;
    }

    @Command(name = "reset-offsets", sortOptions = false,
            description = "Moves the committed offsets of a group without members. Shows the new offsets; "
                    + "commits them only with --execute.")
    int resetOffsets(@Parameters(paramLabel = "GROUP") String group,
                     @Option(names = "--topic", required = true, paramLabel = "TOPIC[:P,P...]",
                             description = "The topic, optionally with the partitions to move (default: all).")
                     String topic,
                     @ArgGroup(multiplicity = "1") Target target,
                     @Option(names = "--execute", description = "Commit the new offsets (default: only show them).")
                     boolean execute,
                     @Mixin EngineOptions engine) {
        Table table = new Table("TOPIC", "PARTITION", "CURRENT", "NEW");
        try (Rivulet rivulet = engine.open()) {
            Admin admin = rivulet.admin();
            Map<TopicPartition, Long> current = committed(admin, group);
            Map<TopicPartition, Long> moved = new LinkedHashMap<>();
            for (PartitionDescription p : partitions(admin, topic)) {
                TopicPartition tp = TopicPartition.of(topicName(topic), p.partition());
                long now = current.getOrDefault(tp, -1L);
                long next = target.to != null ? admin.offsetOf(tp, target.to).block()
                        : OffsetShift.shift(now, target.shiftBy, p.logStartOffset(), p.endOffset());
                moved.put(tp, next);
                table.row(tp.topic(), tp.partition(), now < 0 ? "-" : now, next);
            }
            if (execute) {
                admin.alterGroupOffsets(group, moved).block();
            }
        }
        table.lines().forEach(context.out()::println);
        context.out().println(execute ? "committed the new offsets of group " + group
                : "dry run: nothing changed; add --execute to commit these offsets");
        return 0;
    }

    private static Map<TopicPartition, Long> committed(Admin admin, String group) {
        Map<TopicPartition, Long> out = new LinkedHashMap<>();
        try {
            for (PartitionLag lag : admin.describeGroup(group).block().partitions()) {
                if (lag.committedOffset() != PartitionLag.NO_OFFSET) {
                    out.put(lag.topicPartition(), lag.committedOffset());
                }
            }
        } catch (RivuletException e) {
            if (e.code() != ErrorCode.UNKNOWN_GROUP) {
                throw e;
            }
        }
        return out;
    }

    /** The partitions {@code TOPIC[:P,P...]} names, checked against the topic's. */
    private static List<PartitionDescription> partitions(Admin admin, String spec) {
        List<PartitionDescription> all = admin.describeTopic(topicName(spec)).block().partitions();
        int colon = spec.indexOf(':');
        if (colon < 0) {
            return all;
        }
        Set<Integer> asked = new TreeSet<>();
        for (String p : spec.substring(colon + 1).split(",")) {
            try {
                asked.add(Integer.parseInt(p.trim()));
            } catch (NumberFormatException e) {
                throw new CommandException("--topic " + spec + ": '" + p.trim() + "' is not a partition number; "
                        + "write TOPIC or TOPIC:0,2");
            }
        }
        for (int p : asked) {
            if (p < 0 || p >= all.size()) {
                throw new CommandException("--topic " + spec + ": topic '" + topicName(spec) + "' has partitions 0 to "
                        + (all.size() - 1));
            }
        }
        return all.stream().filter(d -> asked.contains(d.partition())).toList();
    }

    private static String topicName(String spec) {
        int colon = spec.indexOf(':');
        return colon < 0 ? spec : spec.substring(0, colon);
    }
}
