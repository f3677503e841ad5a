package io.rivulet.engine.cli;

import java.util.HashMap;
import java.util.Map;
import io.rivulet.api.Rivulet;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;

/**
 * {@code --data-dir DIR} / {@code --bootstrap URI}: which engine a command talks to. Only the public
 * API is used, so a command works the same on an embedded engine and on a remote one.
 */
final class EngineOptions {
    static final Path DEFAULT_DATA_DIR = Path.of("data");

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Open the engine on this data directory, in this process (default: ./data).")
    Path dataDir;

    @Option(names = "--bootstrap", paramLabel = "URI",
            description = "Talk to a running node instead, e.g. rivulet://localhost:7070.")
    String bootstrap;

    @Option(names = "--client-config", paramLabel = "FILE",
            description = "With --bootstrap: a properties file of client settings (request.timeout.ms, ssl.truststore.certificates, ...).")
    Path clientConfig;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    private final CommandContext context;

    EngineOptions(CommandContext context) {
        this.context = context;
    }

    /** The data directory the embedded engine opens. */
    Path dataDir() {
        return dataDir == null ? DEFAULT_DATA_DIR : dataDir;
    }

    /**
     * Opens the engine: {@code Rivulet.connect(bootstrap)} or an embedded engine on the data directory.
     *
     * @throws ParameterException if both were given
     */
    Rivulet open() {
        if (bootstrap != null) {
            if (dataDir != null) {
                throw new ParameterException(command.commandLine(),
                        "give either --data-dir (embedded) or --bootstrap (a running node), not both");
            }
            Map<String, String> config = new HashMap<>();
            String token = System.getenv("RIVULET_TOKEN");
            if (token != null) {
                config.put("rivulet.token", token);
            }
            if (clientConfig != null) {
                config.putAll(PropertiesFile.read(clientConfig));
            }
            return Rivulet.connect(bootstrap, config);
        }
        return Rivulet.embedded().dataDir(dataDir()).config(context.engineConfig()).open();
    }
}
