package io.rivulet.engine.net.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.rivulet.api.Admin;
import io.rivulet.api.TopicPartition;
import io.rivulet.engine.group.OffsetFetchRequest;
import io.rivulet.engine.group.GroupCoordinator;
import io.rivulet.engine.lifecycle.Engine;
import io.rivulet.engine.net.AdminCodec;
import io.rivulet.engine.net.ApiKey;
import io.rivulet.engine.net.GroupCodec;
import io.rivulet.engine.net.ClusterMetadataCodec;
import io.rivulet.engine.net.ReplicaCodec;
import io.rivulet.engine.produce.BatchTarget;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.RivuletException;
import io.rivulet.storage.log.EpochEnd;
import io.rivulet.engine.net.OffHeapCopy;
import io.rivulet.engine.net.ProduceCodec;
import io.rivulet.engine.net.WireFormat;
import io.rivulet.engine.fetch.StartPositions;
import io.rivulet.engine.net.FetchCodec;
import io.rivulet.engine.partition.Partition;
import io.rivulet.storage.batch.RecordBatch;
import net.openhft.chronicle.bytes.BytesStore;
import reactor.core.publisher.Mono;


/**
 * Answers the requests of the native protocol on this node: decodes a request body, calls the engine, and
 * encodes the response body. Never blocks the event loop it is called on: file work (create, delete, append)
 * runs on the engine's schedulers. Stateless and thread-safe.
 */
final class RequestHandler {
    private final Engine engine;
    private final Admin admin;
    private final OrderedAppends appends;
    private final NodeMetadata metadata;

    RequestHandler(Engine engine, Admin admin, OrderedAppends appends, NodeMetadata metadata) {
        this.engine = engine;
        this.admin = admin;
        this.appends = appends;
        this.metadata = metadata;
    }

    /**
     * The response body to {@code key} with request body {@code in}; empty for a produce with acks=0, which
     * is not answered. Malformed bodies fail with {@link io.rivulet.engine.net.ProtocolException}. The caller
     * keeps {@code in} alive until the returned Mono terminates and releases it then.
     */
    Mono<ByteBuf> handle(ApiKey key, ByteBuf in, ByteBufAllocator alloc) {
        // Buffers are allocated where the answer is emitted, never inside a callable run on another scheduler:
        // a request cancelled (its connection gone) after such a callable ran would drop the buffer unreleased.
        GroupCoordinator groups = engine.servedGroups();
        return switch (key) {
            case HELLO -> reply(alloc, out -> { });
            case TOPIC_METADATA -> {
                String topic = WireFormat.readRequiredString(in, "topic");
                yield Mono.fromCallable(() -> engine.topics().getOrCreate(topic).partitionCount())
                        .subscribeOn(engine.adminScheduler())
                        .map(count -> alloc.buffer(4).writeInt(count));
            }
            case PRODUCE -> produce(in, alloc);
            case CLUSTER_METADATA -> metadata.describe(ClusterMetadataCodec.readRequest(in))
                    .flatMap(m -> reply(alloc, out -> ClusterMetadataCodec.write(out, m)));
            case REPLICA_ACK -> {
                ReplicaCodec.Ack ack = ReplicaCodec.readAck(in);
                io.rivulet.engine.topic.Topic t = engine.topics().find(ack.partition().topic());
                if (t != null) { // an ack for a partition no longer hosted here is stale: nothing to move
                    t.hosted(ack.partition().partition())
                            .ifPresent(p -> p.replicaAcked(ack.replicaId(), ack.leaderEpoch(), ack.logEndOffset()));
                }
                yield Mono.empty(); // never answered: the follower's next ack supersedes this one
            }
            case OFFSET_FOR_LEADER_EPOCH -> {
                TopicPartition tp = WireFormat.readPartition(in);
                int epoch = WireFormat.readInt(in);
                yield Mono.fromCallable(() -> {
                    Partition p = engine.topics().partition(tp);
                    if (!p.isLeader()) {
                        throw new RivuletException(ErrorCode.NOT_LEADER, tp + " is not led by this node");
                    }
                    return p.endOffsetForEpoch(epoch);
                }).subscribeOn(engine.adminScheduler())
                        .map(end -> alloc.buffer(12).writeInt(end.epoch()).writeLong(end.endOffset()));
            }
            case PARTITION_POSITION -> {
                FetchCodec.Open at = FetchCodec.readOpen(in); // the body of a fetch stream's open
                yield Mono.fromCallable(() -> {
                    Partition p = engine.topics().partition(at.partition());
                    if (!p.isLeader()) {
                        throw new RivuletException(ErrorCode.NOT_LEADER, at.partition() + " is not led by this node");
                    }
                    return StartPositions.resolve(p, at.start());
                }).subscribeOn(engine.adminScheduler()).map(position -> alloc.buffer(8).writeLong(position));
            }
            case PARTITION_OFFSETS -> {
                TopicPartition tp = WireFormat.readPartition(in);
                yield Mono.fromCallable(() -> {
                    Partition p = engine.topics().partitionOrCreate(tp);
                    return new long[] {p.logStartOffset(), p.highWatermark()};
                }).subscribeOn(engine.adminScheduler()).map(o -> alloc.buffer(16).writeLong(o[0]).writeLong(o[1]));
            }
            case CREATE_TOPIC -> admin.createTopic(AdminCodec.readNewTopic(in)).then(empty(alloc));
            case DELETE_TOPIC -> admin.deleteTopic(WireFormat.readRequiredString(in, "topic")).then(empty(alloc));
            case LIST_TOPICS -> admin.listTopics().flatMap(n -> reply(alloc, out -> AdminCodec.writeNames(out, n)));
            case DESCRIBE_TOPIC -> admin.describeTopic(WireFormat.readRequiredString(in, "topic"))
                    .flatMap(t -> reply(alloc, out -> AdminCodec.writeTopic(out, t)));
            case LIST_GROUPS -> admin.listGroups().flatMap(n -> reply(alloc, out -> AdminCodec.writeNames(out, n)));
            case DESCRIBE_GROUP -> admin.describeGroup(WireFormat.readRequiredString(in, "group"))
                    .flatMap(g -> reply(alloc, out -> AdminCodec.writeGroup(out, g)));
            case DESCRIBE_CLUSTER -> admin.describeCluster()
                    .flatMap(c -> reply(alloc, out -> AdminCodec.writeCluster(out, c)));
            case REASSIGN_PARTITION -> {
                AdminCodec.Reassignment r = AdminCodec.readReassignment(in);
                yield admin.reassignPartition(r.partition(), r.replicas()).then(empty(alloc));
            }
            case DRAIN_NODE -> admin.drainNode(WireFormat.readInt(in)).then(empty(alloc));
            case GROUP_JOIN -> groups.join(GroupCodec.readJoin(in))
                    .flatMap(r -> reply(alloc, out -> GroupCodec.writeJoinResponse(out, r)));
            case GROUP_HEARTBEAT -> groups.heartbeat(GroupCodec.readHeartbeat(in))
                    .flatMap(r -> reply(alloc, out -> GroupCodec.writeHeartbeatResponse(out, r)));
            case GROUP_LEAVE -> groups.leave(GroupCodec.readLeave(in))
                    .flatMap(r -> reply(alloc, out -> GroupCodec.writeLeaveResponse(out, r)));
            case GROUP_COMMIT -> groups.commit(GroupCodec.readCommit(in))
                    .flatMap(r -> reply(alloc, out -> GroupCodec.writeCommitResponse(out, r)));
            case GROUP_FETCH_OFFSETS -> groups.fetchOffsets(GroupCodec.readOffsetFetch(in))
                    .flatMap(r -> reply(alloc, out -> GroupCodec.writeOffsetFetchResponse(out, r)));
            case GROUP_DELETE -> groups.deleteGroup(WireFormat.readRequiredString(in, "group id")).then(empty(alloc));
            case GROUP_ALTER_OFFSETS -> {
                GroupCodec.GroupOffsets r = GroupCodec.readGroupOffsets(in);
                yield groups.alterOffsets(r.groupId(), r.offsets()).then(empty(alloc));
            }
            case GROUP_DELETE_OFFSETS -> {
                OffsetFetchRequest r = GroupCodec.readOffsetFetch(in); // the same body: a group and its partitions
                yield groups.deleteOffsets(r.groupId(), r.partitions()).then(empty(alloc));
            }
        };
    }

