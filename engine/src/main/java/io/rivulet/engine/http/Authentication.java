package io.rivulet.engine.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.rivulet.api.errors.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.http.server.HttpServerRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The token check of a node started with a token: a request presents it as {@code Authorization: Bearer
 * TOKEN}; a WebSocket upgrade may instead carry it as the {@code token=} query parameter, because a
 * browser cannot set headers on a WebSocket. An open node (no token) lets everything through.
 *
 * <p>The comparison is of SHA-256 digests with {@link MessageDigest#isEqual}, so its time depends on
 * neither where a wrong token first differs nor its length. A wrong token is logged at WARN with the
 * peer's address; no token, right or wrong, is ever logged or echoed.
 *
 * <p>Threading: immutable, thread-safe.
 */
final class Authentication {
    private static final Logger LOG = LoggerFactory.getLogger(Authentication.class);
    private static final String BEARER = "bearer ";

    /** The digest of the node's token, or null for an open node. */
    private final byte[] expected;

    private Authentication(byte[] expected) {
        this.expected = expected;
    }

    /** The check for {@code token}, or one that admits every request when it is null. */
    static Authentication of(String token) {
        return new Authentication(token == null ? null : digest(token));
    }

    boolean required() {
        return expected != null;
    }

    /** What the credentials of one request amount to. */
    enum Verdict {
        /** The node is open, or the right token was given. */
        ADMITTED,
        /** No token where one is looked for. */
        MISSING,
        /** A token that is not the node's. */
        WRONG
    }

    /**
     * Admits {@code req} or throws the 401 the client sees ({@code AUTHENTICATION_FAILED}).
     *
     * @param queryAllowed whether {@code token=} in the query counts (WebSocket upgrades only)
     */
    void check(HttpServerRequest req, boolean queryAllowed) {
        if (expected == null) {
            return;
        }
        String queryToken = queryAllowed ? Query.of(req.uri()).get("token") : null;
        switch (verdict(req.requestHeaders().get(HttpHeaderNames.AUTHORIZATION), queryToken)) {
            case ADMITTED -> {
            }
            case MISSING -> throw missing(queryAllowed);
            case WRONG -> {
                LOG.warn("HTTP request {} {} from {} offered a wrong token", req.method(), req.path(), req.remoteAddress());
                throw new HttpProblem(HttpResponseStatus.UNAUTHORIZED, ErrorCode.AUTHENTICATION_FAILED.name(),
                        "the token given does not match this node's: send the token the node was started with "
                                + "(rivulet server --token or RIVULET_TOKEN)");
            }
        }
    }

    /**
     * The verdict on a request's credentials: the {@code Authorization} header if it is a {@code Bearer}
     * one, else {@code queryToken} (null when the query form does not count).
     */
    Verdict verdict(String authorization, String queryToken) {
        if (expected == null) {
            return Verdict.ADMITTED;
        }
        String offered = bearer(authorization);
        if (offered == null) {
            offered = queryToken;
        }
        if (offered == null || offered.isEmpty()) {
            return Verdict.MISSING;
        }
        return MessageDigest.isEqual(expected, digest(offered)) ? Verdict.ADMITTED : Verdict.WRONG;
    }

    private static HttpProblem missing(boolean queryAllowed) {
        return new HttpProblem(HttpResponseStatus.UNAUTHORIZED, ErrorCode.AUTHENTICATION_FAILED.name(),
                "this node requires a token: send Authorization: Bearer <token>"
                        + (queryAllowed ? " (or, from a browser's WebSocket, ?token=<token>)" : "")
                        + " with the token the node was started with (rivulet server --token or RIVULET_TOKEN)");
    }

    /** The credentials of a {@code Bearer} authorization (the scheme is case-insensitive), or null. */
    private static String bearer(String authorization) {
        if (authorization == null || authorization.length() < BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return authorization.substring(BEARER.length()).trim();
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
