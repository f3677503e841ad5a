package io.rivulet.engine.cluster;

import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.apache.ratis.netty.NettyConfigKeys;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.security.TlsConf;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.TimeDuration;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The Raft group and the Ratis properties that follow from {@link ClusterSettings}: one place that
 * knows Ratis's configuration keys.
 *
 * <p>The group id is derived from a fixed name, so every node computes the same one without
 * exchanging it; a peer's id is its node id in decimal.
 *
 * <p>Transport: a cluster without TLS speaks Ratis's Netty RPC; a cluster with TLS speaks its gRPC RPC with
 * mutual TLS, because in Ratis 3.3 the Netty RPC has no TLS at all (only its data stream has, which Rivulet
 * does not use). Both ends of every link use the same transport, as all nodes of a cluster agree on TLS.
 */
final class QuorumPeers {

    /** The Raft group every Rivulet controller joins. */
    static final RaftGroupId GROUP_ID =
            RaftGroupId.valueOf(UUID.nameUUIDFromBytes("rivulet-cluster".getBytes(StandardCharsets.UTF_8)));

    /** Take a snapshot after this many log entries, so a restart replays at most about this many. */
    static final long SNAPSHOT_THRESHOLD = 1024;

    /** A single client request's timeout; the client retries it (elections take several). */
    static final Duration CLIENT_REQUEST_TIMEOUT = Duration.ofSeconds(3);

    private QuorumPeers() {
    }

    static RaftPeerId peerId(int nodeId) {
        return RaftPeerId.valueOf(Integer.toString(nodeId));
    }

    /** The node id of a peer, or -1 for a peer id that is not a node id. */
    static int nodeId(RaftPeerId peerId) {
        try {
            return Integer.parseInt(peerId.toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static RaftGroup group(List<ControllerAddress> controllers) {
        List<RaftPeer> peers = controllers.stream()
                .map(c -> RaftPeer.newBuilder().setId(peerId(c.id())).setAddress(hostPort(c)).build())
                .toList();
        return RaftGroup.valueOf(GROUP_ID, peers);
    }

    /** Properties for this node's Raft server. */
    static RaftProperties server(ClusterSettings settings, ControllerAddress me, long snapshotThreshold) {
        RaftProperties p = common(settings);
        if (settings.tls() == null) {
            NettyConfigKeys.Server.setHost(p, me.host());
            NettyConfigKeys.Server.setPort(p, me.port());
        } else {
            // one port for peers, clients and admin requests alike: the admin and client ports default to it
            GrpcConfigKeys.Server.setHost(p, me.host());
            GrpcConfigKeys.Server.setPort(p, me.port());
        }
        RaftServerConfigKeys.setStorageDir(p, List.of(settings.metadataDir().toFile()));
        TimeDuration min = duration(settings.electionTimeoutMin());
        TimeDuration max = duration(settings.electionTimeoutMax());
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, min);
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, max);
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(p, min);
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(p, max);
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, snapshotThreshold);
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, 2);
        // No snapshot on a clean stop: then a clean restart recovers the same way as after a crash,
        // from the last automatic snapshot plus the log after it, and that path is the one tested.
        RaftServerConfigKeys.Snapshot.setTriggerWhenStopEnabled(p, false);
        return p;
    }

    /** Properties for this node's Raft client. */
    static RaftProperties client(ClusterSettings settings) {
        return common(settings);
    }

    /**
     * The objects Ratis takes besides its properties: with TLS, the mutual-TLS configuration that its gRPC server
     * and client use (the node's chain and key to present, the certificates a peer must chain to).
     */
    static Parameters parameters(ClusterSettings settings) {
        Parameters parameters = new Parameters();
        NodeTls tls = settings.tls();
        if (tls != null) {
            GrpcTlsConfig conf = GrpcTlsConfig.newBuilder()
                    .setName("rivulet-node-" + settings.nodeId())
                    .setKeyCertificates(new TlsConf.CertificatesConf(tls.certificateChain().toFile()))
                    .setPrivateKey(new TlsConf.PrivateKeyConf(tls.privateKey().toFile()))
                    .setTrustCertificates(new TlsConf.CertificatesConf(tls.trustedCertificates().toFile()))
                    .setMutualTls(true) // a stranger must not join the Raft group nor submit commands
                    .build();
            GrpcConfigKeys.TLS.setConf(parameters, conf);
        }
        return parameters;
    }

    private static RaftProperties common(ClusterSettings settings) {
        RaftProperties p = new RaftProperties();
        RaftConfigKeys.Rpc.setType(p, settings.tls() == null ? SupportedRpcType.NETTY : SupportedRpcType.GRPC);
        RaftClientConfigKeys.Rpc.setRequestTimeout(p, duration(CLIENT_REQUEST_TIMEOUT));
        return p;
    }

    static TimeDuration duration(Duration d) {
        return TimeDuration.valueOf(d.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static String hostPort(ControllerAddress c) {
        return (c.host().indexOf(':') >= 0 ? "[" + c.host() + "]" : c.host()) + ":" + c.port();
    }
}
