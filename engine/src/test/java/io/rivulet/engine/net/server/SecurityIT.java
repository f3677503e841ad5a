package io.rivulet.engine.net.server;

import io.netty.handler.ssl.SslContextBuilder;
import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.Rivulet;
import io.rivulet.api.StartAt;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.RivuletException;
import io.rivulet.api.serde.Serdes;
import io.rivulet.engine.testing.SelfSigned;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TLS on the native listener, and the token: the round trip and every way to get it wrong. */
class SecurityIT {
    @TempDir
    Path dir;

    private static String roundTrip(Rivulet client) {
        client.producer(ProducerOptions.of(Serdes.string(), Serdes.string()))
                .send(ProducerRecord.of("secure", "hello")).block(Duration.ofSeconds(10));
        return client.consumer(ConsumerOptions.builder(Serdes.string(), Serdes.string()).build())
                .read(new TopicPartition("secure", 0), StartAt.earliest()).blockFirst(Duration.ofSeconds(10)).value();
    }

    @Test
    void tlsRoundTripWithTheNodesCertificateTrusted() throws Exception {
        SelfSigned cert = SelfSigned.create(dir);
        var tls = SslContextBuilder.forServer(cert.certificate().toFile(), cert.privateKey().toFile()).build();
        try (TestNode node = TestNode.start(dir.resolve("data"), NativeSettings.of("127.0.0.1", 0).withTls(tls));
             Rivulet client = Rivulet.connect(node.uri(), Map.of("ssl.truststore.certificates", cert.certificate().toString()))) {
            assertEquals("hello", roundTrip(client));
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateOrSpeaksPlainTcpIsRefused() throws Exception {
        SelfSigned cert = SelfSigned.create(dir);
        var tls = SslContextBuilder.forServer(cert.certificate().toFile(), cert.privateKey().toFile()).build();
        try (TestNode node = TestNode.start(dir.resolve("data"), NativeSettings.of("127.0.0.1", 0).withTls(tls))) {
            RivuletException untrusted = assertThrows(RivuletException.class, () -> Rivulet.connect(node.uri(),
                    Map.of("ssl.enabled", "true", "request.timeout.ms", "2000")));
            assertEquals(ErrorCode.DISCONNECTED, untrusted.code(), untrusted.getMessage());
            RivuletException plain = assertThrows(RivuletException.class, () -> Rivulet.connect(node.uri(),
                    Map.of("request.timeout.ms", "2000")));
            assertTrue(plain.code() == ErrorCode.DISCONNECTED || plain.code() == ErrorCode.TIMEOUT, plain.getMessage());
        }
    }

    @Test
    void theRightTokenIsLetInAndAMissingOrWrongOneIsRefusedClearly() {
        try (TestNode node = TestNode.start(dir, NativeSettings.of("127.0.0.1", 0).withToken("s3cret"))) {
            RivuletException missing = assertThrows(RivuletException.class, () -> Rivulet.connect(node.uri()));
            assertEquals(ErrorCode.AUTHENTICATION_FAILED, missing.code());
            assertTrue(missing.getMessage().contains("rivulet.token"), missing.getMessage());

            RivuletException wrong = assertThrows(RivuletException.class,
                    () -> Rivulet.connect(node.uri(), Map.of("rivulet.token", "guess")));
            assertEquals(ErrorCode.AUTHENTICATION_FAILED, wrong.code());

            try (Rivulet client = Rivulet.connect(node.uri(), Map.of("rivulet.token", "s3cret"))) {
                assertEquals("hello", roundTrip(client));
            }
        }
    }
}
