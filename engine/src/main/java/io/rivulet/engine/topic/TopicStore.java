package io.rivulet.engine.topic;

import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.RivuletException;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Where topics live on disk:
 * <pre>
 * DATA_DIR/topics/NAME/topic.properties   partitions=N, config.KEY=VALUE for each override,
 *                                          hosting=replicas for a cluster's (sparse) topic
 * DATA_DIR/topics/NAME/0/ …/N-1/           one partition log each: every one without a cluster, only
 *                                          those this node replicates in a cluster
 * </pre>
 * A topic is built under a hidden {@code .creating-} name and moved into place in one rename, so a
 * crash never leaves half a topic; deletion renames it to {@code .deleting-} first for the same reason,
 * and so does removing one partition of a sparse topic (inside the topic's directory). Leftovers of
 * either are removed on open.
 */
final class TopicStore {
    static final String METADATA = "topic.properties";
    private static final String CREATING = ".creating-";
    private static final String DELETING = ".deleting-";

    private static final String HOSTING = "hosting";
    private static final String HOSTING_REPLICAS = "replicas";

    /** A topic on disk; {@code sparse} when only the partitions with a directory are held here. */
    record Stored(String name, int partitions, Map<String, String> overrides, boolean sparse) {
    }

    private final Path root;

    TopicStore(Path dataDir) {
        this.root = dataDir.resolve("topics");
    }

    Path dir(String topic) {
        return root.resolve(topic);
    }

    /** The topics on disk, removing leftovers of interrupted creates and deletes. */
    List<Stored> load() {
        List<Stored> topics = new ArrayList<>();
        try {
            Files.createDirectories(root);
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
                for (Path d : dirs) {
                    String n = d.getFileName().toString();
                    if (n.startsWith(CREATING) || n.startsWith(DELETING)) {
                        deleteRecursively(d);
                    } else if (Files.isRegularFile(d.resolve(METADATA))) {
                        removeLeftovers(d);
                        topics.add(read(n, d.resolve(METADATA)));
                    }
                }
            }
        } catch (IOException e) {
            throw io("cannot read topics in " + root, e);
        }
        topics.sort(Comparator.comparing(Stored::name));
        return topics;
    }

    /**
     * Writes a new topic's directory and metadata and moves it into place atomically. A sparse topic starts
     * with no partition directory: each is made when this node becomes one of its replicas.
     */
    Path create(String name, int partitions, Map<String, String> overrides, boolean sparse) {
        Path staging = root.resolve(CREATING + name + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            Files.createDirectories(staging);
            for (int p = 0; p < partitions && !sparse; p++) {
                Files.createDirectories(staging.resolve(Integer.toString(p)));
            }
            writeMetadata(staging.resolve(METADATA), name, partitions, overrides, sparse);
            Path target = dir(name);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            deleteRecursively(staging);
            throw io("cannot create topic '" + name + "' in " + root, e);
        }
    }

    /**
     * Marks a topic written before sparse topics existed (every partition on every node) as sparse, so a
     * partition removed from it is not made again at the next open. Atomic: written aside, then renamed.
     */
    void markSparse(String name, int partitions, Map<String, String> overrides) {
        Path file = dir(name).resolve(METADATA);
        Path staging = dir(name).resolve(CREATING + METADATA);
        try {
            writeMetadata(staging, name, partitions, overrides, true);
            Files.move(staging, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw io("cannot update " + file, e);
        }
    }

    /** Where partition {@code p} of the topic keeps its log. */
    Path partitionDir(String topic, int p) {
        return dir(topic).resolve(Integer.toString(p));
    }

    /** Whether partition {@code p} of the topic has a directory (a sparse topic holds it here). */
    boolean hasPartition(String topic, int p) {
        return Files.isDirectory(partitionDir(topic, p));
    }

    /**
     * Removes one partition's files (this node stopped being its replica): out of sight in one rename, so a
     * crash never leaves half a log that a restart would open, then deleted.
     */
    void deletePartition(String topic, int p) {
        Path dir = partitionDir(topic, p);
        if (!Files.exists(dir)) {
            return;
        }
        Path gone = dir(topic).resolve(DELETING + p + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            Files.move(dir, gone, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw io("cannot delete partition " + p + " of topic '" + topic + "' in " + root, e);
        }
        deleteRecursively(gone);
    }

    private static void writeMetadata(Path file, String name, int partitions, Map<String, String> overrides,
                                      boolean sparse) throws IOException {
        Properties props = new Properties();
        props.setProperty("partitions", Integer.toString(partitions));
        if (sparse) {
            props.setProperty(HOSTING, HOSTING_REPLICAS);
        }
        new TreeMap<>(overrides).forEach((k, v) -> props.setProperty("config." + k, v));
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            props.store(w, "Rivulet topic " + name);
        }
    }

    /** Removes what an interrupted partition removal or metadata update left inside a topic's directory. */
    private static void removeLeftovers(Path topicDir) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(topicDir)) {
            for (Path e : entries) {
                String n = e.getFileName().toString();
                if (n.startsWith(CREATING) || n.startsWith(DELETING)) {
                    deleteRecursively(e);
                }
            }
        }
    }

    /** Removes a topic's files: first out of sight in one rename, then deleted. */
    void delete(String name) {
        Path gone = root.resolve(DELETING + name + "-" + System.nanoTime());
        try {
            Files.move(dir(name), gone, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw io("cannot delete topic '" + name + "' in " + root, e);
        }
        deleteRecursively(gone);
    }

    private static Stored read(String name, Path file) throws IOException {
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(r);
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String key : new TreeMap<>(props).keySet().stream().map(Object::toString).toList()) {
            if (key.startsWith("config.")) {
                overrides.put(key.substring("config.".length()), props.getProperty(key));
            }
        }
        try {
            return new Stored(name, Integer.parseInt(props.getProperty("partitions", "")), overrides,
                    HOSTING_REPLICAS.equals(props.getProperty(HOSTING)));
        } catch (NumberFormatException e) {
            throw new IOException(file + " has no valid 'partitions' entry", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A later open removes the leftover; the topic is already out of sight.
        }
    }

    private static RivuletException io(String message, IOException e) {
        if (io.rivulet.storage.LogIOException.of(message, e) instanceof io.rivulet.storage.StorageFullException) {
            return new io.rivulet.api.errors.StorageFullException(message, e);
        }
        return new RivuletException(ErrorCode.UNKNOWN, message + ": " + e.getMessage(), e);
    }
}
