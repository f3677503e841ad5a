package io.rivulet.samples.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.api.ConsumerRecord;
import io.rivulet.api.NewTopic;
import io.rivulet.api.Producer;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.Rivulet;
import io.rivulet.api.errors.TopicExistsException;
import io.rivulet.samples.TopicReads;
import reactor.core.publisher.Mono;

import java.util.HashMap;
import java.util.Map;

/**
 * The batch layer: recomputes clicks per page from the whole retained log, up to the end offsets it
 * finds when it starts, and records the result with those offsets on {@value #VIEWS} (so a serving
 * view that restarts resumes from the last batch instead of recomputing).
 */
public final class BatchLayer {
    /** Where batch views are recorded, keyed by the input topic. */
    public static final String VIEWS = "lambda-batch-views";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BatchLayer() {
    }

    /** Clicks per page over every retained record of {@code topic} below its end offsets now. */
    public static Mono<BatchView> recompute(Rivulet rivulet, String topic) {
        return TopicReads.endOffsets(rivulet, topic)
                .flatMap(ends -> totalsUpTo(rivulet, topic, ends).map(totals -> new BatchView(ends, totals)));
    }

    /**
     * Clicks per page over the records of {@code topic} below {@code ends}: a full recomputation of
     * that prefix of the log.
     */
    public static Mono<Map<String, Long>> totalsUpTo(Rivulet rivulet, String topic, Map<Integer, Long> ends) {
        return TopicReads.upTo(rivulet, topic, ends)
                .reduce(new HashMap<String, Long>(), (totals, r) -> {
                    totals.merge(page(r), 1L, Long::sum);
                    return totals;
                })
                .map(totals -> (Map<String, Long>) totals);
    }

    /** Recomputes, then records the view; emits it once the record is acknowledged. */
    public static Mono<BatchView> recomputeAndRecord(Rivulet rivulet, Producer<String, String> producer, String topic) {
        return recompute(rivulet, topic).flatMap(view -> rivulet.admin().createTopic(NewTopic.of(VIEWS))
                .onErrorResume(TopicExistsException.class, e -> Mono.empty())
                .then(producer.send(ProducerRecord.of(VIEWS, topic, write(view))))
                .thenReturn(view));
    }

    /** The last batch view recorded for {@code topic}, or empty when there is none. */
    public static Mono<BatchView> latestRecorded(Rivulet rivulet, String topic) {
        return rivulet.admin().listTopics()
                .filter(topics -> topics.contains(VIEWS))
                .flatMap(t -> TopicReads.upToEnd(rivulet, VIEWS).filter(r -> topic.equals(r.key()))
                        .reduce((older, newer) -> newer))
                .map(r -> read(r.value()));
    }

    static String page(ConsumerRecord<String, String> record) {
        if (record.key() == null) {
            throw new IllegalArgumentException("record " + record.topicPartition() + "@" + record.offset()
                    + " has no key: the lambda sample counts clicks keyed by page");
        }
        return record.key();
    }

    private static String write(BatchView view) {
        try {
            return MAPPER.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a batch view", e);
        }
    }

    private static BatchView read(String json) {
        try {
            return MAPPER.readValue(json, BatchView.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a batch view: " + e.getOriginalMessage(), e);
        }
    }
}
