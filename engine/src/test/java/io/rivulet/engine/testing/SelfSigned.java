package io.rivulet.engine.testing;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Base64;

/**
 * A self-signed certificate made at test time with the JDK's keytool, written as the PEM files
 * {@code rivulet server --tls-cert/--tls-key} and the client's {@code ssl.truststore.certificates} read,
 * for {@code CN=localhost} with the names {@code localhost} and {@code 127.0.0.1}, valid two days.
 */
public record SelfSigned(Path certificate, Path privateKey) {
    public static SelfSigned create(Path dir) throws Exception {
        Path store = dir.resolve("node.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "node", "-keyalg", "RSA", "-keysize", "2048",
                "-validity", "2", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        Certificate cert = ks.getCertificate("node");
        PrivateKey key = (PrivateKey) ks.getKey("node", "changeit".toCharArray());
        Path certFile = Files.writeString(dir.resolve("node.crt"), pem("CERTIFICATE", cert.getEncoded()));
        Path keyFile = Files.writeString(dir.resolve("node.key"), pem("PRIVATE KEY", key.getEncoded()));
        return new SelfSigned(certFile, keyFile);
    }

    /** The server side, as {@code rivulet server --tls-cert/--tls-key} builds it. */
    public SslContext serverContext() throws IOException {
        return SslContextBuilder.forServer(certificate.toFile(), privateKey.toFile()).build();
    }

    /** A JDK client context that trusts this certificate and nothing else (for java.net.http). */
    public SSLContext clientContext() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            trust.setCertificateEntry("node", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
