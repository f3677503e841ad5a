package io.rivulet.engine.consume;

import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.ConsumerRecord;
import io.rivulet.api.OffsetReset;
import io.rivulet.api.PartitionFlux;
import io.rivulet.api.RecordOffset;
import io.rivulet.api.StartAt;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.InvalidOffsetException;
import io.rivulet.engine.fetch.RecordHandles;
import io.rivulet.engine.group.AssignedPartition;
import io.rivulet.engine.group.GroupMember;
import io.rivulet.engine.group.PartitionAcks;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.core.publisher.Sinks;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One partition while the group assigns it to this member: a {@link PartitionFlux} that reads from the
 * committed offset (or where {@code auto.offset.reset} says), tracks every record it emits for the
 * group's commits, pauses at {@code max.ack.ahead}, and completes when the partition is revoked.
 */
final class AssignedStream<K, V> extends PartitionFlux<K, V> {
    private static final int IDLE = 0;
    private static final int SUBSCRIBED = 1;
    private static final int REVOKED = 2;

    private final PartitionReader<K, V> reader;
    private final AssignedPartition assigned;
    private final PartitionAcks acks;
    private final GroupMember member;
    private final ConsumerOptions<K, V> options;
    private final AtomicInteger state = new AtomicInteger(IDLE);
    private final Sinks.Empty<Void> revoked = Sinks.empty();
    private final Sinks.Empty<Void> stopped = Sinks.empty();

    AssignedStream(PartitionReader<K, V> reader, AssignedPartition assigned, GroupMember member,
                   ConsumerOptions<K, V> options) {
        this.reader = reader;
        this.assigned = assigned;
        this.acks = assigned.acks();
        this.member = member;
        this.options = options;
    }

    /**
     * The committed offset if it is still in the log; otherwise where {@code auto.offset.reset} points
     * (as Kafka does), or an error with {@code none}.
     */
    static long startOffset(TopicPartition tp, PartitionReader.Bounds bounds, AssignedPartition assigned,
                            OffsetReset reset) {
        long logStart = bounds.logStartOffset();
        long end = bounds.highWatermark();
        if (assigned.hasCommittedOffset()) {
            long c = assigned.committedOffset();
            if (c >= logStart && c <= end) {
                return c;
            }
        }
        return switch (reset) {
            case EARLIEST -> logStart;
            case LATEST -> end;
            case NONE -> throw new InvalidOffsetException(assigned.hasCommittedOffset()
                    ? "the committed offset " + assigned.committedOffset() + " of " + tp
                    + " is outside its records [" + logStart + ", " + end + ") and auto.offset.reset=none;"
                    + " set auto.offset.reset to earliest or latest, or read it with read(partition, StartAt)"
                    : "the group has no committed offset for " + tp + " and auto.offset.reset=none;"
                    + " set auto.offset.reset to earliest or latest");
        };
    }

    @Override
    public TopicPartition topicPartition() {
        return reader.id();
    }

    @Override
    public void subscribe(CoreSubscriber<? super ConsumerRecord<K, V>> actual) {
        if (!state.compareAndSet(IDLE, SUBSCRIBED)) {
            if (state.get() == REVOKED) {
                Operators.complete(actual);
            } else {
                Operators.error(actual, new IllegalStateException("the Flux of " + reader.id()
                        + " can be subscribed once; it completes when the group takes the partition away"));
            }
            return;
        }
        reader.bounds()
                .map(bounds -> {
                    long start = startOffset(reader.id(), bounds, assigned, options.autoOffsetReset());
                    if (!assigned.hasCommittedOffset() || start != assigned.committedOffset()) {
                        acks.startAt(start); // so the reset position is committed even if no record comes
                    }
                    return start;
                })
                .flatMapMany(start -> reader.read(StartAt.offset(start), handles()))
                .takeUntilOther(revoked.asMono())
                .doFinally(signal -> stopped.tryEmitEmpty())
                .subscribe(actual);
    }

    /** Completes the stream; the returned Mono completes once no more of its records will be emitted. */
    Mono<Void> revoke() {
        revoked.tryEmitEmpty();
        if (state.compareAndSet(IDLE, REVOKED)) {
            return Mono.empty();
        }
        return stopped.asMono();
    }

    private RecordHandles handles() {
        TopicPartition tp = reader.id();
        return new RecordHandles() {
            @Override
            public RecordOffset emitted(long offset) {
                return acks.delivered(offset) ? new GroupOffset(tp, offset) : null;
            }

            @Override
            public boolean mayEmit() {
                return acks.canDeliver();
            }

            @Override
            public void whenResumed(Runnable wakeup) {
                acks.whenDeliverable().subscribe(null, e -> wakeup.run(), wakeup);
            }
        };
    }

    /** A record's place in the group's commits. */
    private final class GroupOffset implements RecordOffset {
        private final TopicPartition tp;
        private final long offset;

        GroupOffset(TopicPartition tp, long offset) {
            this.tp = tp;
            this.offset = offset;
        }

        @Override
        public TopicPartition topicPartition() {
            return tp;
        }

        @Override
        public long offset() {
            return offset;
        }

        @Override
        public void acknowledge() {
            acks.acknowledge(offset);
        }

        @Override
        public Mono<Void> commit() {
            acks.acknowledge(offset);
            return member.commit(acks, offset);
        }

        @Override
        public String toString() {
            return tp + "@" + offset;
        }
    }
}
