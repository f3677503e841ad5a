package io.rivulet.engine.kafka.group;

import io.rivulet.engine.group.classic.ClassicCoordinator;
import io.rivulet.engine.kafka.ApiHandler;
import io.rivulet.engine.kafka.KafkaRequest;
import java.util.function.Supplier;
import org.apache.kafka.common.message.DeleteGroupsRequestData;
import org.apache.kafka.common.message.DeleteGroupsResponseData;
import org.apache.kafka.common.message.DeleteGroupsResponseData.DeletableGroupResult;
import org.apache.kafka.common.message.DeleteGroupsResponseData.DeletableGroupResultCollection;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * DeleteGroups (what {@code kafka-consumer-groups --delete} sends): each group without members loses its
 * committed offsets; a group with members answers {@code NON_EMPTY_GROUP}, one without offsets
 * {@code GROUP_ID_NOT_FOUND}. Groups are deleted one after the other, each with its own answer.
 */
final class DeleteGroupsHandler implements ApiHandler {
    private final Supplier<ClassicCoordinator> groups;

    DeleteGroupsHandler(Supplier<ClassicCoordinator> groups) {
        this.groups = groups;
    }

    @Override
    public Mono<ApiMessage> handle(KafkaRequest request) {
        DeleteGroupsRequestData in = (DeleteGroupsRequestData) request.body();
        return Flux.fromIterable(in.groupsNames())
                .concatMap(id -> groups.get().deleteGroup(id).thenReturn(Errors.NONE)
                        .onErrorResume(e -> Mono.just(GroupErrors.of(e)))
                        .map(error -> new DeletableGroupResult().setGroupId(id).setErrorCode(error.code())))
                .collectList()
                .map(results -> {
                    DeletableGroupResultCollection out = new DeletableGroupResultCollection();
                    results.forEach(out::add);
                    return new DeleteGroupsResponseData().setResults(out);
                });
    }
}
