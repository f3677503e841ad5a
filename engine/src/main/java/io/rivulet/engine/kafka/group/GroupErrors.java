package io.rivulet.engine.kafka.group;

import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.RivuletClosedException;
import io.rivulet.api.errors.RivuletException;
import io.rivulet.engine.group.classic.ClassicError;
import org.apache.kafka.common.protocol.Errors;

/** Kafka error codes for the group coordinator's answers and failures. Pure. */
final class GroupErrors {
    private GroupErrors() {
    }

    /** The Kafka error of the same name (each {@link ClassicError} is named after one). */
    static Errors of(ClassicError e) {
        return Errors.valueOf(e.name());
    }

    static short code(ClassicError e) {
        return of(e).code();
    }

    /**
     * The Kafka error for a coordinator that could not answer: a cluster node that does not coordinate groups now
     * sends clients to look the coordinator up again; a closing one makes them retry; a group that has members or
     * does not exist is named as such; anything else is a server error.
     */
    static Errors of(Throwable t) {
        if (t instanceof RivuletClosedException) {
            return Errors.COORDINATOR_NOT_AVAILABLE;
        }
        if (t instanceof RivuletException r) {
            switch (r.code()) {
                case NOT_LEADER:
                    return Errors.NOT_COORDINATOR;
                case GROUP_NOT_EMPTY:
                    return Errors.NON_EMPTY_GROUP;
                case UNKNOWN_GROUP:
                    return Errors.GROUP_ID_NOT_FOUND;
                default:
                    break;
            }
        }
        return Errors.UNKNOWN_SERVER_ERROR;
    }

    /** Kafka's client host of a peer address such as {@code /127.0.0.1:53124}: the address without the port. */
    static String clientHost(String peer) {
        if (peer == null) {
            return "";
        }
        int colon = peer.lastIndexOf(':');
        return colon > 0 && peer.indexOf('/') >= 0 ? peer.substring(0, colon) : peer;
    }
}
