package io.rivulet.engine.cluster;

import io.rivulet.api.errors.ErrorCode;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.MD5FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/**
 * The Ratis side of the metadata state machine, run by each controller: applies committed commands
 * with {@link MetadataMachine}, answers heartbeats, and writes and loads snapshots.
 *
 * <p>Log entries are commands ({@link MetadataCodec}); their replies are {@link QuorumCodec.CommandReply}.
 * Read-only queries are heartbeats: the state machine that answers one (the Raft leader) records the
 * time in its {@link HeartbeatTable} and replies with its image if the caller's is older. A snapshot
 * is the encoded image in one file of {@link SimpleStateMachineStorage}, named by the last applied
 * term and index.
 *
 * <p>Threading: Ratis applies entries and takes snapshots on its state machine updater thread, and
 * calls {@link #query} and the notifications on its own threads; the image and the last applied index
 * change together under this object's lock. Nothing here blocks beyond writing a snapshot file.
 */
final class MetadataStateMachine extends BaseStateMachine {

    private static final Logger log = LoggerFactory.getLogger(MetadataStateMachine.class);

    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
    private final HeartbeatTable heartbeats;
    private final ImagePublisher publisher;
    private final IntConsumer leaderChanged;
    private final LongSupplier nanoTime;
    private volatile ClusterImage image = ClusterImage.EMPTY;

    /**
     * @param leaderChanged told the new Raft leader's node id, or -1, on every leader change
     */
    MetadataStateMachine(HeartbeatTable heartbeats, ImagePublisher publisher, IntConsumer leaderChanged,
                         LongSupplier nanoTime) {
        this.heartbeats = heartbeats;
        this.publisher = publisher;
        this.leaderChanged = leaderChanged;
        this.nanoTime = nanoTime;
    }

    /** The image after the last applied entry. */
    ClusterImage image() {
        return image;
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        super.initialize(server, groupId, raftStorage);
        storage.init(raftStorage);
        loadLatestSnapshot();
    }

    @Override
    public void reinitialize() throws IOException {
        // a snapshot was installed from the leader
        loadLatestSnapshot();
    }

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return storage;
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        long index = entry.getIndex();
        MetadataResult result;
        ClusterImage next;
        synchronized (this) {
            MetadataCommand command;
            try {
                command = MetadataCodec.decodeCommand(entry.getStateMachineLogEntry().getLogData().toByteArray());
            } catch (IllegalArgumentException e) {
                // Every replica reads the same bytes, so every replica refuses the entry the same way.
                command = null;
                log.warn("metadata entry {} is not a command this release understands: {}", index, e.getMessage());
            }
            if (command == null) {
                result = MetadataResult.refused(ErrorCode.INVALID_REQUEST, "metadata entry " + index + " is malformed");
                next = image;
            } else {
                MetadataMachine.Applied applied = MetadataMachine.apply(image, command, index);
                result = applied.result();
                next = applied.image();
                int sender = provesAlive(command);
                if (sender >= 0 && result.ok()) {
                    heartbeats.record(sender, nanoTime.getAsLong());
                }
            }
            image = next;
            updateLastAppliedTermIndex(entry.getTerm(), index);
        }
        publisher.offer(next);
        byte[] reply = QuorumCodec.encode(new QuorumCodec.CommandReply(result, next.version()));
        return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(reply)));
    }

    /**
     * The node a command shows to be alive, or -1. A node that registers is heard from then: its first heartbeat may
     * come later than a session after this controller took over (a slow start), and it must not be fenced as silent
     * the moment it joins. Only the leader's table counts, and a replayed registration gives a node no more grace
     * than a new leader gives every node anyway.
     */
    static int provesAlive(MetadataCommand command) {
        return command instanceof MetadataCommand.RegisterNode r ? r.endpoint().id() : -1;
    }

    @Override
    public CompletableFuture<Message> query(Message request) {
        QuorumCodec.Heartbeat heartbeat;
        try {
            heartbeat = QuorumCodec.decodeHeartbeat(request.getContent().toByteArray());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        heartbeats.record(heartbeat.nodeId(), nanoTime.getAsLong());
        byte[] reply = QuorumCodec.encodeHeartbeatReply(image, heartbeat.knownVersion());
        return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(reply)));
    }

    @Override
    public void notifyLeaderChanged(RaftGroupMemberId groupMemberId, RaftPeerId newLeaderId) {
        int leader = newLeaderId == null ? -1 : QuorumPeers.nodeId(newLeaderId);
        if (leader >= 0 && newLeaderId.equals(groupMemberId.getPeerId())) {
            heartbeats.leaderSince(nanoTime.getAsLong());
        }
        leaderChanged.accept(leader);
    }

    @Override
    public long takeSnapshot() throws IOException {
        ClusterImage snapshotImage;
        TermIndex applied;
        synchronized (this) {
            snapshotImage = image;
            applied = getLastAppliedTermIndex();
        }
        if (applied == null || applied.getIndex() < 0) {
            return RaftLog.INVALID_LOG_INDEX;
        }
        File file = storage.getSnapshotFile(applied.getTerm(), applied.getIndex());
        Path tmp = file.toPath().resolveSibling(file.getName() + ".tmp");
        // Written aside and moved into place, so a crash mid-write leaves no half snapshot under the real name.
        Files.write(tmp, MetadataCodec.encode(snapshotImage));
        Files.move(tmp, file.toPath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        FileInfo info = new FileInfo(file.toPath(), MD5FileUtil.computeAndSaveMd5ForFile(file));
        storage.updateLatestSnapshot(new SingleFileSnapshotInfo(info, applied));
        log.debug("metadata snapshot at {} (image version {})", applied, snapshotImage.version());
        return applied.getIndex();
    }

    private void loadLatestSnapshot() throws IOException {
        SingleFileSnapshotInfo snapshot = storage.loadLatestSnapshot();
        if (snapshot == null) {
            return;
        }
        Path path = snapshot.getFile().getPath();
        if (snapshot.getFile().getFileDigest() != null) {
            MD5FileUtil.verifySavedMD5(path.toFile(), snapshot.getFile().getFileDigest());
        }
        ClusterImage loaded;
        try {
            loaded = MetadataCodec.decodeImage(Files.readAllBytes(path));
        } catch (IllegalArgumentException e) {
            throw new IOException("metadata snapshot " + path + " is unreadable: " + e.getMessage(), e);
        }
        synchronized (this) {
            image = loaded;
            setLastAppliedTermIndex(snapshot.getTermIndex());
        }
        publisher.offer(loaded);
        log.debug("loaded metadata snapshot {} (image version {})", snapshot.getTermIndex(), loaded.version());
    }
}
