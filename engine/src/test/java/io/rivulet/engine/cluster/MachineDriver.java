package io.rivulet.engine.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Applies metadata commands one after the other to an image, as the Raft log would, for tests of the pure
 * metadata machine: the current image, and nodes registered as {@code host<id>} with ports {@code 7000 + id} and
 * {@code 8000 + id}.
 */
final class MachineDriver {
    private ClusterImage image = ClusterImage.EMPTY;
    private long index;

    /** The image after every command applied so far. */
    ClusterImage image() {
        return image;
    }

    /** The log index of the last command applied. */
    long index() {
        return index;
    }

    /** Goes on from {@code next} instead, as if the commands that lead there had been applied. */
    void replace(ClusterImage next) {
        image = next;
    }

    /** Back to an empty image at index 0. */
    void reset() {
        image = ClusterImage.EMPTY;
        index = 0;
    }

    /** Applies {@code command} at the next log index. */
    MetadataResult run(MetadataCommand command) {
        MetadataMachine.Applied applied = MetadataMachine.apply(image, command, ++index);
        image = applied.image();
        return applied.result();
    }

    /** Registers the nodes, each of which must be accepted. */
    void register(int... ids) {
        for (int id : ids) {
            assertEquals(MetadataResult.OK, run(new MetadataCommand.RegisterNode(endpoint(id))));
        }
    }

    static NodeEndpoint endpoint(int id) {
        return new NodeEndpoint(id, "host" + id, 7000 + id, 8000 + id);
    }
}
