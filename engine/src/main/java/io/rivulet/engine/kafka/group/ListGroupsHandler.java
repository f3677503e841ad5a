package io.rivulet.engine.kafka.group;

import io.rivulet.engine.group.classic.ClassicCoordinator;
import io.rivulet.engine.group.classic.ClassicGroupListing;
import io.rivulet.engine.kafka.ApiHandler;
import io.rivulet.engine.kafka.KafkaRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.message.ListGroupsResponseData.ListedGroup;
import org.apache.kafka.common.protocol.ApiMessage;
import reactor.core.publisher.Mono;

/**
 * ListGroups: Kafka classic groups, Rivulet's own groups (type {@code consumer}) and groups that only have
 * committed offsets. v4+ filter by state and answer with it; v5+ filter by type and answer with it. Filters
 * ignore case, as Kafka's do.
 */
final class ListGroupsHandler implements ApiHandler {
    private final Supplier<ClassicCoordinator> groups;

    ListGroupsHandler(Supplier<ClassicCoordinator> groups) {
        this.groups = groups;
    }

    @Override
    public Mono<ApiMessage> handle(KafkaRequest request) {
        ListGroupsRequestData in = (ListGroupsRequestData) request.body();
        short v = request.version();
        Set<String> states = v >= 4 ? lower(in.statesFilter()) : Set.of();
        Set<String> types = v >= 5 ? lower(in.typesFilter()) : Set.of();
        return groups.get().listGroups()
                .map(list -> {
                    List<ListedGroup> out = new ArrayList<>();
                    for (ClassicGroupListing g : list) {
                        if ((!states.isEmpty() && !states.contains(lower(g.state().kafkaName())))
                                || (!types.isEmpty() && !types.contains(g.groupType()))) {
                            continue;
                        }
                        ListedGroup listed = new ListedGroup().setGroupId(g.groupId()).setProtocolType(g.protocolType());
                        if (v >= 4) {
                            listed.setGroupState(g.state().kafkaName());
                        }
                        if (v >= 5) {
                            listed.setGroupType(g.groupType());
                        }
                        out.add(listed);
                    }
                    return (ApiMessage) new ListGroupsResponseData().setGroups(out);
                })
                .onErrorResume(e -> Mono.just(new ListGroupsResponseData().setErrorCode(GroupErrors.of(e).code())));
    }

    private static Set<String> lower(List<String> values) {
        return values == null ? Set.of() : values.stream().map(ListGroupsHandler::lower).collect(Collectors.toSet());
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
