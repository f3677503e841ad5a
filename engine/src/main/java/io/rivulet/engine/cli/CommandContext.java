package io.rivulet.engine.cli;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * What a command reads from and writes to, and how it learns to stop: the process's streams in
 * {@link Main}, captured ones in tests. Text is UTF-8 whatever the platform's default charset.
 *
 * @param in   standard input
 * @param out  standard output: the command's results only
 * @param err  standard error: progress, summaries and the one-line error
 * @param stop the stop request (Ctrl-C, SIGTERM)
 * @param engineConfig settings every embedded engine of this run starts from (empty for the real
 *             command; tests use small segments); {@code server --config} settings override them
 */
record CommandContext(BufferedReader in, PrintWriter out, PrintWriter err, StopSignal stop,
                      Map<String, String> engineConfig) {

    CommandContext {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(stop, "stop");
        engineConfig = Map.copyOf(engineConfig);
    }

    /** The process's standard streams. */
    static CommandContext system(StopSignal stop) {
        return new CommandContext(
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8)),
                new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true),
                stop, Map.of());
    }
}
