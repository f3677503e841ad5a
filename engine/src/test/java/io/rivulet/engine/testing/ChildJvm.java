package io.rivulet.engine.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a class's main in a separate JVM with the test classpath and the Chronicle flags, and collects its output. */
public final class ChildJvm {
    public record Result(int exitCode, String output) {
        /** The fields of the first output line starting with {@code tag + " "}. */
        public String[] line(String tag) {
            return output.lines().filter(l -> l.startsWith(tag + " ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no '" + tag + "' line in child output:\n" + output))
                    .split(" ");
        }
    }

    private ChildJvm() {
    }

    public static Result run(Class<?> main, List<String> jvmArgs, long timeoutSeconds, String... args) throws Exception {
        Process child = new ProcessBuilder(command(main, jvmArgs, args)).redirectErrorStream(true).start();
        child.getOutputStream().close();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(output unreadable: " + e + ")";
            }
        });
        if (!child.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("child " + main.getSimpleName() + " still running after " + timeoutSeconds
                    + " s; output:\n" + output.get(10, TimeUnit.SECONDS));
        }
        return new Result(child.exitValue(), output.get(10, TimeUnit.SECONDS));
    }

    /** The command that runs {@code main} in a child JVM with the test classpath and the Chronicle flags. */
    public static List<String> command(Class<?> main, List<String> jvmArgs, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String flags = System.getProperty("rivulet.jvm.flags", "");
        if (!flags.isBlank()) {
            cmd.addAll(Arrays.asList(flags.trim().split("\\s+")));
        }
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }
}
