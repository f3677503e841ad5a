package io.rivulet.api;

import io.rivulet.api.errors.InvalidConfigException;
import io.rivulet.api.serde.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProducerOptionsTest {

    @Test
    void defaultsAreKafkasAndTheDocumentedOnes() {
        ProducerOptions<String, String> options = ProducerOptions.of(Serdes.string(), Serdes.string());

        assertEquals(Acks.ALL, options.acks());
        assertEquals(16_384, options.batchSize());
        assertEquals(Duration.ofMillis(5), options.linger());
        assertEquals(ProducerConfig.DEFAULT_MAX_IN_FLIGHT_RECORDS, options.maxInFlightRecords());
        assertTrue(options.partitioner().isEmpty());
        assertTrue(options.clientId().isEmpty());
    }

    @Test
    void declaredDefaultsMatchTheBuilderDefaults() {
        ProducerOptions<String, String> options = ProducerOptions.of(Serdes.string(), Serdes.string());
        assertEquals(ProducerConfig.ACKS.defaultValue(), options.acks().configValue());
        assertEquals(ProducerConfig.BATCH_SIZE.defaultValue(), String.valueOf(options.batchSize()));
        assertEquals(ProducerConfig.LINGER_MS.defaultValue(), String.valueOf(options.linger().toMillis()));
        assertEquals(ProducerConfig.MAX_IN_FLIGHT_RECORDS.defaultValue(), String.valueOf(options.maxInFlightRecords()));
        assertEquals(ProducerConfig.DELIVERY_TIMEOUT_MS.defaultValue(), String.valueOf(options.deliveryTimeout().toMillis()));
    }

    @Test
    void fromPropertiesReadsEveryDeclaredKey() {
        Map<String, String> properties = Map.of(
                "acks", "1", "batch.size", "1024", "linger.ms", "20", "max.in.flight.records", "64",
                "delivery.timeout.ms", "5000", "client.id", "writer");
        assertEquals(ProducerConfig.ALL.stream().map(ConfigKey::name).collect(Collectors.toSet()), properties.keySet());

        ProducerOptions<String, String> options = ProducerOptions.fromProperties(properties, Serdes.string(), Serdes.string());

        assertEquals(Acks.LEADER, options.acks());
        assertEquals(1024, options.batchSize());
        assertEquals(Duration.ofMillis(20), options.linger());
        assertEquals(64, options.maxInFlightRecords());
        assertEquals(Duration.ofMillis(5000), options.deliveryTimeout());
        assertEquals("writer", options.clientId().orElseThrow());
    }

    @ParameterizedTest
    @CsvSource({"0,NONE", "1,LEADER", "all,ALL", "-1,ALL", "ALL,ALL", " all ,ALL"})
    void acksAcceptsKafkasSpellings(String text, Acks expected) {
        assertEquals(expected, Acks.parse(text));
    }

    @Test
    void badAcksValueNamesTheKeyAndTheAcceptedValues() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> ProducerOptions.fromProperties(Map.of("acks", "2"), Serdes.string(), Serdes.string()));
        assertEquals("acks", e.key());
        assertEquals("2", e.value());
        assertEquals("invalid value '2' for acks: expected one of 0, 1, all, -1", e.getMessage());
    }

    @Test
    void nonNumericBatchSizeNamesTheKey() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> ProducerOptions.fromProperties(Map.of("batch.size", "16k"), Serdes.string(), Serdes.string()));
        assertEquals("batch.size", e.key());
        assertTrue(e.getMessage().contains("expected a whole number"), e.getMessage());
    }

    @Test
    void unknownKeyIsRejectedListingTheKnownOnes() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> ProducerOptions.fromProperties(Map.of("lingerms", "5"), Serdes.string(), Serdes.string()));
        assertEquals("lingerms", e.key());
        assertTrue(e.getMessage().contains("linger.ms"), e.getMessage());
    }

    @Test
    void serializerClassPropertiesPointToTheSerdeInCode() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ProducerOptions.fromProperties(
                Map.of("value.serializer", "org.apache.kafka.common.serialization.StringSerializer"),
                Serdes.string(), Serdes.string()));
        assertTrue(e.getMessage().contains("ProducerOptions.builder(keySerde, valueSerde)"), e.getMessage());
    }

    @Test
    void negativeBatchSizeIsRejected() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> ProducerOptions.builder(Serdes.string(), Serdes.string()).batchSize(-1));
        assertEquals("invalid value '-1' for batch.size: must be >= 0", e.getMessage());
    }

    @Test
    void zeroInFlightRecordsIsRejectedBecauseNothingCouldBeSent() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> ProducerOptions.builder(Serdes.string(), Serdes.string()).maxInFlightRecords(0));
        assertEquals("max.in.flight.records", e.key());
    }

    @Test
    void negativeLingerIsRejected() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> ProducerOptions.builder(Serdes.string(), Serdes.string()).linger(Duration.ofMillis(-1)));
        assertEquals("linger.ms", e.key());
    }

    @Test
    void missingSerdeIsRejected() {
        assertThrows(InvalidConfigException.class, () -> ProducerOptions.builder(null, Serdes.string()));
        assertThrows(InvalidConfigException.class, () -> ProducerOptions.builder(Serdes.string(), null));
    }

    @Test
    void blankClientIdIsRejected() {
        assertThrows(InvalidConfigException.class,
                () -> ProducerOptions.builder(Serdes.string(), Serdes.string()).clientId(" "));
    }

    @Test
    void toBuilderDerivesACopyAndLeavesTheOriginalAlone() {
        Partitioner first = (topic, key, keyBytes, count) -> 0;
        ProducerOptions<String, String> original = ProducerOptions.builder(Serdes.string(), Serdes.string())
                .acks(Acks.NONE).partitioner(first).build();

        ProducerOptions<String, String> changed = original.toBuilder().batchSize(1).build();

        assertEquals(1, changed.batchSize());
        assertEquals(Acks.NONE, changed.acks());
        assertSame(first, changed.partitioner().orElseThrow());
        assertEquals(16_384, original.batchSize());
    }

    @Test
    void everyDeclaredKeyIsUniqueAndDocumented() {
        Map<String, ConfigKey> byName = ProducerConfig.ALL.stream()
                .collect(Collectors.toMap(ConfigKey::name, Function.identity()));
        assertEquals(ProducerConfig.ALL.size(), byName.size(), "duplicate key names");
        byName.values().forEach(key -> assertTrue(key.documentation().length() > 20, key.name()));
    }
}
