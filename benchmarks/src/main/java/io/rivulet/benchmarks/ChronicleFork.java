package io.rivulet.benchmarks;

import org.openjdk.jmh.annotations.Fork;

/**
 * The forked JVM every benchmark runs in: one fork with the flags Chronicle needs on Java 17+
 * (docs/operations.md, the {@code rivulet.jvm.flags} property of the parent POM). Benchmark classes
 * extend this instead of repeating the flags; JMH looks up {@code @Fork} (like {@code @Warmup},
 * {@code @Measurement} and {@code @BenchmarkMode}) on superclasses when a class has none itself.
 * {@code -f}, {@code -jvmArgs} and {@code -jvmArgsAppend} on the command line still override it.
 */
@Fork(value = 1, jvmArgsAppend = {
        "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED", "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
        "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
        "-DmappedFile.retain=true", "-Ddisable.single.threaded.check=true",
        "-Dchronicle.analytics.disable=true", "-Dchronicle.announcer.disable=true"})
public abstract class ChronicleFork {
}
