package io.rivulet.storage.batch;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * A flyweight over one record inside a {@link RecordBatch}, filled in by {@link RecordIterator}.
 *
 * <pre>
 * field            encoding  notes
 * ---------------- --------- -----------------------------------------------
 * length           varint    bytes after this field
 * attributes       int8      unused, 0
 * timestampDelta   varlong   timestamp - batch baseTimestamp
 * offsetDelta      varint    offset - batch baseOffset
 * keyLength        varint    -1 for a null key
 * key              bytes
 * valueLength      varint    -1 for a null value
 * value            bytes
 * headerCount      varint
 * headers          repeated: keyLength varint, key UTF-8, valueLength varint (-1 null), value
 * </pre>
 *
 * <p>Key and value stay where they are; {@link #key()} and {@link #value()} copy them out on request,
 * and {@link #keyPosition()}/{@link #valuePosition()} let a caller copy them anywhere else itself.
 */
public final class BatchRecord {
    private BytesStore<?, ?> store;
    private long offset;
    private long timestamp;
    private long keyPosition;
    private int keyLength;
    private long valuePosition;
    private int valueLength;
    private int headerCount;
    private long headersPosition;
    private long end;
    private int sizeInBytes;

    void set(BytesStore<?, ?> store, long offset, long timestamp, long keyPosition, int keyLength,
             long valuePosition, int valueLength, int headerCount, long headersPosition, long end,
             int sizeInBytes) {
        this.store = store;
        this.offset = offset;
        this.timestamp = timestamp;
        this.keyPosition = keyPosition;
        this.keyLength = keyLength;
        this.valuePosition = valuePosition;
        this.valueLength = valueLength;
        this.headerCount = headerCount;
        this.headersPosition = headersPosition;
        this.end = end;
        this.sizeInBytes = sizeInBytes;
    }

    public long offset() {
        return offset;
    }

    public long timestamp() {
        return timestamp;
    }

    /** Key length in bytes, or -1 when the key is null. */
    public int keyLength() {
        return keyLength;
    }

    /** Value length in bytes, or -1 when the value is null. */
    public int valueLength() {
        return valueLength;
    }

    public long keyPosition() {
        return keyPosition;
    }

    public long valuePosition() {
        return valuePosition;
    }

    public BytesStore<?, ?> store() {
        return store;
    }

    /** Encoded size of the record, its length prefix included. */
    public int sizeInBytes() {
        return sizeInBytes;
    }

    public int headerCount() {
        return headerCount;
    }

    /** A copy of the key, or null. */
    public byte[] key() {
        return copy(keyPosition, keyLength);
    }

    /** A copy of the value, or null. */
    public byte[] value() {
        return copy(valuePosition, valueLength);
    }

    /** The headers, decoded (allocates; most records have none). */
    public List<RecordHeader> headers() {
        if (headerCount == 0) {
            return List.of();
        }
        ByteCursor c = new ByteCursor();
        c.reset(store, headersPosition, end);
        List<RecordHeader> headers = new ArrayList<>(headerCount);
        for (int i = 0; i < headerCount; i++) {
            int keyLen = c.readVarint();
            long keyPos = c.position();
            c.skip(keyLen);
            int valueLen = c.readVarint();
            long valuePos = c.position();
            c.skip(Math.max(valueLen, 0));
            byte[] key = copy(keyPos, keyLen);
            headers.add(new RecordHeader(new String(key, StandardCharsets.UTF_8), copy(valuePos, valueLen)));
        }
        return headers;
    }

    private byte[] copy(long position, int length) {
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        store.read(position, bytes, 0, length);
        return bytes;
    }

    @Override
    public String toString() {
        return "BatchRecord[offset=" + offset + ", timestamp=" + timestamp + ", key=" + keyLength
                + "B, value=" + valueLength + "B, headers=" + headerCount + "]";
    }
}
