package io.rivulet.engine.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code rivulet}: the top-level command; on its own it shows the usage. */
@Command(name = "rivulet",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = "Rivulet: a partitioned, append-only log. Commands open the data directory "
                + "(--data-dir, default ./data) in this process, or a running node with --bootstrap.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:runtime error (one line on stderr)", "2:usage error"},
        subcommands = {
                ServerCommand.class,
                TopicsCommand.class,
                ProduceCommand.class,
                ConsumeCommand.class,
                GroupsCommand.class,
                ClusterCommand.class,
                PerfCommand.class,
                DumpLogCommand.class,
        })
final class RivuletCommand implements Callable<Integer> {
    private final CommandContext context;

    @Spec
    CommandSpec spec;

    RivuletCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(context.err());
        return CommandLine.ExitCode.USAGE;
    }
}
