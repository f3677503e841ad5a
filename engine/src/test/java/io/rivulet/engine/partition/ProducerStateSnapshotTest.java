package io.rivulet.engine.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rivulet.engine.partition.ProducerStateSnapshot.CorruptSnapshotException;
import io.rivulet.engine.replication.ProducerStateTable;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The snapshot's bytes, without files: what goes in comes out, and damage is refused whole. */
class ProducerStateSnapshotTest {

    @Test
    void roundTripKeepsEveryProducerAndItsCachedBatches() {
        ProducerStateTable table = new ProducerStateTable();
        table.appended(7, (short) 0, 0, 2, 100); // sequences 0-2 at 100-102
        table.appended(7, (short) 0, 3, 0, 110);
        table.appended(9, (short) 4, Integer.MAX_VALUE - 1, 3, 200); // wraps: last sequence 1
        for (int i = 0; i < 7; i++) {
            table.appended(11, (short) 1, i, 0, 300 + i); // more than the 5 cached
        }
        ProducerStateSnapshot decoded = ProducerStateSnapshot.decode(new ProducerStateSnapshot(400, table).encode());

        assertEquals(400, decoded.offset());
        assertEquals(new HashSet<>(table.entries()), new HashSet<>(decoded.table().entries()));
        ProducerStateTable t = decoded.table();
        assertEquals(new ProducerStateTable.Duplicate(100, 102), t.check(7, (short) 0, 0, 2));
        assertInstanceOf(ProducerStateTable.Append.class, t.check(7, (short) 0, 4, 0));
        assertInstanceOf(ProducerStateTable.Append.class, t.check(9, (short) 4, 2, 0));
        assertEquals(new ProducerStateTable.Duplicate(306, 306), t.check(11, (short) 1, 6, 0));
        assertInstanceOf(ProducerStateTable.Fenced.class, t.check(11, (short) 0, 7, 0));
    }

    @Test
    void anEmptyTableRoundTrips() {
        ProducerStateSnapshot decoded = ProducerStateSnapshot.decode(
                new ProducerStateSnapshot(0, new ProducerStateTable()).encode());
        assertEquals(0, decoded.offset());
        assertEquals(0, decoded.table().producerCount());
    }

    @Test
    void anyFlippedBitIsRefused() {
        byte[] bytes = sample().encode();
        for (int i = 0; i < bytes.length; i++) {
            byte[] damaged = bytes.clone();
            damaged[i] ^= 0x10;
            assertThrows(CorruptSnapshotException.class, () -> ProducerStateSnapshot.decode(damaged), "byte " + i);
        }
    }

    @Test
    void aTornFileIsRefused() {
        byte[] bytes = sample().encode();
        for (int n = 0; n < bytes.length; n++) {
            byte[] torn = Arrays.copyOf(bytes, n);
            assertThrows(CorruptSnapshotException.class, () -> ProducerStateSnapshot.decode(torn), n + " bytes");
        }
    }

    @Test
    void anotherVersionIsRefusedSayingSo() {
        byte[] bytes = sample().encode();
        ByteBuffer.wrap(bytes).putShort(4, (short) 2);
        byte[] fixed = withCrc(bytes);
        CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, () -> ProducerStateSnapshot.decode(fixed));
        assertTrue(e.getMessage().contains("version 2"), e.getMessage());
    }

    @Test
    void bytesAfterTheProducersAreRefused() {
        byte[] bytes = sample().encode();
        byte[] longer = new byte[bytes.length + 8];
        System.arraycopy(bytes, 0, longer, 0, bytes.length - 4); // the CRC moves to the new end
        byte[] fixed = withCrc(longer);
        assertThrows(CorruptSnapshotException.class, () -> ProducerStateSnapshot.decode(fixed));
    }

    @Property(tries = 200)
    void randomTablesRoundTrip(@ForAll @Size(max = 30) List<@IntRange(min = 0, max = 5) Integer> producers,
                               @ForAll @IntRange(min = 0, max = 1_000_000) int offset) {
        ProducerStateTable table = new ProducerStateTable();
        long at = 0;
        for (int i = 0; i < producers.size(); i++) {
            int batches = producers.get(i) + 1;
            for (int b = 0; b < batches; b++) {
                table.appended(1000L + i, (short) (i % 3), b * 2, 1, at);
                at += 2;
            }
        }
        ProducerStateSnapshot decoded = ProducerStateSnapshot.decode(new ProducerStateSnapshot(offset, table).encode());
        assertEquals(offset, decoded.offset());
        assertEquals(new HashSet<>(table.entries()), new HashSet<>(decoded.table().entries()));
    }

    private static ProducerStateSnapshot sample() {
        ProducerStateTable table = new ProducerStateTable();
        table.appended(7, (short) 0, 0, 2, 100);
        table.appended(8, (short) 3, 5, 4, 103);
        return new ProducerStateSnapshot(108, table);
    }

    /** {@code bytes} with a correct CRC in their last four bytes: damage the CRC itself cannot catch. */
    private static byte[] withCrc(byte[] bytes) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
        return bytes;
    }
}
