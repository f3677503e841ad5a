package io.rivulet.engine.cluster;

import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * One TLS handshake with a controller's consensus port, to learn why a node cannot join (see
 * {@link PeerHandshake}). Sends nothing but the handshake. Blocks for up to about twice {@code timeout}: run it on
 * a thread that may block.
 *
 * <p>A TLS node shakes hands as its quorum client does: its own chain and key, its trust, the host name checked,
 * HTTP/2 offered (the gRPC transport wants it). A node without TLS shakes hands trusting any certificate: it only
 * wants to know whether the other side speaks TLS at all, and sends no data over the connection.
 */
final class TlsProbe {
    private final SSLContext context;
    private final boolean checkName;
    private final Duration timeout;

    private TlsProbe(SSLContext context, boolean checkName, Duration timeout) {
        this.context = context;
        this.checkName = checkName;
        this.timeout = timeout;
    }

    /** A probe for a node with {@code tls} (null: a node without TLS). */
    static TlsProbe of(NodeTls tls, Duration timeout) {
        try {
            SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.JDK);
            if (tls == null) {
                b.trustManager(InsecureTrustManagerFactory.INSTANCE);
            } else {
                b.keyManager(tls.certificateChain().toFile(), tls.privateKey().toFile())
                        .trustManager(tls.trustedCertificates().toFile());
            }
            return new TlsProbe(((JdkSslContext) b.build()).context(), tls != null, timeout);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the node's TLS files " + tls + ": " + e.getMessage(), e);
        }
    }

    /** Shakes hands with {@code peer} and says what happened. */
    PeerHandshake probe(ControllerAddress peer) {
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(peer.host(), peer.port()), millis);
            plain.setSoTimeout(millis);
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, peer.host(), peer.port(), false)) {
                SSLParameters parameters = tls.getSSLParameters();
                if (checkName) {
                    parameters.setEndpointIdentificationAlgorithm("HTTPS");
                }
                parameters.setApplicationProtocols(new String[] {"h2"});
                tls.setSSLParameters(parameters);
                tls.startHandshake();
                // With TLS 1.3 the server judges the client's certificate after the client's handshake is done;
                // a refusal arrives as an alert on the first read.
                try {
                    tls.getInputStream().read();
                } catch (SocketTimeoutException quiet) {
                    // nothing said within the timeout: nothing refused
                } catch (SSLException alert) {
                    // the alert varies with the server's TLS library (bad_certificate, certificate_required, even
                    // internal_error); once the handshake is done, any alert means the server refused this node
                    return new PeerHandshake(PeerHandshake.Kind.REFUSED_BY_PEER, alert.getMessage());
                }
                return new PeerHandshake(PeerHandshake.Kind.SPEAKS_TLS, "handshake completed");
            }
        } catch (IOException | RuntimeException e) {
            return PeerHandshake.classify(e);
        }
    }
}
