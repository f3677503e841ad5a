package io.rivulet.engine.kafka;

import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.RivuletException;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka error code a client should see for one of Rivulet's typed errors. The mapping ({@link #of}) is pure;
 * {@link #answer} also logs the failures it cannot map, as those are bugs here that the client sees only as a code.
 */
final class KafkaErrors {
    private static final Logger log = LoggerFactory.getLogger(KafkaErrors.class);

    private KafkaErrors() {
    }

    /**
     * The Kafka error for a request on {@code what} (say, "fetch from t-0") that failed with {@code e}; one without a
     * typed cause is logged with its trace, since the client hears only UNKNOWN_SERVER_ERROR.
     */
    static Errors answer(String what, Throwable e) {
        return answer(what, of(e), e);
    }

    /** As above, for a request whose handler maps its failures itself ({@code mapped}), as CreateTopics does. */
    static Errors answer(String what, Errors mapped, Throwable e) {
        if (mapped == Errors.UNKNOWN_SERVER_ERROR) {
            log.warn("{} failed unexpectedly; the client was answered UNKNOWN_SERVER_ERROR", what, e);
        }
        return mapped;
    }

    /** The Kafka error for {@code t}: Rivulet's own codes mapped one by one, anything else an unknown server error. */
    static Errors of(Throwable t) {
        if (t instanceof RivuletException r) {
            return of(r.code());
        }
        return Errors.UNKNOWN_SERVER_ERROR;
    }

    /** The Kafka error for {@code code}. */
    static Errors of(ErrorCode code) {
        return switch (code) {
            case UNKNOWN_TOPIC, UNKNOWN_PARTITION -> Errors.UNKNOWN_TOPIC_OR_PARTITION;
            case INVALID_TOPIC -> Errors.INVALID_TOPIC_EXCEPTION;
            case TOPIC_EXISTS -> Errors.TOPIC_ALREADY_EXISTS;
            case RECORD_TOO_LARGE -> Errors.MESSAGE_TOO_LARGE;
            case NOT_ENOUGH_REPLICAS -> Errors.NOT_ENOUGH_REPLICAS;
            case OFFSET_OUT_OF_RANGE, INVALID_OFFSET -> Errors.OFFSET_OUT_OF_RANGE;
            case CORRUPT_RECORD -> Errors.CORRUPT_MESSAGE;
            case STORAGE_FULL -> Errors.KAFKA_STORAGE_ERROR;
            case INVALID_CONFIG -> Errors.INVALID_CONFIG;
            case ILLEGAL_GENERATION -> Errors.ILLEGAL_GENERATION;
            case REBALANCE_IN_PROGRESS -> Errors.REBALANCE_IN_PROGRESS;
            // a closing node no longer leads: clients refresh metadata and go elsewhere, or retry
            case NOT_LEADER, CLOSED -> Errors.NOT_LEADER_OR_FOLLOWER;
            case TIMEOUT -> Errors.REQUEST_TIMED_OUT;
            case UNKNOWN_GROUP -> Errors.GROUP_ID_NOT_FOUND;
            case GROUP_NOT_EMPTY -> Errors.NON_EMPTY_GROUP;
            case INVALID_REQUEST -> Errors.INVALID_REQUEST;
            case AUTHENTICATION_FAILED -> Errors.SASL_AUTHENTICATION_FAILED;
            case OUT_OF_ORDER_SEQUENCE -> Errors.OUT_OF_ORDER_SEQUENCE_NUMBER;
            case PRODUCER_FENCED -> Errors.INVALID_PRODUCER_EPOCH;
            case REASSIGNMENT_IN_PROGRESS -> Errors.REASSIGNMENT_IN_PROGRESS;
            case UNKNOWN_NODE -> Errors.BROKER_NOT_AVAILABLE;
            default -> Errors.UNKNOWN_SERVER_ERROR;
        };
    }
}
