package io.rivulet.engine.http;

import io.rivulet.api.GroupDescription;
import io.rivulet.api.MemberDescription;
import io.rivulet.api.PartitionDescription;
import io.rivulet.api.PartitionLag;
import io.rivulet.api.RecordMetadata;
import io.rivulet.api.TopicDescription;
import io.rivulet.api.TopicPartition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON shapes of the api's descriptions, written out field by field so the HTTP contract does not
 * change when a value type grows a method. The topic shape is the one {@code rivulet topics describe
 * --format json} prints.
 */
final class Views {
    private Views() {
    }

    static Map<String, Object> topic(TopicDescription t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("topic", t.name());
        m.put("configs", new TreeMap<>(t.configs()));
        m.put("partitions", t.partitions().stream().map(Views::partition).toList());
        return m;
    }

    private static Map<String, Object> partition(PartitionDescription p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("partition", p.partition());
        m.put("logStartOffset", p.logStartOffset());
        m.put("endOffset", p.endOffset());
        m.put("leader", p.leader());
        m.put("replicas", p.replicas());
        m.put("isr", p.isr());
        return m;
    }

    static Map<String, Object> group(GroupDescription g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("groupId", g.groupId());
        m.put("state", g.state().name());
        m.put("generation", g.generation());
        m.put("assignmentStrategy", g.assignmentStrategy() == null ? null : g.assignmentStrategy().configValue());
        m.put("members", g.members().stream().map(Views::member).toList());
        m.put("partitions", g.partitions().stream().map(Views::lag).toList());
        m.put("totalLag", g.totalLag());
        return m;
    }

    private static Map<String, Object> member(MemberDescription d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("memberId", d.memberId());
        m.put("clientId", d.clientId());
        m.put("host", d.host());
        m.put("assignment", d.assignment().stream().map(Views::topicPartition).toList());
        return m;
    }

    private static Map<String, Object> lag(PartitionLag l) {
        Map<String, Object> m = topicPartition(l.topicPartition());
        m.put("committedOffset", l.committedOffset());
        m.put("endOffset", l.endOffset());
        m.put("lag", l.lag());
        return m;
    }

    private static Map<String, Object> topicPartition(TopicPartition tp) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("topic", tp.topic());
        m.put("partition", tp.partition());
        return m;
    }

    /** Where a produced record went: {@code {"partition":p,"offset":o}} ({@code -1} with acks=0). */
    static Map<String, Object> written(RecordMetadata meta) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("partition", meta.partition());
        m.put("offset", meta.offset());
        return m;
    }

    static List<Map<String, Object>> written(List<RecordMetadata> metas) {
        return metas.stream().map(Views::written).toList();
    }
}
