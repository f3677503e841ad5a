package io.rivulet.engine.cli;

import io.rivulet.api.Rivulet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import reactor.core.publisher.Flux;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code rivulet server [--data-dir DIR] [--config FILE]}: opens a node on the data directory and keeps
 * it open until Ctrl-C or SIGTERM, then closes it cleanly. Network listeners arrive with the network
 * issue; until then the node serves nothing outside this process.
 */
@Command(name = "server", sortOptions = false,
        description = "Runs a node on the data directory until Ctrl-C or SIGTERM, then closes it cleanly.")
final class ServerCommand implements Callable<Integer> {
    private final CommandContext context;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the node keeps its log (default: ./data).")
    Path dataDir = EngineOptions.DEFAULT_DATA_DIR;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A Java properties file of engine settings, e.g. num.partitions=3.")
    Path configFile;

    ServerCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Map<String, String> config = new LinkedHashMap<>(context.engineConfig());
        if (configFile != null) {
            config.putAll(PropertiesFile.read(configFile));
        }
        Path where = dataDir.toAbsolutePath().normalize();
        try (Rivulet rivulet = Rivulet.embedded().dataDir(dataDir).config(config).open()) {
            context.out().println("rivulet server ready: data in " + where + " (embedded node; Ctrl-C or SIGTERM stops it)");
            context.out().flush();
            context.stop().runUntilStopped(Flux.never());
        }
        context.err().println("rivulet server stopped: " + where + " closed cleanly");
        return 0;
    }
}
