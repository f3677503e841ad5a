package io.rivulet.engine.cluster;

import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a node reads a TLS handshake with a controller, and when it gives up joining. */
class PeerHandshakeTest {
    private static final ControllerAddress PEER = new ControllerAddress(2, "10.0.0.2", 9093);
    private static final NodeTls OWN_CHAIN = new NodeTls(Path.of("node.crt"), Path.of("node.key"), null);
    private static final NodeTls WITH_CA = new NodeTls(Path.of("node.crt"), Path.of("node.key"), Path.of("ca.crt"));

    @Test
    void nobodyThereSaysNothingAboutTls() {
        PeerHandshake h = PeerHandshake.classify(new ConnectException("Connection refused"));
        assertEquals(PeerHandshake.Kind.UNREACHABLE, h.kind());
        assertTrue(h.mismatch(true, PEER, OWN_CHAIN).isEmpty());
        assertTrue(h.mismatch(false, PEER, null).isEmpty());
    }

    @Test
    void silenceIsNotConclusiveAsAPausedNodeIsSilentToo() {
        PeerHandshake h = PeerHandshake.classify(new SocketTimeoutException("Read timed out"));
        assertEquals(PeerHandshake.Kind.OTHER, h.kind());
        assertTrue(h.mismatch(true, PEER, OWN_CHAIN).isEmpty());
    }

    @Test
    void anUntrustedChainNamesTheTrustFileToChange() {
        SSLHandshakeException e = new SSLHandshakeException("PKIX path building failed");
        e.initCause(new CertPathBuilderException("unable to find valid certification path to requested target"));
        PeerHandshake h = PeerHandshake.classify(e);
        assertEquals(PeerHandshake.Kind.UNTRUSTED_PEER, h.kind());
        String own = h.mismatch(true, PEER, OWN_CHAIN).orElseThrow();
        assertTrue(own.contains("controller 2 at 10.0.0.2:9093") && own.contains("node.crt")
                && own.contains("--tls-trust"), own);
        String ca = h.mismatch(true, PEER, WITH_CA).orElseThrow();
        assertTrue(ca.contains("ca.crt"), ca);
    }

    @Test
    void aCertificateWithoutTheDialledNameSaysWhichName() {
        SSLHandshakeException e = new SSLHandshakeException("No subject alternative names matching IP address 10.0.0.2 found");
        e.initCause(new CertificateException("No subject alternative names matching IP address 10.0.0.2 found"));
        PeerHandshake h = PeerHandshake.classify(e);
        assertEquals(PeerHandshake.Kind.WRONG_NAME, h.kind());
        String m = h.mismatch(true, PEER, OWN_CHAIN).orElseThrow();
        assertTrue(m.contains("does not name 10.0.0.2"), m);
    }

    @Test
    void aRefusedCertificateTellsWhoseTrustToChange() {
        PeerHandshake h = PeerHandshake.classify(new SSLException("Received fatal alert: bad_certificate"));
        assertEquals(PeerHandshake.Kind.REFUSED_BY_PEER, h.kind());
        String m = h.mismatch(true, PEER, OWN_CHAIN).orElseThrow();
        assertTrue(m.contains("refused this node's certificate node.crt"), m);
    }

    @Test
    void aTlsNodeFacingAPlainControllerSaysSo() {
        for (Exception e : new Exception[] {new SSLException("Unsupported or unrecognized SSL message"),
                new SSLHandshakeException("Remote host terminated the handshake"), new EOFException("SSL peer shut down")}) {
            PeerHandshake h = PeerHandshake.classify(e);
            assertEquals(PeerHandshake.Kind.NO_TLS, h.kind(), e.toString());
            String m = h.mismatch(true, PEER, OWN_CHAIN).orElseThrow();
            assertTrue(m.contains("does not speak TLS"), m);
            assertTrue(h.mismatch(false, PEER, null).isEmpty(), "a plain node expects a plain controller");
        }
    }

    @Test
    void aPlainNodeFacingATlsControllerSaysSo() {
        PeerHandshake tls = new PeerHandshake(PeerHandshake.Kind.SPEAKS_TLS, "handshake completed");
        String m = tls.mismatch(false, PEER, null).orElseThrow();
        assertTrue(m.contains("speaks TLS, but this node was started without it") && m.contains("--tls-cert"), m);
        assertTrue(tls.mismatch(true, PEER, OWN_CHAIN).isEmpty(), "a TLS node that completed a handshake is fine");
        PeerHandshake refused = PeerHandshake.classify(new SSLException("Received fatal alert: certificate_required"));
        assertTrue(refused.mismatch(false, PEER, null).isPresent(), "a controller that wants a certificate speaks TLS");
    }
}
