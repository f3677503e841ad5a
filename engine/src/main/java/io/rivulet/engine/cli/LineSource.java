package io.rivulet.engine.cli;

import io.rivulet.api.ProducerRecord;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The records {@code rivulet produce} reads from its input, one per line. Lines are read only as the
 * producer asks for records, on a {@code boundedElastic} thread, since reading blocks.
 *
 * <p>With a key separator, a line without it ends the input there: the records before it are still
 * sent, and {@link #badLine()} then holds the error naming the line. Single use.
 */
final class LineSource {
    private final BufferedReader input;
    private final String topic;
    private final String keySeparator;
    private volatile CommandException badLine;

    /**
     * @param keySeparator the key separator, or {@code null} for lines that are values only
     */
    LineSource(BufferedReader input, String topic, String keySeparator) {
        this.input = input;
        this.topic = topic;
        this.keySeparator = keySeparator;
    }

    Flux<ProducerRecord<String, String>> records() {
        return Flux.<ProducerRecord<String, String>, Long>generate(() -> 0L, (lineNumber, sink) -> {
            String line;
            try {
                line = input.readLine();
            } catch (IOException e) {
                sink.error(new UncheckedIOException("cannot read standard input", e));
                return lineNumber;
            }
            if (line == null) {
                sink.complete();
                return lineNumber;
            }
            long number = lineNumber + 1;
            if (keySeparator == null) {
                sink.next(ProducerRecord.of(topic, line));
                return number;
            }
            KeyedLine keyed = KeyedLine.split(line, keySeparator);
            if (keyed == null) {
                badLine = new CommandException("line " + number + " has no key separator '"
                        + KeyedLine.visible(keySeparator) + "': write each line as KEY" + KeyedLine.visible(keySeparator)
                        + "VALUE, or leave out --key-separator; the " + lineNumber + " line(s) before it were sent");
                sink.complete();
                return number;
            }
            sink.next(ProducerRecord.of(topic, keyed.key(), keyed.value()));
            return number;
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** The error for the first line that had no key separator, once the records have been read. */
    Optional<CommandException> badLine() {
        return Optional.ofNullable(badLine);
    }
}
