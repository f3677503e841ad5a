/**
 * Cluster metadata: which nodes exist and are alive, which topics exist, and for every partition
 * its replicas, leader, epochs and in-sync replicas — a replicated state machine on Apache Ratis,
 * run by the controller-eligible nodes.
 *
 * <h2>The parts</h2>
 * <ul>
 *   <li>The model, pure values: {@link io.rivulet.engine.cluster.ClusterImage} (immutable, versioned
 *       by Raft index) of {@link io.rivulet.engine.cluster.NodeState} and
 *       {@link io.rivulet.engine.cluster.TopicState} / {@link io.rivulet.engine.cluster.PartitionState}.</li>
 *   <li>The rules, pure functions: {@link io.rivulet.engine.cluster.MetadataMachine} applies a
 *       {@link io.rivulet.engine.cluster.MetadataCommand} to an image and gives a
 *       {@link io.rivulet.engine.cluster.MetadataResult}; {@code ReplicaPlacement} spreads a new topic,
 *       {@code LeaderElection} handles fencing and unfencing, {@code IsrChange} checks a leader's ISR
 *       change, {@code Reassignment} moves a partition to other replicas (and completes the move in the ISR
 *       change that brings the last new replica in sync), {@code Drain} plans the moves off a node,
 *       {@code LivenessCheck} decides whom to fence. No clocks, no randomness: every replica of
 *       the state machine computes the same image.</li>
 *   <li>The bytes: {@link io.rivulet.engine.cluster.MetadataCodec} (commands, results, images, as log
 *       entries and snapshots) and {@code QuorumCodec} (heartbeats and replies).</li>
 *   <li>The I/O: {@link io.rivulet.engine.cluster.MetadataQuorum} runs a node's part — a Ratis server
 *       on controllers ({@code MetadataStateMachine}, with snapshots), a client everywhere, heartbeats,
 *       the leader's fencing duty ({@code ControllerDuty}) — and hands images to listeners on one
 *       thread ({@code ImagePublisher}).</li>
 *   <li>TLS between nodes: {@link io.rivulet.engine.cluster.NodeTls} (what a node presents and trusts);
 *       {@code QuorumPeers} turns it into mutual TLS on Ratis's gRPC transport; while a node waits to
 *       register, {@code TransportCheck} shakes hands with the controllers ({@code TlsProbe}) and
 *       {@code PeerHandshake} (pure) says when a TLS mismatch means it never will.</li>
 * </ul>
 *
 * <h2>Use</h2>
 * <pre>{@code
 * MetadataQuorum quorum = MetadataQuorum.start(ClusterSettings.of(nodeId,
 *         ControllerAddress.parseList("1@host1:9093,2@host2:9093,3@host3:9093"),
 *         dataDir.resolve("metadata"), new NodeEndpoint(nodeId, host, nativePort, httpPort)));
 * quorum.onImage(image -> ...);            // on thread rivulet-metadata-<node>; newest image, in order
 * quorum.submit(new MetadataCommand.CreateTopic("orders", 6, 3, Map.of()))
 *       .subscribe(result -> ...);         // refusals are results; TIMEOUT/DISCONNECTED are errors
 * quorum.close();
 * }</pre>
 */
package io.rivulet.engine.cluster;
