package io.rivulet.samples.kappa;

import io.rivulet.api.NewTopic;
import io.rivulet.api.Producer;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.Rivulet;
import io.rivulet.api.errors.TopicExistsException;
import io.rivulet.samples.TopicReads;
import reactor.core.publisher.Mono;

/**
 * Which output topic the readers use: one record per switch, keyed by the view's name, on a small
 * topic readers follow (the dashboard over WebSocket). Switching the readers to a reprocessed output
 * is appending one record — the kappa equivalent of swapping a database table behind an alias.
 */
public final class ServingPointer {
    /** The topic holding the pointers. */
    public static final String TOPIC = "serving-pointers";
    /** The key of the clicks-windows view's pointer. */
    public static final String VIEW = "clicks-windows";

    private ServingPointer() {
    }

    /** Points the readers at {@code outputTopic}; completes once the record is acknowledged. */
    public static Mono<Void> point(Rivulet rivulet, Producer<String, String> producer, String outputTopic) {
        return rivulet.admin().createTopic(NewTopic.of(TOPIC))
                .onErrorResume(TopicExistsException.class, e -> Mono.empty())
                .then(producer.send(ProducerRecord.of(TOPIC, VIEW, outputTopic)))
                .then();
    }

    /** The output topic readers use now, or empty when none was pointed at yet. */
    public static Mono<String> current(Rivulet rivulet) {
        return rivulet.admin().listTopics()
                .filter(topics -> topics.contains(TOPIC))
                .flatMap(t -> TopicReads.upToEnd(rivulet, TOPIC).filter(r -> VIEW.equals(r.key()))
                        .reduce((older, newer) -> newer).map(r -> r.value()));
    }
}
