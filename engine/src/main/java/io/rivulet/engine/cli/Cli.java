package io.rivulet.engine.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Builds the {@code rivulet} command line with its error handling: a usage error prints one line and
 * exits 2, a runtime error prints one line ({@link ErrorLine}) and exits 1.
 */
final class Cli {
    private Cli() {
    }

    /** The command line, reading and writing through {@code context}. */
    static CommandLine commandLine(CommandContext context) {
        CommandLine cmd = new CommandLine(new RivuletCommand(context), new CommandFactory(context));
        cmd.setOut(context.out());
        cmd.setErr(context.err());
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setExecutionExceptionHandler((failure, failed, parseResult) -> {
            context.out().flush();
            context.err().println(ErrorLine.of(failure));
            context.err().flush();
            return CommandLine.ExitCode.SOFTWARE;
        });
        cmd.setParameterExceptionHandler((failure, args) -> {
            context.out().flush();
            context.err().println(usageErrorLine(failure));
            context.err().flush();
            return CommandLine.ExitCode.USAGE;
        });
        return cmd;
    }

    /** Runs one command and returns its exit code. */
    static int run(CommandContext context, String... args) {
        int code = commandLine(context).execute(args);
        context.out().flush();
        context.err().flush();
        return code;
    }

    static String usageErrorLine(ParameterException failure) {
        String message = failure.getMessage() == null ? "invalid arguments" : failure.getMessage();
        String command = failure.getCommandLine().getCommandSpec().qualifiedName();
        return "error: " + message.strip().replaceAll("\\s*\\R\\s*", " ") + " (see '" + command + " --help')";
    }
}
