package io.rivulet.engine.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.rivulet.api.PartitionDescription;
import io.rivulet.api.TopicDescription;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How {@code rivulet topics describe} shows a topic: a table, or one JSON object
 * {@code {"topic":…,"configs":{…},"partitions":[{"partition":0,"logStartOffset":…,"endOffset":…,"leader":…,"replicas":[…],"isr":[…]}]}}
 * whose partition fields are those of {@link PartitionDescription}.
 */
final class TopicView {
    private TopicView() {
    }

    /** The JSON document: the topic, its configs sorted by key, and its partitions. */
    @JsonPropertyOrder({"topic", "configs", "partitions"})
    record Document(String topic, Map<String, String> configs, List<PartitionDescription> partitions) {
    }

    static String json(TopicDescription topic) {
        return Json.line(new Document(topic.name(), new TreeMap<>(topic.configs()), topic.partitions()));
    }

    /** A summary line, the configs line, then one table row per partition. */
    static List<String> text(TopicDescription topic) {
        long records = topic.partitions().stream().mapToLong(PartitionDescription::recordCount).sum();
        List<String> lines = new ArrayList<>();
        lines.add("topic " + topic.name() + ": " + topic.partitionCount() + " partition"
                + (topic.partitionCount() == 1 ? "" : "s") + ", " + records + " record" + (records == 1 ? "" : "s"));
        lines.add("configs: " + (topic.configs().isEmpty() ? "(defaults)" : new TreeMap<>(topic.configs()).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "))));
        Table table = new Table("PARTITION", "LOG-START", "END", "LEADER", "REPLICAS", "ISR");
        for (PartitionDescription p : topic.partitions()) {
            table.row(p.partition(), p.logStartOffset(), p.endOffset(),
                    p.leader() == PartitionDescription.NO_LEADER ? "none" : p.leader(), ids(p.replicas()), ids(p.isr()));
        }
        lines.addAll(table.lines());
        return lines;
    }

    private static String ids(List<Integer> ids) {
        return ids.isEmpty() ? "-" : ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
