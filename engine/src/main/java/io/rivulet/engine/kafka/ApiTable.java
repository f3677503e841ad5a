package io.rivulet.engine.kafka;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersionCollection;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * The APIs and versions the Kafka door advertises in ApiVersions: kept by hand, never read from the library's
 * latest versions, because a client starts using whatever is listed. Each row is an API this package
 * implements, from Kafka 4's oldest supported version to the newest one it was tested with. A kafka-clients
 * upgrade makes {@code ApiTableTest} fail until someone reviews this table.
 */
public final class ApiTable {
    /** A range of versions, both ends included. */
    public record Range(short min, short max) {
        /** Whether {@code version} is in the range. */
        public boolean contains(short version) {
            return version >= min && version <= max;
        }
    }

    private static final Map<ApiKeys, Range> ADVERTISED;

    static {
        Map<ApiKeys, Range> t = new EnumMap<>(ApiKeys.class);
        // Produce from 0, as Kafka 4 brokers advertise: some librdkafka versions refuse a broker whose minimum
        // is higher. Versions 0-2 cannot be parsed, which closes the connection, as Kafka does.
        t.put(ApiKeys.PRODUCE, range(0, 13));
        t.put(ApiKeys.FETCH, range(4, 18));
        t.put(ApiKeys.LIST_OFFSETS, range(1, 11));
        t.put(ApiKeys.METADATA, range(0, 13));
        // 5 adds cluster and node id checks (KIP-1242), which this door does not make
        t.put(ApiKeys.API_VERSIONS, range(0, 4));
        t.put(ApiKeys.INIT_PRODUCER_ID, range(0, 5));
        // SASL/PLAIN with the node's token; handshake 0 (raw SASL tokens outside Kafka's framing) is not served
        t.put(ApiKeys.SASL_HANDSHAKE, range(1, 1));
        t.put(ApiKeys.SASL_AUTHENTICATE, range(0, 2));
        // groups (the classic protocol): 10 of OffsetCommit/OffsetFetch names topics by id, for KIP-848 consumers
        t.put(ApiKeys.FIND_COORDINATOR, range(0, 6));
        t.put(ApiKeys.JOIN_GROUP, range(0, 9));
        t.put(ApiKeys.SYNC_GROUP, range(0, 5));
        t.put(ApiKeys.HEARTBEAT, range(0, 4));
        t.put(ApiKeys.LEAVE_GROUP, range(0, 5));
        t.put(ApiKeys.OFFSET_COMMIT, range(2, 9));
        t.put(ApiKeys.OFFSET_FETCH, range(1, 9));
        t.put(ApiKeys.LIST_GROUPS, range(0, 5));
        t.put(ApiKeys.DESCRIBE_GROUPS, range(0, 6));
        t.put(ApiKeys.DELETE_GROUPS, range(0, 2));
        t.put(ApiKeys.OFFSET_DELETE, range(0, 0));
        t.put(ApiKeys.CREATE_TOPICS, range(2, 7));
        t.put(ApiKeys.DELETE_TOPICS, range(1, 6));
        // BROKER_LOGGER, CLIENT_METRICS and GROUP resources are answered with INVALID_REQUEST
        t.put(ApiKeys.DESCRIBE_CONFIGS, range(1, 4));
        ADVERTISED = Collections.unmodifiableMap(t);
    }

    private ApiTable() {
    }

    private static Range range(int min, int max) {
        return new Range((short) min, (short) max);
    }

    /** Every advertised API and its range. */
    public static Map<ApiKeys, Range> advertised() {
        return ADVERTISED;
    }

    /** Whether the door serves {@code api} at {@code version}. */
    public static boolean supports(ApiKeys api, short version) {
        Range r = ADVERTISED.get(api);
        return r != null && r.contains(version);
    }

    /** The table as the ApiVersions response carries it. */
    static ApiVersionCollection asResponse() {
        ApiVersionCollection out = new ApiVersionCollection(ADVERTISED.size());
        ADVERTISED.forEach((api, r) -> out.add(new ApiVersion()
                .setApiKey(api.id).setMinVersion(r.min()).setMaxVersion(r.max())));
        return out;
    }
}
