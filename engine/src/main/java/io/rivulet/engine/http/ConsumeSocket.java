package io.rivulet.engine.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.rivulet.api.Consumer;
import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.ConsumerRecord;
import io.rivulet.api.OffsetReset;
import io.rivulet.api.PartitionDescription;
import io.rivulet.api.Rivulet;
import io.rivulet.api.StartAt;
import io.rivulet.api.TopicDescription;
import io.rivulet.api.TopicNames;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.OffsetOutOfRangeException;
import io.rivulet.api.serde.Serdes;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code GET /ws/consume?topic=&group=&from=&acks=&encoding=&partition=}: checks the request, then
 * upgrades it to a {@link ConsumeSession}. Everything that can be refused is refused before the
 * upgrade, with an HTTP status and a JSON body (a browser sees only a failed connection, so the page
 * checks the topic with {@code GET /topics/{t}} first).
 *
 * <ul>
 *   <li>Without {@code group}: every partition (or the one {@code partition=} names) is read with
 *       {@link Consumer#read} from {@code from} and merged; nothing is committed.</li>
 *   <li>With {@code group}: the socket is one member of the group ({@link Consumer#receive()}); closing
 *       it leaves the group after committing what was acknowledged. {@code from} is then the group's
 *       {@code auto.offset.reset} ({@code earliest} or {@code latest}), used only without a committed
 *       offset; {@code acks=write} (default) or {@code acks=client}.</li>
 * </ul>
 */
final class ConsumeSocket {
    /** A group socket resumes from what its group committed, whatever the close reason could list. */
    static final String GROUP_RESUME = "too far behind: reconnect with the same group to resume from its committed offsets";

    private final Rivulet rivulet;
    private final Consumer<byte[], byte[]> reader;
    private final HttpSettings settings;
    private final SessionLimit sessions;
    private final WsCounters counters;
    private final OpenResources open;
    private final HttpMeters meters;

    ConsumeSocket(Rivulet rivulet, Consumer<byte[], byte[]> reader, HttpSettings settings, SessionLimit sessions,
                  WsCounters counters, OpenResources open, HttpMeters meters) {
        this.rivulet = rivulet;
        this.reader = reader;
        this.settings = settings;
        this.sessions = sessions;
        this.counters = counters;
        this.open = open;
        this.meters = meters;
    }

    Mono<Void> handle(HttpServerRequest req, HttpServerResponse res) {
        Upgrades.requireWebSocket(req, "/ws/consume?topic=orders&from=earliest");
        Query q = Query.of(req.uri());
        String topic = TopicNames.validate(q.required("topic", "topic=orders"));
        String group = q.get("group");
        boolean base64 = q.base64();
        ConsumeSession.Acks acks = acks(q.get("acks"), group);
        long onlyPartition = q.longParam("partition", -1, 0, Integer.MAX_VALUE);
        if (group != null && onlyPartition >= 0) {
            throw HttpProblem.badRequest("partition= reads one partition without a group; a group member is "
                    + "assigned its partitions: leave out partition= or group=");
        }
        OffsetReset reset = group == null ? null : reset(q.get("from"));
        ConsumeFrom from = group == null ? ConsumeFrom.parse(q.get("from")) : null;
        return rivulet.admin().describeTopic(topic).flatMap(description -> {
            ConsumePositions positions = new ConsumePositions();
            // Reads are built (and their offsets checked) before a session slot is taken.
            Flux<ConsumerRecord<byte[], byte[]>> reads = group == null
                    ? reads(description, from, (int) onlyPartition, positions) : null;
            if (!sessions.tryAcquire()) {
                return Mono.error(Upgrades.tooManySessions(sessions));
            }
            Flux<ConsumerRecord<byte[], byte[]>> records;
            Runnable end;
            if (group == null) {
                records = reads;
                end = Upgrades.once(sessions::release);
            } else {
                Consumer<byte[], byte[]> member = member(group, topic, reset, req);
                records = member.receive();
                // Consumer.close may block (it waits for the final commit): never on the event loop.
                end = Upgrades.once(sessions::release,
                        () -> Schedulers.boundedElastic().schedule(() -> open.close(member)));
            }
            Supplier<String> reason = group == null ? positions::tooFarBehindReason : () -> GROUP_RESUME;
            return res.sendWebsocket((in, out) -> {
                                Runnable sessionEnd = Upgrades.session(meters.websocket);
                                return new ConsumeSession(in, out, records, positions, reason, base64, acks, settings,
                                        counters, meters, topic).run().doFinally(signal -> {
                                            sessionEnd.run();
                                            end.run();
                                        });
                            },
                            Upgrades.spec(settings))
                    .doOnError(e -> end.run());
        });
    }

    /** A new group member for one socket, registered so the listener's close closes it too. */
    private Consumer<byte[], byte[]> member(String group, String topic, OffsetReset reset, HttpServerRequest req) {
        Consumer<byte[], byte[]> member = rivulet.consumer(ConsumerOptions.builder(Serdes.byteArray(), Serdes.byteArray())
                .groupId(group)
                .topics(topic)
                .autoOffsetReset(reset)
                .maxPollRecords(settings.wsPartitionPrefetch())
                .maxAckAhead(settings.wsAcksPendingMax())
                .autoCommitInterval(settings.wsCommitInterval())
                .clientId("websocket-" + client(req))
                .build());
        open.add(member);
        return member;
    }

    /** The client's address as host:port, e.g. {@code 127.0.0.1:55068}, naming its group member. */
    private static String client(HttpServerRequest req) {
        InetSocketAddress remote = req.remoteAddress();
        return remote == null ? "unknown" : remote.getHostString() + ":" + remote.getPort();
    }

    /** The merged reads of a socket without a group; validates explicit offsets before the upgrade. */
    private Flux<ConsumerRecord<byte[], byte[]>> reads(TopicDescription description, ConsumeFrom from, int only,
                                                       ConsumePositions positions) {
        if (only >= 0) {
            RecordsResource.partitionOf(description, only);
        }
        if (from instanceof ConsumeFrom.Positions listed) {
            listed.next().keySet().forEach(p -> RecordsResource.partitionOf(description, p));
        }
        List<Flux<ConsumerRecord<byte[], byte[]>>> reads = new ArrayList<>();
        for (PartitionDescription p : description.partitions()) {
            if (only >= 0 && p.partition() != only) {
                continue;
            }
            TopicPartition tp = new TopicPartition(description.name(), p.partition());
            StartAt start = from.startFor(p.partition());
            seed(positions, p, start, tp);
            // "latest" means the end as of this request, so a record sent once the client is connected
            // is never missed while the upgrade completes.
            reads.add(reader.read(tp, start instanceof StartAt.Latest ? StartAt.offset(p.endOffset()) : start));
        }
        return Flux.merge(Flux.fromIterable(reads), reads.size(), settings.wsPartitionPrefetch());
    }

    /** Where each partition starts, known before any record arrives (except for time: starts). */
    private static void seed(ConsumePositions positions, PartitionDescription p, StartAt start, TopicPartition tp) {
        if (start instanceof StartAt.AtOffset at) {
            if (at.offset() < p.logStartOffset() || at.offset() > p.endOffset()) {
                throw new OffsetOutOfRangeException(tp, at.offset(), p.logStartOffset(), p.endOffset());
            }
            positions.start(p.partition(), at.offset());
        } else if (start instanceof StartAt.Earliest) {
            positions.start(p.partition(), p.logStartOffset());
        } else if (start instanceof StartAt.Latest) {
            positions.start(p.partition(), p.endOffset());
        }
    }

    private static ConsumeSession.Acks acks(String text, String group) {
        if (text == null || text.isBlank() || text.equalsIgnoreCase("write")) {
            return group == null ? ConsumeSession.Acks.NONE : ConsumeSession.Acks.WRITE;
        }
        if (text.equalsIgnoreCase("client")) {
            if (group == null) {
                throw HttpProblem.badRequest("acks=client needs group=…: without a group nothing is committed");
            }
            return ConsumeSession.Acks.CLIENT;
        }
        throw HttpProblem.badRequest("acks must be write (the default) or client but was '" + text + "'");
    }

    private static OffsetReset reset(String from) {
        if (from == null || from.isBlank()) {
            return OffsetReset.LATEST;
        }
        return switch (from.trim().toLowerCase(Locale.ROOT)) {
            case "earliest" -> OffsetReset.EARLIEST;
            case "latest" -> OffsetReset.LATEST;
            default -> throw new HttpProblem(HttpResponseStatus.BAD_REQUEST, "INVALID_OFFSET", "with group=, from is "
                    + "earliest or latest (where the group starts without a committed offset) but was '" + from + "'");
        };
    }
}
