package io.rivulet.engine.kafka;

import java.security.SecureRandom;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import reactor.core.publisher.Mono;

/**
 * InitProducerId for idempotent producers (the Java client's default): a new producer id at epoch 0, or the
 * same id at the next epoch when a producer asks to bump its own (KIP-360). Ids are random 62-bit numbers, so
 * nodes hand them out without coordinating and a restart never reissues one in use (a collision is about as
 * likely as a 62-bit guess). The partitions keep each id's sequences ({@code ProducerStateTable}).
 * Transactions are not supported: a transactional id is refused.
 */
final class InitProducerIdHandler implements ApiHandler {
    private static final SecureRandom IDS = new SecureRandom();

    @Override
    public Mono<ApiMessage> handle(KafkaRequest request) {
        InitProducerIdRequestData in = (InitProducerIdRequestData) request.body();
        InitProducerIdResponseData out = new InitProducerIdResponseData();
        if (in.transactionalId() != null) {
            return Mono.just(out.setErrorCode(Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED.code())
                    .setProducerId(-1).setProducerEpoch((short) -1));
        }
        boolean bump = request.version() >= 3 && in.producerId() >= 0 && in.producerEpoch() >= 0
                && in.producerEpoch() < Short.MAX_VALUE - 1;
        return Mono.just(bump
                ? out.setProducerId(in.producerId()).setProducerEpoch((short) (in.producerEpoch() + 1))
                : out.setProducerId(newId()).setProducerEpoch((short) 0));
    }

    static long newId() {
        return 1 + (IDS.nextLong() >>> 2);
    }
}
