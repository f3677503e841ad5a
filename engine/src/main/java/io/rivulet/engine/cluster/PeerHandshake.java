package io.rivulet.engine.cluster;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.Optional;

/**
 * What a TLS handshake with a controller's consensus port showed, and what it means for a node that does or does
 * not use TLS itself. Pure: {@link TlsProbe} does the handshake, this reads its outcome, so a node that can never
 * join (a plain node in a TLS cluster, a certificate the others do not trust) says why instead of waiting.
 *
 * @param kind   what happened
 * @param detail the underlying message, for the operator
 */
record PeerHandshake(Kind kind, String detail) {

    /** The outcomes a node can act on, and those it cannot. */
    enum Kind {
        /** Nobody answered (not started yet, or gone): says nothing about TLS. */
        UNREACHABLE,
        /** The handshake completed: the controller speaks TLS and accepted this node. */
        SPEAKS_TLS,
        /** The controller closed the connection or answered bytes that are not TLS: it does not speak TLS. */
        NO_TLS,
        /** This node does not trust the controller's certificate chain. */
        UNTRUSTED_PEER,
        /** The controller's certificate does not name the host this node dialled. */
        WRONG_NAME,
        /** The controller refused this node's certificate, or its lack of one. */
        REFUSED_BY_PEER,
        /** Anything else: not conclusive. */
        OTHER
    }

    /** Reads a failed handshake (or the first read after it). */
    static PeerHandshake classify(Throwable error) {
        String detail = String.valueOf(error.getMessage());
        if (error instanceof ConnectException || error instanceof NoRouteToHostException
                || error instanceof UnknownHostException) {
            return new PeerHandshake(Kind.UNREACHABLE, detail);
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (t instanceof CertificateException && (m.contains("subject alternative") || m.contains("no name matching"))) {
                return new PeerHandshake(Kind.WRONG_NAME, String.valueOf(t.getMessage()));
            }
            if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException
                    || m.contains("pkix path") || m.contains("unable to find valid certification path")) {
                return new PeerHandshake(Kind.UNTRUSTED_PEER, String.valueOf(t.getMessage()));
            }
        }
        String m = detail.toLowerCase(Locale.ROOT);
        if (error instanceof SSLException && m.contains("received fatal alert")
                && (m.contains("certificate") || m.contains("unknown_ca") || m.contains("handshake_failure"))) {
            return new PeerHandshake(Kind.REFUSED_BY_PEER, detail);
        }
        if (error instanceof SSLException && (m.contains("unrecognized ssl message") || m.contains("unsupported or unrecognized")
                || m.contains("remote host terminated") || m.contains("not an ssl/tls record"))
                || error instanceof SSLHandshakeException && error.getCause() instanceof EOFException
                || error instanceof EOFException || error instanceof SocketException && m.contains("reset")) {
            return new PeerHandshake(Kind.NO_TLS, detail);
        }
        if (error instanceof SocketTimeoutException) {
            // a TLS server answers a hello at once, but so does nobody that is paused or overloaded: not conclusive
            return new PeerHandshake(Kind.OTHER, "no answer to the TLS handshake in time; a node without TLS may "
                    + "stay silent like this");
        }
        return new PeerHandshake(Kind.OTHER, error.getClass().getSimpleName() + ": " + detail);
    }

    /**
     * What stops a node from joining, as a sentence that names the cause and what to change; empty when this
     * outcome does not show a mismatch.
     *
     * @param usesTls whether this node uses TLS towards the other nodes
     * @param peer    the controller probed
     * @param tls     this node's TLS settings (for the file names in the message), null without TLS
     */
    Optional<String> mismatch(boolean usesTls, ControllerAddress peer, NodeTls tls) {
        String who = "controller " + peer.id() + " at " + peer.host() + ":" + peer.port();
        if (!usesTls) {
            return kind == Kind.SPEAKS_TLS || kind == Kind.REFUSED_BY_PEER
                    ? Optional.of(who + " speaks TLS, but this node was started without it: every node of a TLS "
                    + "cluster needs --tls-cert and --tls-key (and --tls-trust unless its own chain is trusted)")
                    : Optional.empty();
        }
        return switch (kind) {
            case NO_TLS -> Optional.of(who + " does not speak TLS (" + detail + "): is it running without "
                    + "--tls-cert/--tls-key? Every node of a cluster uses TLS, or none does");
            case UNTRUSTED_PEER -> Optional.of("this node does not trust the certificate of " + who + " (" + detail
                    + "): its chain must lead to a certificate in " + tls.trustedCertificates()
                    + (tls.trustsOwnChain() ? " (this node's own --tls-cert; give the cluster's CA with --tls-trust)"
                    : " (--tls-trust)"));
            case WRONG_NAME -> Optional.of("the certificate of " + who + " does not name " + peer.host() + " ("
                    + detail + "): give it a subject alternative name for " + peer.host()
                    + ", or name the controller in --cluster as its certificate does");
            case REFUSED_BY_PEER -> Optional.of(who + " refused this node's certificate " + tls.certificateChain()
                    + " (" + detail + "): the controllers trust only certificates that chain to their --tls-trust "
                    + "(by default their own chain)");
            default -> Optional.empty();
        };
    }
}
