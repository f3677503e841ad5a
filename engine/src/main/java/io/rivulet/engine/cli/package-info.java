/**
 * The {@code rivulet} command: {@code server}, {@code topics}, {@code produce}, {@code consume},
 * {@code groups}, {@code cluster} and {@code perf}, built on picocli.
 *
 * <p>Every command talks to an engine through the public {@code io.rivulet.api} interfaces only
 * ({@code Rivulet.embedded()} on {@code --data-dir}, or {@code Rivulet.connect} with {@code --bootstrap}),
 * so the same commands work against an embedded and a remote engine. Pure parts (parsing, formatting,
 * the perf result) are separate classes, tested without an engine; {@link io.rivulet.engine.cli.Main}
 * is the only place that touches the process (system streams, exit code, shutdown hooks).
 */
package io.rivulet.engine.cli;
