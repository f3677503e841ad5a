package io.rivulet.engine.kafka.group;

import io.rivulet.engine.kafka.ApiHandler;
import io.rivulet.engine.kafka.KafkaMetadata;
import io.rivulet.engine.kafka.KafkaRequest;
import io.rivulet.engine.net.ClusterMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.FindCoordinatorResponseData.Coordinator;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import reactor.core.publisher.Mono;

/**
 * FindCoordinator for groups: the node leading {@code __consumer_offsets-0} when the metadata knows that topic
 * (a cluster), else this node (a single node coordinates its own groups). v0-3 ask for one key and answer in
 * the top-level fields; v4+ ask for several and answer in {@code coordinators}. Transaction and share
 * coordinators are not served ({@code COORDINATOR_NOT_AVAILABLE}).
 */
final class FindCoordinatorHandler implements ApiHandler {
    static final String OFFSETS_TOPIC = "__consumer_offsets";
    private static final byte GROUP_KEY = 0;

    private final KafkaMetadata metadata;
    private final IntSupplier selfId;

    FindCoordinatorHandler(KafkaMetadata metadata, IntSupplier selfId) {
        this.metadata = metadata;
        this.selfId = selfId;
    }

    @Override
    public Mono<ApiMessage> handle(KafkaRequest request) {
        FindCoordinatorRequestData in = (FindCoordinatorRequestData) request.body();
        short v = request.version();
        List<String> keys = v >= 4 ? in.coordinatorKeys() : List.of(in.key());
        return metadata.describe(List.of(OFFSETS_TOPIC), false)
                .map(m -> answer(in.keyType(), keys, v, coordinator(m)))
                .onErrorResume(e -> Mono.just(answer(in.keyType(), keys, v, Optional.empty())));
    }

    /** The group coordinator node: the offsets partition's leader, or this node when there is no such topic. */
    private Optional<ClusterMetadata.Node> coordinator(ClusterMetadata m) {
        Optional<ClusterMetadata.Topic> offsets = m.topic(OFFSETS_TOPIC).filter(t -> t.error() == null);
        if (offsets.isEmpty()) {
            return m.node(selfId.getAsInt());
        }
        return offsets.get().partitions().stream().filter(p -> p.partition() == 0).findFirst()
                .flatMap(p -> m.node(p.leader()));
    }

    private static ApiMessage answer(byte keyType, List<String> keys, short v, Optional<ClusterMetadata.Node> node) {
        Errors error = keyType != GROUP_KEY ? Errors.COORDINATOR_NOT_AVAILABLE
                : node.isEmpty() ? Errors.COORDINATOR_NOT_AVAILABLE : Errors.NONE;
        String message = keyType != GROUP_KEY ? "this node serves group coordinators only (key type 0)"
                : node.isEmpty() ? "no node leads " + OFFSETS_TOPIC + "-0 right now" : null;
        FindCoordinatorResponseData out = new FindCoordinatorResponseData();
        if (v >= 4) {
            List<Coordinator> list = new ArrayList<>();
            for (String key : keys) {
                Coordinator c = new Coordinator().setKey(key).setErrorCode(error.code()).setErrorMessage(message);
                if (error == Errors.NONE) {
                    c.setNodeId(node.get().id()).setHost(node.get().host()).setPort(node.get().port());
                } else {
                    c.setNodeId(-1).setHost("").setPort(-1);
                }
                list.add(c);
            }
            return out.setCoordinators(list);
        }
        out.setErrorCode(error.code());
        if (v >= 1) {
            out.setErrorMessage(message);
        }
        return error == Errors.NONE
                ? out.setNodeId(node.get().id()).setHost(node.get().host()).setPort(node.get().port())
                : out.setNodeId(-1).setHost("").setPort(-1);
    }
}
