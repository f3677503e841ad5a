package io.rivulet.storage.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rivulet.storage.CorruptBatchException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Whatever kafka-clients compresses, Rivulet reads back; whatever damage a payload takes, a reader gets a typed error. */
class CompressedBatchPropertyTest {

    @Property(tries = 150)
    void kafkaCompressedRecordsReadBackAsEncoded(@ForAll("codecs") CompressionCodec codec,
                                                 @ForAll("records") @Size(min = 1, max = 40) List<TestRecord> records) {
        byte[] raw = KafkaBatches.encode(codec, records);
        RecordBatch batch = KafkaBatches.wrap(raw);
        BatchValidator.validateForAppend(batch, raw.length, Integer.MAX_VALUE);
        assertEquals(records, KafkaBatches.read(batch, new RecordIterator()));
    }

    /**
     * Flips bytes of the compressed payload and fixes the CRC, so the damage gets past the frame
     * check to the decompressor. Snappy and lz4 without block checksums may decode damaged literals
     * into other, well-formed records; that is allowed. Anything but a full read or a
     * {@link CorruptBatchException} (another exception, a hang, running out of memory) is not.
     */
    @Property(tries = 300)
    void damagedPayloadFailsOnlyWithCorruptBatch(@ForAll("codecs") CompressionCodec codec,
                                                 @ForAll("records") @Size(min = 1, max = 20) List<TestRecord> records,
                                                 @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 0, max = 1 << 20) Integer> where,
                                                 @ForAll @IntRange(min = 1, max = 255) int xor) {
        byte[] raw = KafkaBatches.encode(codec, records);
        int payload = raw.length - RecordBatch.RECORDS;
        for (int w : where) {
            raw[RecordBatch.RECORDS + w % payload] ^= (byte) xor;
        }
        RecordBatch batch = KafkaBatches.wrap(KafkaBatches.withFixedCrc(raw));
        try {
            KafkaBatches.read(batch, new RecordIterator(1 << 20));
        } catch (CorruptBatchException expected) {
            // the typed error a reader reports
        }
    }

    @Provide
    Arbitrary<CompressionCodec> codecs() {
        return Arbitraries.of(CompressionCodec.GZIP, CompressionCodec.SNAPPY, CompressionCodec.LZ4, CompressionCodec.ZSTD);
    }

    @Provide
    Arbitrary<List<TestRecord>> records() {
        // repetitive bytes as well as random ones, so the codecs find matches to encode, not only literals
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<byte[]> repetitive = Arbitraries.bytes().between((byte) 'a', (byte) 'c').array(byte[].class).ofMaxSize(2000);
        Arbitrary<byte[]> bytes = Arbitraries.oneOf(random, repetitive).injectNull(0.15);
        Arbitrary<RecordHeader> header = Combinators.combine(
                Arbitraries.strings().ofMaxLength(12), bytes).as(RecordHeader::new);
        Arbitrary<Long> timestamps = Arbitraries.longs().between(0, 4_000_000_000_000L);
        return Combinators.combine(timestamps, bytes, bytes, header.list().ofMaxSize(3))
                .as(TestRecord::new).list();
    }
}
