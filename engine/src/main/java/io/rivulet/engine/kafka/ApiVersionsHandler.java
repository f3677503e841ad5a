package io.rivulet.engine.kafka;

import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import reactor.core.publisher.Mono;

/**
 * ApiVersions: the {@link ApiTable}. A client newer than this door opens with a version it does not know and
 * gets {@code UNSUPPORTED_VERSION} with the table, then asks again at the highest version listed.
 */
final class ApiVersionsHandler implements ApiHandler {

    @Override
    public Mono<ApiMessage> handle(KafkaRequest request) {
        Errors error = ApiTable.supports(request.api(), request.version()) ? Errors.NONE : Errors.UNSUPPORTED_VERSION;
        return Mono.just(new ApiVersionsResponseData()
                .setErrorCode(error.code())
                .setApiKeys(ApiTable.asResponse()));
    }
}
