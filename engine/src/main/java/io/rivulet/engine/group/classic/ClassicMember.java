package io.rivulet.engine.group.classic;

import java.util.List;
import java.util.function.Consumer;

/**
 * The coordinator's view of one classic member: what it joined with, its session, and the JoinGroup or
 * SyncGroup answer it is waiting for. Confined to its {@link ClassicGroup}.
 */
final class ClassicMember {
    private static final byte[] EMPTY = new byte[0];

    final String id;
    final String groupInstanceId;
    String clientId;
    String clientHost;
    int sessionTimeoutMs;
    int rebalanceTimeoutMs;
    List<ClassicProtocol> protocols;
    byte[] assignment = EMPTY;
    /** When its session ends unless it heartbeats; not checked while it waits for a join or sync answer. */
    long sessionDeadline;
    Consumer<ClassicJoinResponse> awaitingJoin;
    Consumer<ClassicSyncResponse> awaitingSync;

    ClassicMember(String id, ClassicJoinRequest r, long now) {
        this.id = id;
        this.groupInstanceId = r.groupInstanceId();
        update(r, now);
    }

    void update(ClassicJoinRequest r, long now) {
        clientId = r.clientId();
        clientHost = r.clientHost();
        sessionTimeoutMs = r.sessionTimeoutMs();
        rebalanceTimeoutMs = r.rebalanceTimeoutMs();
        protocols = r.protocols();
        touch(now);
    }

    void touch(long now) {
        sessionDeadline = now + sessionTimeoutMs;
    }

    boolean isAwaiting() {
        return awaitingJoin != null || awaitingSync != null;
    }

    boolean supports(String protocolName) {
        return metadata(protocolName) != null;
    }

    /** Its metadata for {@code protocolName}, or null if it does not support it. */
    byte[] metadata(String protocolName) {
        for (ClassicProtocol p : protocols) {
            if (p.name().equals(protocolName)) {
                return p.metadata();
            }
        }
        return null;
    }

    /** Whether {@code other} lists the same protocols, in the same order, with the same metadata. */
    boolean sameProtocols(List<ClassicProtocol> other) {
        if (other.size() != protocols.size()) {
            return false;
        }
        for (int i = 0; i < other.size(); i++) {
            ClassicProtocol a = protocols.get(i);
            ClassicProtocol b = other.get(i);
            if (!a.name().equals(b.name()) || !java.util.Arrays.equals(a.metadata(), b.metadata())) {
                return false;
            }
        }
        return true;
    }
}
