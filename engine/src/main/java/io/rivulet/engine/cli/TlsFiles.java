package io.rivulet.engine.cli;

import io.rivulet.engine.cluster.NodeTls;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;

/**
 * The TLS files of {@code rivulet server}, from its flags or, in their absence, its config (the flag wins):
 *
 * <pre>
 * --tls-cert FILE   ssl.keystore.certificates    PEM: the node's certificate, then intermediates (and CA)
 * --tls-key FILE    ssl.keystore.key             PEM: its private key, PKCS#8
 * --tls-trust FILE  ssl.truststore.certificates  PEM: what other nodes' certificates must chain to
 *                                                (default: the node's own chain; cluster nodes only)
 * </pre>
 *
 * @param certificate the chain, null when the node serves without TLS
 * @param key         its key, null exactly when {@code certificate} is
 * @param trust       the certificates peers must chain to, null for the node's own chain
 */
record TlsFiles(Path certificate, Path key, Path trust) {
    static final String CERTIFICATE = "ssl.keystore.certificates";
    static final String KEY = "ssl.keystore.key";
    static final String TRUST = "ssl.truststore.certificates";

    /** No TLS. */
    static final TlsFiles NONE = new TlsFiles(null, null, null);

    /**
     * The files the flags and {@code config} name, their keys removed from {@code config} (the engine refuses keys
     * it does not know).
     *
     * @throws CommandException when a certificate comes without its key or the other way round, or a trust without
     *                          either, saying what to add
     */
    static TlsFiles take(Map<String, String> config, File certificateFlag, File keyFlag, File trustFlag) {
        Path certificate = pick(certificateFlag, config.remove(CERTIFICATE));
        Path key = pick(keyFlag, config.remove(KEY));
        Path trust = pick(trustFlag, config.remove(TRUST));
        if ((certificate == null) != (key == null)) {
            throw new CommandException("give both --tls-cert and --tls-key (" + CERTIFICATE + " and " + KEY
                    + " in --config) to serve TLS; only the " + (certificate == null ? "key" : "certificate") + " is given");
        }
        if (trust != null && certificate == null) {
            throw new CommandException("--tls-trust (" + TRUST + ") says whom a TLS cluster node trusts: give "
                    + "--tls-cert and --tls-key with it");
        }
        return new TlsFiles(certificate, key, trust);
    }

    /** Whether the node serves TLS. */
    boolean enabled() {
        return certificate != null;
    }

    /** What a cluster node presents and trusts between nodes; null without TLS. */
    NodeTls forCluster() {
        return enabled() ? new NodeTls(certificate, key, trust) : null;
    }

    private static Path pick(File flag, String configured) {
        if (flag != null) {
            return flag.toPath();
        }
        return configured == null || configured.isBlank() ? null : Path.of(configured.trim());
    }
}
