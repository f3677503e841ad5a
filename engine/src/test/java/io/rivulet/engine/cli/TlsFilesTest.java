package io.rivulet.engine.cli;

import io.rivulet.engine.cluster.NodeTls;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How {@code rivulet server} reads its TLS files from flags and config. */
class TlsFilesTest {

    @Test
    void noFilesNoTls() {
        Map<String, String> config = new HashMap<>(Map.of("num.partitions", "3"));
        TlsFiles files = TlsFiles.take(config, null, null, null);
        assertFalse(files.enabled());
        assertNull(files.forCluster());
        assertEquals(Map.of("num.partitions", "3"), config);
    }

    @Test
    void theConfigKeysMirrorTheFlagsAndLeaveTheEngineConfig() {
        Map<String, String> config = new HashMap<>(Map.of("ssl.keystore.certificates", "/etc/rivulet/node.crt",
                "ssl.keystore.key", " /etc/rivulet/node.key ", "ssl.truststore.certificates", "/etc/rivulet/ca.crt",
                "num.partitions", "3"));
        TlsFiles files = TlsFiles.take(config, null, null, null);
        assertEquals(new TlsFiles(Path.of("/etc/rivulet/node.crt"), Path.of("/etc/rivulet/node.key"),
                Path.of("/etc/rivulet/ca.crt")), files);
        assertEquals(Map.of("num.partitions", "3"), config, "the engine refuses keys it does not know");
    }

    @Test
    void aFlagWinsOverTheConfig() {
        Map<String, String> config = new HashMap<>(Map.of("ssl.keystore.certificates", "config.crt",
                "ssl.keystore.key", "config.key"));
        TlsFiles files = TlsFiles.take(config, new File("flag.crt"), null, new File("flag-ca.crt"));
        assertEquals(new TlsFiles(Path.of("flag.crt"), Path.of("config.key"), Path.of("flag-ca.crt")), files);
    }

    @Test
    void aClusterNodeTrustsItsOwnChainUnlessToldOtherwise() {
        NodeTls own = TlsFiles.take(new HashMap<>(), new File("n.crt"), new File("n.key"), null).forCluster();
        assertEquals(Path.of("n.crt"), own.trustedCertificates());
        assertTrue(own.trustsOwnChain());
        NodeTls ca = TlsFiles.take(new HashMap<>(), new File("n.crt"), new File("n.key"), new File("ca.crt")).forCluster();
        assertEquals(Path.of("ca.crt"), ca.trustedCertificates());
        assertFalse(ca.trustsOwnChain());
    }

    @Test
    void halfAPairOrATrustAloneIsRefusedWithWhatToAdd() {
        CommandException noKey = assertThrows(CommandException.class,
                () -> TlsFiles.take(new HashMap<>(), new File("n.crt"), null, null));
        assertTrue(noKey.getMessage().contains("--tls-key") && noKey.getMessage().contains("only the certificate"),
                noKey.getMessage());
        CommandException noCert = assertThrows(CommandException.class,
                () -> TlsFiles.take(new HashMap<>(Map.of("ssl.keystore.key", "n.key")), null, null, null));
        assertTrue(noCert.getMessage().contains("only the key"), noCert.getMessage());
        CommandException trustAlone = assertThrows(CommandException.class,
                () -> TlsFiles.take(new HashMap<>(), null, null, new File("ca.crt")));
        assertTrue(trustAlone.getMessage().contains("--tls-cert and --tls-key"), trustAlone.getMessage());
    }
}
