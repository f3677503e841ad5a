package io.rivulet.samples.clicks;

import io.rivulet.api.ConsumerRecord;
import io.rivulet.api.Headers;
import io.rivulet.api.ProducerRecord;
import io.rivulet.samples.window.Click;

/**
 * How a click is written to the log: the page is the key (so a page's clicks share a partition and
 * its counts one task), the user is the value, and the event time is the record's timestamp.
 */
public final class Clickstream {
    private Clickstream() {
    }

    /** The record for {@code click} on {@code topic}. */
    public static ProducerRecord<String, String> record(String topic, Click click) {
        return new ProducerRecord<>(topic, null, click.page(), click.user(), click.eventTime(), Headers.empty());
    }

    /**
     * The click a record holds.
     *
     * @throws IllegalArgumentException naming the record when it has no key or value (not a click)
     */
    public static Click click(ConsumerRecord<String, String> record) {
        if (record.key() == null || record.value() == null) {
            throw new IllegalArgumentException("record " + record.topicPartition() + "@" + record.offset()
                    + " is not a click: it needs the page as key and the user as value");
        }
        return new Click(record.value(), record.key(), record.timestamp());
    }
}
