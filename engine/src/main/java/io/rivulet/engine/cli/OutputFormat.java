package io.rivulet.engine.cli;

/** {@code --format} of the describe commands: a table for people, or one JSON line for scripts. */
enum OutputFormat {
    TEXT, JSON;

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
