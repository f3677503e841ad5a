package io.rivulet.engine.cli;

/**
 * The entry point of {@code rivulet.jar}: prepares the JVM, runs one command and exits with its code.
 *
 * <p>Chronicle reads some settings once, when its classes load, so the {@code -D} properties of the
 * project's JVM flag list are set here first (unless given on the command line); the {@code --add-opens}
 * and {@code --add-exports} flags come from the jar's manifest. Logging goes to stderr at WARN.
 */
public final class Main {
    static final String LOGBACK_CONFIG_PROPERTY = "logback.configurationFile";
    static final String LOGBACK_CONFIG = "io/rivulet/engine/cli/logback-cli.xml";

    private Main() {
    }

    /** Runs {@code rivulet ARGS…} and exits: 0 on success, 1 on a runtime error, 2 on a usage error. */
    public static void main(String[] args) {
        JvmFlags.applySystemPropertyDefaults();
        if (System.getProperty(LOGBACK_CONFIG_PROPERTY) == null) {
            System.setProperty(LOGBACK_CONFIG_PROPERTY, LOGBACK_CONFIG);
        }
        ShutdownHooks hooks = new ShutdownHooks();
        int code = Cli.run(CommandContext.system(hooks), args);
        hooks.finished();
        System.exit(code);
    }
}
