package io.rivulet.api;

import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.InvalidOffsetException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StartAtTest {

    @Test
    void parsesEarliest() {
        assertEquals(StartAt.earliest(), StartAt.parse("earliest"));
    }

    @Test
    void parsesLatest() {
        assertEquals(StartAt.latest(), StartAt.parse("latest"));
    }

    @Test
    void parsesAnOffset() {
        assertEquals(StartAt.offset(42), StartAt.parse("offset:42"));
        assertEquals(StartAt.offset(0), StartAt.parse("offset:0"));
    }

    @Test
    void parsesAnIsoInstant() {
        StartAt start = StartAt.parse("time:2024-05-01T12:00:00Z");
        assertEquals(StartAt.timestamp(Instant.parse("2024-05-01T12:00:00Z")), start);
        assertEquals(1_714_564_800_000L, assertInstanceOf(StartAt.AtTimestamp.class, start).epochMillis());
    }

    @Test
    void parsesADateTimeWithAZoneOffset() {
        assertEquals(StartAt.timestamp(Instant.parse("2024-05-01T12:00:00Z")),
                StartAt.parse("time:2024-05-01T14:00:00+02:00"));
    }

    @Test
    void ignoresCaseAndSurroundingBlanks() {
        assertEquals(StartAt.earliest(), StartAt.parse("  EARLIEST "));
        assertEquals(StartAt.offset(7), StartAt.parse("Offset: 7"));
        assertEquals(StartAt.timestamp(0), StartAt.parse("TIME:1970-01-01t00:00:00z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "first", "offset:", "offset:abc", "offset:1.5", "time:", "time:yesterday",
            "time:2024-13-01T00:00:00Z", "earliest:1", "12"})
    void rejectsMalformedInputNamingTheAcceptedForms(String text) {
        InvalidOffsetException e = assertThrows(InvalidOffsetException.class, () -> StartAt.parse(text));
        assertEquals(ErrorCode.INVALID_OFFSET, e.code());
        assertTrue(e.getMessage().contains("'" + text.trim() + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("earliest, latest, offset:N or time:ISO-8601"), e.getMessage());
    }

    @Test
    void rejectsANegativeOffset() {
        InvalidOffsetException e = assertThrows(InvalidOffsetException.class, () -> StartAt.parse("offset:-1"));
        assertTrue(e.getMessage().contains("must be >= 0"), e.getMessage());
        assertThrows(InvalidOffsetException.class, () -> StartAt.offset(-1));
    }

    @Test
    void rejectsATimeBeforeTheEpoch() {
        assertThrows(InvalidOffsetException.class, () -> StartAt.parse("time:1969-12-31T23:59:59Z"));
        assertThrows(InvalidOffsetException.class, () -> StartAt.timestamp(-1));
    }

    @Test
    void rejectsNull() {
        assertThrows(InvalidOffsetException.class, () -> StartAt.parse(null));
    }

    @Property
    void toStringParsesBackToAnEqualPosition(@ForAll("positions") StartAt start) {
        assertEquals(start, StartAt.parse(start.toString()));
    }

    @Provide
    Arbitrary<StartAt> positions() {
        return Arbitraries.oneOf(
                Arbitraries.just(StartAt.earliest()),
                Arbitraries.just(StartAt.latest()),
                Arbitraries.longs().greaterOrEqual(0).map(StartAt::offset),
                Arbitraries.longs().between(0, 253_402_300_799_999L).map(StartAt::timestamp));
    }
}