    /**
     * Appends the batch straight from the received bytes (one copy, into the log's mapping), behind the
     * earlier appends to the same partition. The log validates it fully: length, magic, CRC and records.
     */
    private Mono<ByteBuf> produce(ByteBuf in, ByteBufAllocator alloc) {
        ProduceCodec.ProduceHead head = ProduceCodec.readProduceHead(in);
        if (in.readableBytes() < RecordBatch.HEADER_SIZE) {
            throw WireFormat.malformed("a produce request carries a record batch of at least "
                    + RecordBatch.HEADER_SIZE + " bytes, not " + in.readableBytes());
        }
        TopicPartition tp = head.partition();
        return Mono.<Long>create(sink -> {
            // The task holds its own reference: the request may be cancelled (connection closed) and release
            // its reference while the append still reads these bytes.
            in.retain();
            try {
                appends.submit(tp, () -> {
                    BytesStore<?, ?> view = OffHeapCopy.view(in);
                    try {
                        Partition p = engine.topics().partitionOrCreate(tp);
                        p.append(new RecordBatch().wrap(view, view.start()), head.acks(),
                                BatchTarget.Outcome.of(sink::success, sink::error));
                    } catch (Throwable t) {
                        sink.error(t);
                    } finally {
                        in.release(); // the log copied the batch, even when its acknowledgement waits
                    }
                });
            } catch (RuntimeException rejected) {
                in.release(); // the node is closing
                sink.error(rejected);
            }
        }).flatMap(base -> head.acks() == 0 ? Mono.empty() : Mono.just(alloc.buffer(8).writeLong(base)));
    }

    private static Mono<ByteBuf> empty(ByteBufAllocator alloc) {
        return Mono.fromSupplier(() -> alloc.buffer(0));
    }

    private static Mono<ByteBuf> reply(ByteBufAllocator alloc, java.util.function.Consumer<ByteBuf> body) {
        return Mono.fromSupplier(() -> {
            ByteBuf out = alloc.buffer();
            try {
                body.accept(out);
                return out;
            } catch (RuntimeException e) {
                out.release();
                throw e;
            }
        });
    }
}
