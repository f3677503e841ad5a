package io.rivulet.engine.cli;

import io.rivulet.api.Rivulet;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.rivulet.engine.embedded.EmbeddedRivulet;
import io.rivulet.engine.kafka.KafkaListener;
import io.rivulet.engine.kafka.KafkaSettings;
import io.rivulet.engine.http.HttpListener;
import io.rivulet.engine.http.HttpSettings;
import io.rivulet.api.errors.InvalidConfigException;
import io.rivulet.engine.net.FrameBounds;
import io.rivulet.engine.lifecycle.ClusterNode;
import io.rivulet.engine.net.server.NativeServer;
import io.rivulet.engine.net.server.NativeSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import reactor.core.publisher.Flux;

import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code rivulet server [--data-dir DIR] [--config FILE] [--bind ADDR] [--native-port P] [--http-port P] [--kafka-port P]
 * [--tls-cert FILE --tls-key FILE [--tls-trust FILE]] [--node-id N --cluster ...]}: opens
 * a node on the data directory, serves it on its listeners, and keeps it open until Ctrl-C or SIGTERM, then
 * closes the listeners and the node cleanly. The ports actually bound are printed on start (port 0 picks a
 * free one), one line per listener, so scripts can read them.
 */
@Command(name = "server", sortOptions = false,
        description = "Runs a node on the data directory and serves it over the network until Ctrl-C or SIGTERM.")
final class ServerCommand implements Callable<Integer> {
    private final CommandContext context;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the node keeps its log (default: ./data).")
    Path dataDir = EngineOptions.DEFAULT_DATA_DIR;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A Java properties file of engine settings, e.g. num.partitions=3.")
    Path configFile;

    @Option(names = "--bind", paramLabel = "ADDR", description = "The address every listener binds (default: 127.0.0.1).")
    String bind = "127.0.0.1";

    @Option(names = "--native-port", paramLabel = "P",
            description = "The native protocol's port (default: 7070; 0 picks a free one, -1 turns it off).")
    int nativePort = NativeSettings.DEFAULT_PORT;

    @Option(names = "--http-port", paramLabel = "P",
            description = "HTTP, WebSocket, /metrics and the web page (default: 8080; 0 picks a free one, -1 turns it off).")
    int httpPort = 8080;

