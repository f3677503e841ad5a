package io.rivulet.engine.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.rivulet.api.Admin;
import io.rivulet.api.Consumer;
import io.rivulet.api.ConsumerRecord;
import io.rivulet.api.Headers;
import io.rivulet.api.PartitionDescription;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.RecordMetadata;
import io.rivulet.api.StartAt;
import io.rivulet.api.TopicDescription;
import io.rivulet.api.TopicNames;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.OffsetOutOfRangeException;
import io.rivulet.api.errors.RivuletException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /topics/{topic}/records} (JSON records or one raw octet-stream value) and
 * {@code GET /topics/{topic}/partitions/{partition}/records?offset=&limit=}, a bounded read that
 * answers at once: it never waits for records past the high watermark it saw when the request came.
 * Thread-safe.
 */
final class RecordsResource {
    /** A read below the high watermark finds its records at once; this only guards against a lost wakeup. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    private static final int DEFAULT_LIMIT = 100;

    private final Admin admin;
    private final RecordSender sender;
    private final Consumer<byte[], byte[]> reader;
    private final HttpSettings settings;
    private final HttpMeters meters;

    RecordsResource(Admin admin, RecordSender sender, Consumer<byte[], byte[]> reader, HttpSettings settings,
                    HttpMeters meters) {
        this.admin = admin;
        this.sender = sender;
        this.reader = reader;
        this.settings = settings;
        this.meters = meters;
    }

    Mono<Void> produce(HttpServerRequest req, HttpServerResponse res) {
        String topic = TopicNames.validate(req.param("topic"));
        Query query = Query.of(req.uri());
        String contentType = req.requestHeaders().get(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .toLowerCase(Locale.ROOT);
        boolean raw = contentType.startsWith("application/octet-stream");
        if (!raw && !contentType.startsWith("application/json")) {
            return Mono.error(new HttpProblem(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE",
                    "send records as application/json, or one value as application/octet-stream (key in ?key=)"));
        }
        // Results arrive one at a time (onNext is serial); the list is read after the last of them.
        List<RecordMetadata> written = Collections.synchronizedList(new ArrayList<>());
        return BodyReader.read(req, settings.requestMaxBytes())
                .map(body -> raw ? List.of(rawRecord(topic, body, query)) : RecordJson.parseBody(body, topic))
                .flatMap(records -> sender.topicExists(topic)
                        .flatMapMany(exists -> sender.send(Flux.fromIterable(records), exists))
                        .doOnNext(written::add)
                        .then(Mono.defer(() -> Responses.json(res, HttpResponseStatus.OK, result(topic, written))))
                        .onErrorResume(e -> Responses.error(res, e, Map.of("offsets", Views.written(List.copyOf(written))), meters)));
    }

    private static Map<String, Object> result(String topic, List<RecordMetadata> written) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("topic", topic);
        body.put("offsets", Views.written(List.copyOf(written)));
        return body;
    }

    /** An octet-stream body is one value; ?key= (UTF-8, or base64 with keyEncoding=base64) and ?partition= are optional. */
    private static ProducerRecord<byte[], byte[]> rawRecord(String topic, byte[] body, Query query) {
        String key = query.get("key");
        byte[] keyBytes = null;
        if (key != null) {
            if (query.get("keyEncoding", "utf8").equalsIgnoreCase("base64")) {
                try {
                    keyBytes = Base64.getDecoder().decode(key);
                } catch (IllegalArgumentException e) {
                    throw HttpProblem.badRequest("the key is not valid base64: " + e.getMessage());
                }
            } else {
                keyBytes = key.getBytes(StandardCharsets.UTF_8);
            }
        }
        long partition = query.longParam("partition", -1, 0, Integer.MAX_VALUE);
        return new ProducerRecord<>(topic, partition < 0 ? null : (int) partition, keyBytes, body, null, Headers.empty());
    }

    Mono<Void> read(HttpServerRequest req, HttpServerResponse res) {
        String topic = TopicNames.validate(req.param("topic"));
        int partition = partitionNumber(req.param("partition"));
        Query query = Query.of(req.uri());
        long limit = query.longParam("limit", Math.min(DEFAULT_LIMIT, settings.fetchMaxRecords()), 1,
                settings.fetchMaxRecords());
        boolean base64 = query.base64();
        TopicPartition tp = new TopicPartition(topic, partition);
        // The range comes from the partition's leader (a cluster node may hold no copy of it); asking for it
        // also refuses an unknown topic or partition, as a description would.
        return Mono.zip(admin.offsetOf(tp, StartAt.earliest()), admin.offsetOf(tp, StartAt.latest()))
                .flatMap(range -> {
            long start = range.getT1();
            long end = range.getT2();
            long from = query.longParam("offset", start, 0, Long.MAX_VALUE);
            if (from < start || from > end) {
                return Mono.error(new OffsetOutOfRangeException(tp, from, start, end));
            }
            // The high watermark seen now bounds the read, so it returns what is there and never waits.
            long until = Math.min(end, from + limit);
            Mono<List<ConsumerRecord<byte[], byte[]>>> records = until == from ? Mono.just(List.of())
                    : reader.read(tp, StartAt.offset(from))
                    .take(until - from)
                    .takeUntil(r -> r.offset() >= until - 1)
                    .collectList()
                    .timeout(READ_TIMEOUT, Mono.error(() -> new RivuletException(ErrorCode.TIMEOUT,
                            "reading " + tp + " from offset " + from + " did not finish in " + READ_TIMEOUT.toSeconds()
                                    + " s; try again")));
            return records.flatMap(list -> Responses.text(res, HttpResponseStatus.OK, Responses.JSON,
                    page(tp, list, from, end, base64)));
        });
    }

    private static String page(TopicPartition tp, List<ConsumerRecord<byte[], byte[]>> records, long from,
                               long endOffset, boolean base64) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = Json.generator(out)) {
            g.writeStartObject();
            g.writeStringField("topic", tp.topic());
            g.writeNumberField("partition", tp.partition());
            g.writeArrayFieldStart("records");
            for (ConsumerRecord<byte[], byte[]> r : records) {
                RecordJson.write(g, r, base64);
            }
            g.writeEndArray();
            g.writeNumberField("nextOffset", records.isEmpty() ? from : records.get(records.size() - 1).offset() + 1);
            g.writeNumberField("endOffset", endOffset);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static int partitionNumber(String text) {
        try {
            int p = Integer.parseInt(text);
            if (p >= 0) {
                return p;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw HttpProblem.badRequest("the partition must be a whole number >= 0 but was '" + text + "'");
    }

    static PartitionDescription partitionOf(TopicDescription description, int partition) {
        if (partition >= description.partitionCount()) {
            throw new RivuletException(ErrorCode.UNKNOWN_PARTITION, "topic '" + description.name() + "' has partitions 0.."
                    + (description.partitionCount() - 1) + ", not " + partition);
        }
        return description.partitions().get(partition);
    }
}
