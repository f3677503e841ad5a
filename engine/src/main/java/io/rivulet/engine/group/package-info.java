/**
 * Consumer groups: who consumes which partition, liveness, and durable at-least-once commits.
 * The user-facing guide is {@code docs/groups.md}; this page tells the rest of the engine how to plug
 * the parts in.
 *
 * <h2>The parts</h2>
 * <ul>
 *   <li>{@link io.rivulet.engine.group.Assignor} — pure functions from members and partition counts to a
 *       target assignment: range, round-robin, cooperative-sticky.</li>
 *   <li>{@link io.rivulet.engine.group.CommitTracker} / {@link io.rivulet.engine.group.PartitionAcks} —
 *       per owned partition, deliveries in order, acknowledgements in any order, the contiguous
 *       acknowledged prefix as the committable position, and the {@code max.ack.ahead} bound.</li>
 *   <li>{@link io.rivulet.engine.group.GroupCoordinator} — the protocol as value records
 *       ({@code JoinRequest} … {@code OffsetFetchResponse}, refusals as
 *       {@link io.rivulet.engine.group.GroupError}), so a network front door can carry it unchanged.
 *       {@link io.rivulet.engine.group.LocalGroupCoordinator} implements it in-process, with committed
 *       offsets in an internal log ({@code OffsetLog}, format in {@code OffsetRecord}).</li>
 *   <li>{@link io.rivulet.engine.group.GroupMember} — the client side: joins, heartbeats on a timer,
 *       reconciles through a {@link io.rivulet.engine.group.RebalanceHandler}, commits.</li>
 * </ul>
 *
 * <h2>Engine side</h2>
 * <pre>{@code
 * LocalGroupCoordinator groups = LocalGroupCoordinator.open(
 *         dataDir.resolve(LocalGroupCoordinator.OFFSETS_LOG_DIR),   // "__consumer_offsets-0"
 *         topicMetadata,               // TopicMetadata: partitionCount, logStartOffset, endOffset (high watermark)
 *         Schedulers.parallel(),       // time source and session timers
 *         ioScheduler);                // bounded scheduler for commits (they append to the offsets log)
 * // after creating a topic or adding partitions:   groups.topicsChanged();
 * // after deleting a topic (metadata no longer knows it):   groups.topicDeleted(topic);
 * // Admin.listGroups() / describeGroup(id):   groups.listGroups() / groups.describeGroup(id)
 * // engine close:   groups.close();   (before the schedulers it was given)
 * }</pre>
 * {@code __consumer_offsets-0} is not a user topic: keep it out of topic listings and name validation.
 *
 * <h2>Cluster side</h2>
 * A cluster has one coordinator: the leader of the replicated partition {@code __consumer_offsets-0}.
 * {@link io.rivulet.engine.group.ClusterGroupCoordinator} follows that leadership (a
 * {@code LeadershipListener} of the {@code ReplicaManager}) and, while this node leads, serves with a
 * {@code LocalGroupCoordinator.replicated(partition, …)}: the same coordinator over an {@code OffsetLog} whose
 * {@code OffsetStore} appends through the partition with acks=all. Elsewhere it answers {@code NOT_LEADER}.
 * {@code Engine.serveGroupsWith} makes the native listener, the Kafka listener and the cluster admin use it.
 *
 * <h2>Kafka classic groups</h2>
 * Kafka consumers with {@code group.protocol=classic} (the default) run Kafka's join/sync barrier protocol, with
 * client-side assignment. {@link io.rivulet.engine.group.classic.ClassicGroup} is that protocol as a pure state
 * machine (time passed in, answers as callbacks); {@code LocalClassicCoordinator} runs one per group next to the
 * Rivulet groups, with timers and the same offsets log, and is reached as {@code LocalGroupCoordinator.classic()}
 * ({@code ClusterGroupCoordinator.classic()} in a cluster; {@code Engine.servedClassicGroups()} picks the right one).
 * A group id has members of one kind at a time; {@code describeGroup} and {@code listGroups} show both kinds.
 *
 * <h2>Consumer side ({@code receive()} / {@code receivePartitions()})</h2>
 * On subscription, create one member and start it; the member calls the handler as partitions come
 * and go:
 * <pre>{@code
 * GroupMember member = new GroupMember(groups, MemberConfig.from(options, clientId, "embedded"),
 *                                      handler, Schedulers.parallel());
 * member.start()                       // Mono<Void>: joined, first onAssigned done; InvalidConfigException if refused
 *
 * // RebalanceHandler, called one at a time, never to block:
 * void onAssigned(List<AssignedPartition> parts)   // for each part:
 *     //   start = part.hasCommittedOffset() ? part.committedOffset() : resolve auto.offset.reset;
 *     //   if it was not the committed offset: part.acks().startAt(start)  (so it is committed, even idle)
 *     //   open a fetch Flux from start; per record:
 *     //     while !acks.canDeliver(): wait on acks.whenDeliverable()      (max.ack.ahead backpressure)
 *     //     if (!acks.delivered(offset)) drop the record                   (revoked meanwhile)
 *     //     RecordOffset.acknowledge() -> acks.acknowledge(offset)
 *     //     RecordOffset.commit()      -> acks.acknowledge(offset); member.commit(acks, offset)
 * Mono<Void> onRevoked(Set<TopicPartition> parts)  // stop their fetches, complete their PartitionFlux;
 *     //   complete the Mono when no more of their records will be emitted. The member then commits,
 *     //   drops their in-flight records from the tracker and releases them to the coordinator.
 * void onLost(Set<TopicPartition> parts)            // the member was fenced: stop them at once, no commit
 *
 * Consumer.commit()                  -> member.commit()      // all committable positions, now
 * cancel / complete / error / close  -> member.close()       // onRevoked(all), final commit, leave
 * }</pre>
 * Heartbeats and periodic commits run on the member's own timers, so a subscriber that requests
 * nothing, or a partition paused at {@code max.ack.ahead}, never costs the membership.
 *
 * <h2>Threading</h2>
 * Every public class states its contract; in short: assignors and records are immutable,
 * {@code CommitTracker}, {@code PartitionAcks}, {@code LocalGroupCoordinator} and {@code GroupMember} are
 * thread-safe, and nothing here blocks except a commit's append to the offsets log (on the {@code io}
 * scheduler).
 */
package io.rivulet.engine.group;
