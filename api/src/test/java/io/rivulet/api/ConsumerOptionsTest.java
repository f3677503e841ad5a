package io.rivulet.api;

import io.rivulet.api.errors.InvalidConfigException;
import io.rivulet.api.errors.InvalidTopicException;
import io.rivulet.api.serde.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsumerOptionsTest {

    private static ConsumerOptions.Builder<String, String> builder() {
        return ConsumerOptions.builder(Serdes.string(), Serdes.string());
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        ConsumerOptions<String, String> options = builder().build();

        assertTrue(options.groupId().isEmpty());
        assertEquals(List.of(), options.topics());
        assertEquals(OffsetReset.LATEST, options.autoOffsetReset());
        assertEquals(Duration.ofMillis(10_000), options.sessionTimeout());
        assertEquals(Duration.ofMillis(3_000), options.heartbeatInterval());
        assertEquals(500, options.maxPollRecords());
        assertEquals(ConsumerConfig.DEFAULT_MAX_ACK_AHEAD, options.maxAckAhead());
        assertEquals(AssignmentStrategy.RANGE, options.assignmentStrategy());
        assertEquals(Duration.ofMillis(5_000), options.autoCommitInterval());
    }

    @Test
    void declaredDefaultsMatchTheBuilderDefaults() {
        ConsumerOptions<String, String> options = builder().build();
        assertEquals(ConsumerConfig.AUTO_OFFSET_RESET.defaultValue(), options.autoOffsetReset().configValue());
        assertEquals(ConsumerConfig.SESSION_TIMEOUT_MS.defaultValue(), String.valueOf(options.sessionTimeout().toMillis()));
        assertEquals(ConsumerConfig.HEARTBEAT_INTERVAL_MS.defaultValue(),
                String.valueOf(options.heartbeatInterval().toMillis()));
        assertEquals(ConsumerConfig.MAX_POLL_RECORDS.defaultValue(), String.valueOf(options.maxPollRecords()));
        assertEquals(ConsumerConfig.MAX_ACK_AHEAD.defaultValue(), String.valueOf(options.maxAckAhead()));
        assertEquals(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY.defaultValue(), options.assignmentStrategy().configValue());
        assertEquals(ConsumerConfig.AUTO_COMMIT_INTERVAL_MS.defaultValue(),
                String.valueOf(options.autoCommitInterval().toMillis()));
    }

    @Test
    void fromPropertiesReadsEveryDeclaredKey() {
        Map<String, String> properties = Map.ofEntries(
                entry("group.id", "billing"),
                entry("topics", "orders, payments"),
                entry("auto.offset.reset", "earliest"),
                entry("session.timeout.ms", "6000"),
                entry("heartbeat.interval.ms", "2000"),
                entry("max.poll.records", "100"),
                entry("max.ack.ahead", "1000"),
                entry("partition.assignment.strategy", "cooperative-sticky"),
                entry("auto.commit.interval.ms", "0"),
                entry("client.id", "biller-1"));
        assertEquals(ConsumerConfig.ALL.stream().map(ConfigKey::name).collect(Collectors.toSet()), properties.keySet());

        ConsumerOptions<String, String> options = ConsumerOptions.fromProperties(properties, Serdes.string(), Serdes.string());

        assertEquals("billing", options.groupId().orElseThrow());
        assertEquals(List.of("orders", "payments"), options.topics());
        assertEquals(OffsetReset.EARLIEST, options.autoOffsetReset());
        assertEquals(Duration.ofMillis(6_000), options.sessionTimeout());
        assertEquals(Duration.ofMillis(2_000), options.heartbeatInterval());
        assertEquals(100, options.maxPollRecords());
        assertEquals(1_000, options.maxAckAhead());
        assertEquals(AssignmentStrategy.COOPERATIVE_STICKY, options.assignmentStrategy());
        assertEquals(Duration.ZERO, options.autoCommitInterval());
        assertEquals("biller-1", options.clientId().orElseThrow());
    }

    @ParameterizedTest
    @CsvSource({
            "range,RANGE", "RangeAssignor,RANGE", "org.apache.kafka.clients.consumer.RangeAssignor,RANGE",
            "roundrobin,ROUND_ROBIN", "round_robin,ROUND_ROBIN", "RoundRobinAssignor,ROUND_ROBIN",
            "cooperative-sticky,COOPERATIVE_STICKY",
            "org.apache.kafka.clients.consumer.CooperativeStickyAssignor,COOPERATIVE_STICKY"})
    void assignmentStrategyAcceptsKafkaNamesAndAssignorClasses(String text, AssignmentStrategy expected) {
        assertEquals(expected, AssignmentStrategy.parse(text));
    }

    @Test
    void unknownAssignmentStrategyNamesTheKey() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> AssignmentStrategy.parse("sticky"));
        assertEquals("partition.assignment.strategy", e.key());
    }

    @Test
    void badOffsetResetNamesTheKeyAndTheAcceptedValues() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ConsumerOptions.fromProperties(
                Map.of("auto.offset.reset", "smallest"), Serdes.string(), Serdes.string()));
        assertEquals("invalid value 'smallest' for auto.offset.reset: expected one of earliest, latest, none",
                e.getMessage());
    }

    @Test
    void heartbeatNotBelowSessionTimeoutIsRejectedAtBuild() {
        ConsumerOptions.Builder<String, String> b = builder()
                .sessionTimeout(Duration.ofSeconds(3)).heartbeatInterval(Duration.ofSeconds(3));
        InvalidConfigException e = assertThrows(InvalidConfigException.class, b::build);
        assertEquals("heartbeat.interval.ms", e.key());
        assertTrue(e.getMessage().contains("must be below session.timeout.ms (3000)"), e.getMessage());
    }

    @Test
    void zeroMaxPollRecordsIsRejected() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> builder().maxPollRecords(0));
        assertEquals("invalid value '0' for max.poll.records: must be >= 1", e.getMessage());
    }

    @Test
    void zeroMaxAckAheadIsRejected() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> builder().maxAckAhead(0));
        assertEquals("max.ack.ahead", e.key());
    }

    @Test
    void negativeSessionTimeoutIsRejected() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> builder().sessionTimeout(Duration.ofMillis(-5)));
        assertEquals("session.timeout.ms", e.key());
    }

    @Test
    void blankGroupIdIsRejected() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> builder().groupId(""));
        assertEquals("group.id", e.key());
    }

    @Test
    void invalidTopicNameIsRejectedWithTheTopicRule() {
        InvalidTopicException e = assertThrows(InvalidTopicException.class, () -> builder().topics("orders", "a b"));
        assertEquals("a b", e.topic());
    }

    @Test
    void repeatedTopicIsRejected() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> builder().topics("a", "a"));
        assertEquals("topics", e.key());
    }

    @Test
    void deserializerClassPropertiesPointToTheSerdeInCode() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ConsumerOptions.fromProperties(
                Map.of("key.deserializer", "x"), Serdes.string(), Serdes.string()));
        assertTrue(e.getMessage().contains("set the key Serde in code"), e.getMessage());
    }

    @Test
    void toBuilderDerivesACopyAndLeavesTheOriginalAlone() {
        ConsumerOptions<String, String> original = builder().groupId("g").topics("t").build();
        ConsumerOptions<String, String> changed = original.toBuilder().groupId("h").build();

        assertEquals("h", changed.groupId().orElseThrow());
        assertEquals(List.of("t"), changed.topics());
        assertEquals("g", original.groupId().orElseThrow());
    }
}
