package io.rivulet.engine.cluster;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a node of a TLS cluster proves who it is to the other nodes, and whom it believes: the node presents
 * {@code certificateChain} (with {@code privateKey}) both when it serves and when it connects, and accepts a
 * peer only if the peer's certificate chains to one of {@code trustedCertificates}.
 *
 * <p>The trust defaults to the node's own chain, which covers the two simple set-ups without another file:
 * one certificate shared by every node (it trusts itself), or one certificate per node signed by a common CA
 * whose certificate is the last one in each node's chain file. A peer must also present a certificate that
 * names the host the others dial (a DNS or IP subject alternative name): the consensus quorum checks it against
 * the host in {@code --cluster}, the replication links against the host the node advertises.
 *
 * @param certificateChain    PEM file: this node's certificate first, then any intermediates (and the CA)
 * @param privateKey          PEM file: the key of the first certificate, PKCS#8
 * @param trustedCertificates PEM file of the certificates peers' chains must lead to; {@code certificateChain}
 *                            when null
 */
public record NodeTls(Path certificateChain, Path privateKey, Path trustedCertificates) {

    /** Fills in the default trust. */
    public NodeTls {
        Objects.requireNonNull(certificateChain, "certificateChain");
        Objects.requireNonNull(privateKey, "privateKey");
        if (trustedCertificates == null) {
            trustedCertificates = certificateChain;
        }
    }

    /** Whether the trust is the node's own chain rather than a file of its own. */
    public boolean trustsOwnChain() {
        return trustedCertificates.equals(certificateChain);
    }
}