    @Option(names = "--kafka-port", paramLabel = "P",
            description = "The Kafka protocol's port, for stock Kafka clients and tools (default: 9092; 0 turns it off).")
    Integer kafkaPort;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Require this token from every client (default: the RIVULET_TOKEN environment variable; none = open).")
    String token = System.getenv("RIVULET_TOKEN");

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate chain: serve TLS (with --tls-key); "
            + "in a cluster, also between the nodes (config ssl.keystore.certificates).")
    File tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM private key (PKCS#8) of --tls-cert "
            + "(config ssl.keystore.key).")
    File tlsKey;

    @Option(names = "--tls-trust", paramLabel = "FILE", description = "PEM certificates the other cluster nodes' "
            + "certificates must chain to (default: this node's own --tls-cert chain; config ssl.truststore.certificates).")
    File tlsTrust;

    @Option(names = "--node-id", paramLabel = "N", description = "This node's id in its cluster (config node.id).")
    Integer nodeId;

    @Option(names = "--cluster", paramLabel = "ID@HOST:PORT,...",
            description = "Join a cluster: its controller-eligible nodes and their consensus ports, e.g. "
                    + "1@h1:9093,2@h2:9093,3@h3:9093 (config controller.quorum.voters).")
    String cluster;

    ServerCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Map<String, String> config = new LinkedHashMap<>(context.engineConfig());
        if (configFile != null) {
            config.putAll(PropertiesFile.read(configFile));
        }
        // http.* and ws.* settings belong to the HTTP listener; the engine refuses keys it does not know
        Map<String, String> httpConfig = new LinkedHashMap<>();
        config.entrySet().removeIf(e -> {
            boolean http = e.getKey().startsWith("http.") || e.getKey().startsWith("ws.");
            if (http) {
                httpConfig.put(e.getKey(), e.getValue());
            }
            return http;
        });
        // the native listener's own setting, named after Kafka's; the engine does not know it
        int maxFrameBytes = FrameBounds.DEFAULT_MAX_FRAME_LENGTH;
        String maxFrame = config.remove(FrameBounds.CONFIG_NAME);
        int maxKafkaRequest = maxFrame == null ? KafkaSettings.DEFAULT_MAX_REQUEST_BYTES : 0; // set below when given
        if (maxFrame != null) {
            try {
                maxFrameBytes = FrameBounds.checkMaxFrameLength(Integer.parseInt(maxFrame.trim()));
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigException(FrameBounds.CONFIG_NAME, maxFrame,
                        "a whole number of bytes from " + FrameBounds.MIN_MAX_FRAME_LENGTH + " to "
                                + FrameBounds.MAX_MAX_FRAME_LENGTH + ", the same on clients");
            }
            maxKafkaRequest = maxFrameBytes;
        }
        TlsFiles tlsFiles = TlsFiles.take(config, tlsCert, tlsKey, tlsTrust);
        SslContext tls = tls(tlsFiles);
        if (token != null && token.isEmpty()) {
            token = null; // RIVULET_TOKEN= (set but empty) leaves the node open, as when it is unset
        }
        ClusterConfig clusterConfig = ClusterConfig.take(config, nodeId, cluster, token, tlsFiles.forCluster());
        int kafka = kafkaPort == null ? KafkaSettings.DEFAULT_PORT : kafkaPort;
        if (clusterConfig == null && tlsFiles.trust() != null) {
            throw new CommandException("--tls-trust (" + TlsFiles.TRUST + ") says whom a node trusts among the other "
                    + "nodes of its cluster: leave it out on a single node, or join a cluster with --cluster");
        }
        HttpSettings http = HttpSettings.fromProperties(httpConfig)
                .withAddress(bind, Math.max(0, httpPort)) // not used when -1 turns the listener off
                .withToken(token).withTls(tls);
        Path where = dataDir.toAbsolutePath().normalize();
        try (EmbeddedRivulet rivulet = EmbeddedRivulet.open(dataDir, config);
             ClusterNode node = clusterConfig == null ? null : ClusterNode.create(rivulet.engine(), clusterConfig.options())) {
            if (node != null) {
                rivulet.useAdmin(node.admin());
            }
            try (NativeServer server = nativePort < 0 ? null : NativeServer.start(rivulet.engine(), rivulet.admin(),
                         new NativeSettings(bind, nativePort, maxFrameBytes, token, tls),
                         node == null ? null : node.metadata());
                 Rivulet routed = node == null || server == null || httpPort < 0 ? null
                         : routedClient(bind, server, clusterConfig);
                 HttpListener web = httpPort < 0 ? null : HttpListener.start(routed != null ? routed : rivulet, http,
                         rivulet.engine().metrics());
                 KafkaListener kafkaDoor = kafka <= 0 ? null : startKafka(rivulet, node, new KafkaSettings(bind, kafka,
                         maxKafkaRequest, tls, token))) {
                if (node != null) {
                    if (server == null) {
                        throw new CommandException("a cluster node needs its native listener: other nodes copy from "
                                + "it; leave out --native-port -1");
                    }
                    node.join(NativeServer.advertisedHost(bind), server.port(), web == null ? 0 : web.port(),
                            kafkaDoor == null ? 0 : kafkaDoor.port());
                }
                String secured = (tls != null ? " (TLS)" : "") + (token != null ? " (token required)" : "");
                if (server != null) {
                    context.out().println("native listening on " + bind + ":" + server.port() + secured);
                }
                if (web != null) {
                    context.out().println("http listening on " + bind + ":" + web.port() + secured);
                }
                if (kafkaDoor != null) {
                    context.out().println("kafka listening on " + bind + ":" + kafkaDoor.port()
                            + (tls != null ? " (TLS)" : "") + (token != null ? " (SASL/PLAIN, the token as password)" : ""));
                }
                if (node != null) {
                    node.awaitRegistered(java.time.Duration.ofSeconds(60));
                    context.out().println("cluster node " + clusterConfig.options().nodeId() + " joined: controllers "
                            + clusterConfig.options().controllers() + (tls != null ? " (TLS between nodes)" : ""));
                }
                context.out().println("rivulet server ready: data in " + where + " (Ctrl-C or SIGTERM stops it)");
                context.out().flush();
                context.stop().runUntilStopped(Flux.never());
            }
        }
        context.err().println("rivulet server stopped: " + where + " closed cleanly");
        return 0;
    }

    private static KafkaListener startKafka(EmbeddedRivulet rivulet, ClusterNode node, KafkaSettings settings) {
        try {
            return node == null ? KafkaListener.start(rivulet.engine(), rivulet.admin(), settings)
                    : KafkaListener.start(rivulet.engine(), rivulet.admin(), settings, node.kafkaMetadata());
        } catch (RuntimeException e) {
            throw new CommandException("cannot serve the Kafka protocol on " + settings.host() + ":" + settings.port()
                    + " (" + e.getMessage() + "): is a Kafka broker or another node there? Choose a free port with "
                    + "--kafka-port P, or turn it off with --kafka-port 0");
        }
    }

    /**
     * What a cluster node's HTTP door serves: a client of the cluster through this node's own native listener, so
     * records go to and come from each partition's leader, and groups to the cluster's coordinator, whichever node
     * a browser or script reached. It connects with the replication links' settings (token, TLS trust).
     */
    private static Rivulet routedClient(String bind, NativeServer server, ClusterConfig cluster) {
        return Rivulet.connect("rivulet://" + NativeServer.advertisedHost(bind) + ":" + server.port(),
                cluster.options().linkConfig());
    }

    private static SslContext tls(TlsFiles files) {
        if (!files.enabled()) {
            return null;
        }
        try {
            if (files.trust() != null) {
                SslContextBuilder.forClient().trustManager(files.trust().toFile()).build(); // read now, fail early
            }
        } catch (Exception e) {
            throw new CommandException("cannot read the trusted certificates " + files.trust() + ": " + e.getMessage()
                    + " (a PEM file of X.509 certificates)");
        }
        try {
            return SslContextBuilder.forServer(files.certificate().toFile(), files.key().toFile()).build();
        } catch (Exception e) {
            throw new CommandException("cannot read the TLS certificate " + files.certificate() + " or key "
                    + files.key() + ": " + e.getMessage() + " (PEM files; the key in PKCS#8)");
        }
    }
}
