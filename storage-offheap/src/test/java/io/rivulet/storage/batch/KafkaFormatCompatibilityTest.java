package io.rivulet.storage.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import net.openhft.chronicle.bytes.Bytes;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.Test;

/** Our batches and the Kafka client's are the same bytes. */
class KafkaFormatCompatibilityTest {

    @Test
    void kafkaParsesOurBatches() {
        try (RecordBatchBuilder builder = new RecordBatchBuilder(64)) {
            builder.append(1_700_000_000_000L, utf8("k1"), utf8("v1"),
                    List.of(new io.rivulet.storage.batch.RecordHeader("h", utf8("x"))));
            builder.append(1_700_000_000_005L, null, null);
            builder.append(1_699_999_999_999L, new byte[0], utf8("v3"));
            RecordBatch ours = builder.build();
            RecordBatch.writeBaseOffset(ours.store(), 0, 42);

            MemoryRecords records = MemoryRecords.readableRecords(ByteBuffer.wrap(copy(ours)));
            Iterator<MutableRecordBatch> batches = records.batches().iterator();
            MutableRecordBatch batch = batches.next();
            batch.ensureValid();
            assertEquals(42, batch.baseOffset());
            assertEquals(44, batch.lastOffset());
            assertEquals(1_700_000_000_005L, batch.maxTimestamp());
            assertEquals(Integer.toUnsignedLong(ours.crc()), batch.checksum());

            Iterator<Record> it = batch.iterator();
            Record r1 = it.next();
            assertEquals(42, r1.offset());
            assertEquals(1_700_000_000_000L, r1.timestamp());
            assertArrayEquals(utf8("k1"), bytes(r1.key()));
            assertArrayEquals(utf8("v1"), bytes(r1.value()));
            assertEquals("h", r1.headers()[0].key());
            assertArrayEquals(utf8("x"), r1.headers()[0].value());
            Record r2 = it.next();
            assertNull(r2.key());
            assertNull(r2.value());
            Record r3 = it.next();
            assertEquals(0, r3.keySize());
            assertEquals(1_699_999_999_999L, r3.timestamp());
        }
    }

    @Test
    void weReadKafkaBatches() {
        MemoryRecords kafka = MemoryRecords.withRecords(Compression.NONE,
                new SimpleRecord(10L, utf8("a"), utf8("one")),
                new SimpleRecord(20L, null, utf8("two"), new RecordHeader[] {new RecordHeader("trace", utf8("t"))}),
                new SimpleRecord(15L, utf8("c"), null));
        ByteBuffer buffer = kafka.buffer();
        byte[] raw = new byte[buffer.remaining()];
        buffer.get(raw);
        Bytes<byte[]> bytes = Bytes.wrapForRead(raw);
        RecordBatch ours = new RecordBatch().wrap(bytes.bytesStore(), 0);
        BatchValidator.validateForAppend(ours, raw.length, 1 << 20);
        assertEquals(20L, ours.maxTimestamp());
        RecordIterator it = ours.records();
        assertEquals(new TestRecord(10L, utf8("a"), utf8("one"), List.of()), TestRecord.of(it.next()));
        assertEquals(new TestRecord(20L, null, utf8("two"),
                List.of(new io.rivulet.storage.batch.RecordHeader("trace", utf8("t")))), TestRecord.of(it.next()));
        assertEquals(new TestRecord(15L, utf8("c"), null, List.of()), TestRecord.of(it.next()));
    }

    static byte[] copy(RecordBatch batch) {
        byte[] out = new byte[batch.sizeInBytes()];
        batch.store().read(batch.position(), out, 0, out.length);
        return out;
    }

    static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
