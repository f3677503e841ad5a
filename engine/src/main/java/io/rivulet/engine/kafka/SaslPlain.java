package io.rivulet.engine.kafka;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.apache.kafka.common.message.SaslAuthenticateRequestData;
import org.apache.kafka.common.message.SaslAuthenticateResponseData;
import org.apache.kafka.common.message.SaslHandshakeRequestData;
import org.apache.kafka.common.message.SaslHandshakeResponseData;
import org.apache.kafka.common.protocol.Errors;

/**
 * One connection's SASL/PLAIN exchange, when the node requires a token: SaslHandshake picks the mechanism,
 * SaslAuthenticate carries {@code [authzid] NUL user NUL password} (RFC 4616), and the password must be the
 * node's token; the user name is only a label. Until then the connection may send nothing else but
 * ApiVersions. Kafka clients configure it as {@code sasl.mechanism=PLAIN} with a {@code PlainLoginModule} whose
 * password is the token.
 */
final class SaslPlain {
    static final String MECHANISM = "PLAIN";

    private final byte[] token;
    private boolean mechanismChosen;
    private boolean authenticated;

    /** @param token the node's token; null when the node is open, so every connection is authenticated already */
    SaslPlain(String token) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        this.authenticated = token == null;
    }

    boolean authenticated() {
        return authenticated;
    }

    SaslHandshakeResponseData handshake(SaslHandshakeRequestData in) {
        SaslHandshakeResponseData out = new SaslHandshakeResponseData().setMechanisms(List.of(MECHANISM));
        if (authenticated) {
            return out.setErrorCode(Errors.ILLEGAL_SASL_STATE.code());
        }
        if (!MECHANISM.equals(in.mechanism())) {
            return out.setErrorCode(Errors.UNSUPPORTED_SASL_MECHANISM.code());
        }
        mechanismChosen = true;
        return out.setErrorCode(Errors.NONE.code());
    }

    SaslAuthenticateResponseData authenticate(SaslAuthenticateRequestData in) {
        SaslAuthenticateResponseData out = new SaslAuthenticateResponseData().setAuthBytes(new byte[0]);
        if (!mechanismChosen || authenticated) {
            return out.setErrorCode(Errors.ILLEGAL_SASL_STATE.code())
                    .setErrorMessage("send SaslHandshake with mechanism PLAIN first, once");
        }
        byte[] password = password(in.authBytes());
        if (password == null || !MessageDigest.isEqual(password, token)) {
            return out.setErrorCode(Errors.SASL_AUTHENTICATION_FAILED.code())
                    .setErrorMessage("wrong token: give the node's token (rivulet server --token) as the SASL/PLAIN password");
        }
        authenticated = true;
        return out.setErrorCode(Errors.NONE.code());
    }

    /** The password of a PLAIN message, or null if it is not one. */
    static byte[] password(byte[] message) {
        int first = indexOf(message, 0);
        int second = first < 0 ? -1 : indexOf(message, first + 1);
        if (second < 0) {
            return null;
        }
        byte[] password = new byte[message.length - second - 1];
        System.arraycopy(message, second + 1, password, 0, password.length);
        return password;
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
