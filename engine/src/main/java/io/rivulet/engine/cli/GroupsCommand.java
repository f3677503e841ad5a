package io.rivulet.engine.cli;

import io.rivulet.api.GroupDescription;
import io.rivulet.api.Rivulet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

/** {@code rivulet groups list|describe}. */
@Command(name = "groups", description = "Lists consumer groups and shows their members, assignment and lag.")
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
}
