package io.rivulet.engine.cli;

import io.rivulet.api.Admin;
import io.rivulet.api.ClusterDescription;
import io.rivulet.api.NodeDescription;
import io.rivulet.api.PartitionDescription;
import io.rivulet.api.Rivulet;
import io.rivulet.api.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/** {@code rivulet cluster describe|reassign|drain}: the nodes, and moving partitions between them. */
@Command(name = "cluster", description = "Shows the cluster's nodes and moves partitions between them.")
final class ClusterCommand {
    private static final Duration POLL = Duration.ofMillis(200);

    private final CommandContext context;

    ClusterCommand(CommandContext context) {
        this.context = context;
    }

    @Command(name = "describe", sortOptions = false,
            description = "Shows the controller and, per node, its address, state, and how many partitions it leads and holds.")
    int describe(@Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
                         description = "text (default) or json (one line).") OutputFormat format,
                 @Mixin EngineOptions engine) {
        ClusterDescription cluster;
        try (Rivulet rivulet = engine.open()) {
            cluster = rivulet.admin().describeCluster().block();
        }
        if (format == OutputFormat.JSON) {
            context.out().println(ClusterView.json(cluster));
        } else {
            ClusterView.text(cluster).forEach(context.out()::println);
        }
        return 0;
    }

    @Command(name = "reassign", sortOptions = false,
            description = "Moves a partition to other nodes: the new replicas catch up, then the replica list switches.")
    int reassign(@Parameters(paramLabel = "TOPIC") String topic,
                 @Option(names = "--partition", paramLabel = "P", required = true,
                         description = "The partition to move.") int partition,
                 @Option(names = "--replicas", paramLabel = "IDS", required = true, split = ",",
                         description = "The node ids to move it to, preferred leader first, e.g. 1,2,4.") List<Integer> replicas,
                 @Option(names = "--wait", description = "Wait until the replica list is the new one.") boolean wait,
                 @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "300000",
                         description = "With --wait: give up after MS milliseconds (default: ${DEFAULT-VALUE}).") long timeoutMs,
                 @Mixin EngineOptions engine) {
        if (partition < 0) {
            throw new CommandException("--partition must be at least 0, not " + partition);
        }
        TopicPartition tp = new TopicPartition(topic, partition);
        String ids = replicas.stream().map(String::valueOf).collect(Collectors.joining(","));
        try (Rivulet rivulet = engine.open()) {
            Admin admin = rivulet.admin();
            admin.reassignPartition(tp, replicas).block();
            context.out().println("reassigning " + tp + " to replicas " + ids);
            if (wait) {
                await(timeoutMs, "the replicas of " + tp + " to become " + ids, () -> {
                    PartitionDescription p = admin.describeTopic(topic).block().partitions().get(partition);
                    return p.replicas().equals(replicas);
                });
                context.out().println(tp + " is on replicas " + ids);
            }
        }
        return 0;
    }

    @Command(name = "drain", sortOptions = false,
            description = "Moves every replica off a node, so that it can be stopped; the node stays registered until then.")
    int drain(@Parameters(paramLabel = "NODE", description = "The node id.") int node,
              @Option(names = "--wait", description = "Wait until the node holds no replica.") boolean wait,
              @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "300000",
                      description = "With --wait: give up after MS milliseconds (default: ${DEFAULT-VALUE}).") long timeoutMs,
              @Mixin EngineOptions engine) {
        try (Rivulet rivulet = engine.open()) {
            Admin admin = rivulet.admin();
            admin.drainNode(node).block();
            int moving = replicasOn(admin, node);
            context.out().println("draining node " + node + ": moving its " + moving + " replica" + (moving == 1 ? "" : "s"));
            if (wait) {
                await(timeoutMs, "node " + node + " to hold no replica", () -> replicasOn(admin, node) == 0);
                context.out().println("node " + node + " holds no replica; it can be stopped");
            }
        }
        return 0;
    }

    /** Replicas on the node, counting those still moving off it. */
    private static int replicasOn(Admin admin, int node) {
        return admin.describeCluster().block().nodes().stream().filter(n -> n.id() == node)
                .mapToInt(NodeDescription::replicaCount).findFirst().orElse(0);
    }

    private static void await(long timeoutMs, String what, BooleanSupplier done) {
        long deadline = System.nanoTime() + Duration.ofMillis(timeoutMs).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new CommandException("gave up after " + timeoutMs + " ms waiting for " + what
                        + "; it goes on in the cluster (check `rivulet cluster describe`)");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CommandException("interrupted while waiting for " + what);
            }
        }
    }
}
