package io.rivulet.engine.group.classic;

import java.util.Objects;

/**
 * One protocol a joining member supports (for consumers: an assignor such as {@code range}), with its
 * metadata (for consumers: the subscription, in Kafka's consumer-protocol encoding). The coordinator treats
 * the metadata as opaque bytes and hands it to the leader.
 *
 * @param name     the protocol's name
 * @param metadata the member's metadata for it; not copied, so the caller must not change it afterwards
 */
public record ClassicProtocol(String name, byte[] metadata) {

    /** Checks the fields are present. */
    public ClassicProtocol {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(metadata, "metadata");
    }
}
