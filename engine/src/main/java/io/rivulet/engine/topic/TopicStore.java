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
 * DATA_DIR/topics/NAME/topic.properties   partitions=N, config.KEY=VALUE for each override
 * DATA_DIR/topics/NAME/0/ …/N-1/           one partition log each
 * </pre>
 * A topic is built under a hidden {@code .creating-} name and moved into place in one rename, so a
 * crash never leaves half a topic; deletion renames it to {@code .deleting-} first for the same reason.
 * Leftovers of either are removed on open.
 */
final class TopicStore {
    static final String METADATA = "topic.properties";
    private static final String CREATING = ".creating-";
    private static final String DELETING = ".deleting-";

    record Stored(String name, int partitions, Map<String, String> overrides) {
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

    /** Writes a new topic's directory and metadata and moves it into place atomically. */
    Path create(String name, int partitions, Map<String, String> overrides) {
        Path staging = root.resolve(CREATING + name + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            Files.createDirectories(staging);
            for (int p = 0; p < partitions; p++) {
                Files.createDirectories(staging.resolve(Integer.toString(p)));
            }
            Properties props = new Properties();
            props.setProperty("partitions", Integer.toString(partitions));
            new TreeMap<>(overrides).forEach((k, v) -> props.setProperty("config." + k, v));
            try (Writer w = Files.newBufferedWriter(staging.resolve(METADATA), StandardCharsets.UTF_8)) {
                props.store(w, "Rivulet topic " + name);
            }
            Path target = dir(name);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            deleteRecursively(staging);
            throw io("cannot create topic '" + name + "' in " + root, e);
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
            return new Stored(name, Integer.parseInt(props.getProperty("partitions", "")), overrides);
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
