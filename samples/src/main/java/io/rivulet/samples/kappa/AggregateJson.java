package io.rivulet.samples.kappa;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rivulet.samples.window.Aggregate;
import io.rivulet.samples.window.Aggregate.Progress;
import io.rivulet.samples.window.Aggregate.TopPages;
import io.rivulet.samples.window.Aggregate.WindowCount;
import io.rivulet.samples.window.PageCount;
import io.rivulet.samples.window.PartitionWindows;
import io.rivulet.samples.window.Window;

import java.util.ArrayList;
import java.util.List;

/**
 * The JSON the kappa job writes: aggregates to its output topic (what the dashboard reads over
 * WebSocket) and partition states to its checkpoint topic.
 *
 * <pre>
 * {"kind":"count","spec":"tumbling-10s","start":…,"end":…,"page":"/home","count":42}
 * {"kind":"top","spec":"tumbling-10s","start":…,"end":…,"partition":0,"closed":true,"pages":[{"page":"/home","count":42},…]}
 * {"kind":"progress","partition":0,"watermark":…,"late":3}
 * </pre>
 *
 * <p>Thread-safe (Jackson's mapper is).
 */
public final class AggregateJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AggregateJson() {
    }

    /** The JSON of an aggregate. */
    public static String write(Aggregate aggregate) {
        ObjectNode node = MAPPER.createObjectNode();
        if (aggregate instanceof WindowCount c) {
            window(node.put("kind", "count"), c.window());
            node.put("page", c.page()).put("count", c.count());
        } else if (aggregate instanceof TopPages t) {
            window(node.put("kind", "top"), t.window());
            node.put("partition", t.partition()).put("closed", t.closed());
            ArrayNode pages = node.putArray("pages");
            t.pages().forEach(p -> pages.addObject().put("page", p.page()).put("count", p.count()));
        } else if (aggregate instanceof Progress p) {
            node.put("kind", "progress").put("partition", p.partition())
                    .put("watermark", p.watermark()).put("late", p.lateClicks());
        }
        return node.toString();
    }

    /**
     * The aggregate a JSON value holds.
     *
     * @throws IllegalArgumentException when it is not one this job writes
     */
    public static Aggregate read(String json) {
        JsonNode n = tree(json);
        return switch (n.path("kind").asText()) {
            case "count" -> new WindowCount(window(n), n.get("page").asText(), n.get("count").asLong());
            case "top" -> {
                List<PageCount> pages = new ArrayList<>();
                n.get("pages").forEach(p -> pages.add(new PageCount(p.get("page").asText(), p.get("count").asLong())));
                yield new TopPages(window(n), n.get("partition").asInt(), pages, n.get("closed").asBoolean());
            }
            case "progress" -> new Progress(n.get("partition").asInt(), n.get("watermark").asLong(), n.get("late").asLong());
            default -> throw new IllegalArgumentException("not an aggregate of the kappa job: " + json);
        };
    }

    /** The JSON of a partition's state, for the checkpoint topic. */
    public static String writeState(PartitionWindows.State state) {
        try {
            return MAPPER.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the state of partition " + state.partition(), e);
        }
    }

    /** A partition's state from the checkpoint topic. */
    public static PartitionWindows.State readState(String json) {
        try {
            return MAPPER.readValue(json, PartitionWindows.State.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a checkpoint of the kappa job: " + e.getOriginalMessage(), e);
        }
    }

    private static void window(ObjectNode node, Window w) {
        node.put("spec", w.spec()).put("start", w.start()).put("end", w.end());
    }

    private static Window window(JsonNode n) {
        return new Window(n.get("spec").asText(), n.get("start").asLong(), n.get("end").asLong());
    }

    private static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
