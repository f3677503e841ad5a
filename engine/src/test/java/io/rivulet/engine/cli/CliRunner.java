package io.rivulet.engine.cli;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

/** Runs the rivulet command in this JVM with captured streams, as a test would type it. */
final class CliRunner {
    /** Small segments without preallocation, so a test writes kilobytes, not gigabytes. */
    static final Map<String, String> SMALL = Map.of("log.segment.bytes", Integer.toString(1 << 20), "log.preallocate", "false");

    /** What a run printed and returned. */
    record Result(int exitCode, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }

        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private CliRunner() {
    }

    static Result run(String stdin, String... args) {
        return run(new ManualStop(), stdin, args);
    }

    static Result run(ManualStop stop, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandContext context = context(stop, stdin, out, err);
        int code = Cli.run(context, args);
        return new Result(code, out.toString(), err.toString());
    }

    static CommandContext context(StopSignal stop, String stdin, StringWriter out, StringWriter err) {
        return new CommandContext(new BufferedReader(new StringReader(stdin)), new PrintWriter(out, true),
                new PrintWriter(err, true), stop, SMALL);
    }
}
