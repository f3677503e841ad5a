package io.rivulet.engine.partition;

import io.rivulet.engine.replication.ProducerStateTable;
import io.rivulet.engine.replication.ProducerStateTable.BatchEntry;
import io.rivulet.engine.replication.ProducerStateTable.ProducerEntry;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * A partition's producer state as of a log offset, and its bytes on disk: what lets a restarted
 * partition answer an idempotent producer's retried batch without reading its whole log (Kafka keeps
 * the same thing in its {@code .snapshot} files). Pure: encodes and decodes bytes, no files.
 *
 * <pre>
 * offset size field
 * ------ ---- ---------------------------------------------------------------
 *      0    4 magic 0x52505353 ("RPSS")
 *      4    2 version, 1
 *      6    8 offset: the log end the state covers; loading reads the log from here
 *     14    4 producer count n
 *     18    . n producers, each:
 *                8 producer id
 *                2 epoch
 *                1 cached batch count k, 1..16
 *                k batches, oldest first, each:
 *                   4 first sequence, 4 last sequence, 8 base offset, 8 last offset
 *    end-4  4 CRC-32C of every byte before it
 * </pre>
 * All big-endian. A reader refuses another magic or version, a bad CRC, a count that runs past the
 * bytes, and bytes left over: a snapshot is used whole or not at all.
 *
 * @param offset the log end offset the table covers: every producer batch below it is in the table
 * @param table  the producer state
 */
record ProducerStateSnapshot(long offset, ProducerStateTable table) {
    static final int MAGIC = 0x52505353;
    static final short VERSION = 1;
    private static final int HEADER = 4 + 2 + 8 + 4;
    private static final int CRC_SIZE = 4;
    private static final int PRODUCER_HEAD = 8 + 2 + 1;
    private static final int BATCH = 4 + 4 + 8 + 8;

    /** Bytes that are not a snapshot this version can read; the caller falls back to reading the log. */
    static final class CorruptSnapshotException extends RuntimeException {
        CorruptSnapshotException(String message) {
            super(message);
        }
    }

    /** The snapshot's bytes. */
    byte[] encode() {
        List<ProducerEntry> entries = table.entries();
        int size = HEADER + CRC_SIZE;
        for (ProducerEntry e : entries) {
            size += PRODUCER_HEAD + BATCH * e.batches().size();
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putInt(MAGIC).putShort(VERSION).putLong(offset).putInt(entries.size());
        for (ProducerEntry e : entries) {
            b.putLong(e.producerId()).putShort(e.epoch()).put((byte) e.batches().size());
            for (BatchEntry a : e.batches()) {
                b.putInt(a.firstSequence()).putInt(a.lastSequence()).putLong(a.baseOffset()).putLong(a.lastOffset());
            }
        }
        b.putInt(crc(b.array(), size - CRC_SIZE));
        return b.array();
    }

    /**
     * The snapshot in {@code bytes}.
     *
     * @throws CorruptSnapshotException saying what is wrong, when they are not a whole, intact snapshot
     */
    static ProducerStateSnapshot decode(byte[] bytes) {
        if (bytes.length < HEADER + CRC_SIZE) {
            throw new CorruptSnapshotException("a producer-state snapshot has at least " + (HEADER + CRC_SIZE)
                    + " bytes, this one " + bytes.length);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int stored = b.getInt(bytes.length - CRC_SIZE);
        if (stored != crc(bytes, bytes.length - CRC_SIZE)) {
            throw new CorruptSnapshotException("producer-state snapshot CRC mismatch: the file is damaged or torn");
        }
        if (b.getInt() != MAGIC) {
            throw new CorruptSnapshotException("not a producer-state snapshot (bad magic)");
        }
        short version = b.getShort();
        if (version != VERSION) {
            throw new CorruptSnapshotException("producer-state snapshot version " + version
                    + " is not readable by this version (" + VERSION + ")");
        }
        long offset = b.getLong();
        int count = b.getInt();
        if (offset < 0 || count < 0 || (long) count * (PRODUCER_HEAD + BATCH) > bytes.length) {
            throw new CorruptSnapshotException("producer-state snapshot has offset " + offset + " and "
                    + count + " producers in " + bytes.length + " bytes");
        }
        b.limit(bytes.length - CRC_SIZE);
        List<ProducerEntry> entries = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                long id = b.getLong();
                short epoch = b.getShort();
                int k = b.get();
                if (k < 1 || k > ProducerStateTable.CACHED_BATCHES) {
                    throw new CorruptSnapshotException("producer " + id + " has " + k + " cached batches in the"
                            + " snapshot; between 1 and " + ProducerStateTable.CACHED_BATCHES + " are possible");
                }
                List<BatchEntry> batches = new ArrayList<>(k);
                for (int j = 0; j < k; j++) {
                    batches.add(new BatchEntry(b.getInt(), b.getInt(), b.getLong(), b.getLong()));
                }
                entries.add(new ProducerEntry(id, epoch, List.copyOf(batches)));
            }
        } catch (BufferUnderflowException e) {
            throw new CorruptSnapshotException("producer-state snapshot ends inside its producer list");
        }
        if (b.hasRemaining()) {
            throw new CorruptSnapshotException("producer-state snapshot has " + b.remaining()
                    + " bytes after its producer list");
        }
        return new ProducerStateSnapshot(offset, ProducerStateTable.of(entries));
    }

    private static int crc(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }
}
