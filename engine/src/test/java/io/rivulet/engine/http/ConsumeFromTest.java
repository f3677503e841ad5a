package io.rivulet.engine.http;

import io.rivulet.api.StartAt;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsumeFromTest {

    @Test
    void absentMeansLatest() {
        assertEquals(StartAt.latest(), ConsumeFrom.parse(null).startFor(0));
        assertEquals(StartAt.latest(), ConsumeFrom.parse(" ").startFor(3));
    }

    @Test
    void singleFormsApplyToEveryPartition() {
        assertEquals(StartAt.earliest(), ConsumeFrom.parse("earliest").startFor(5));
        assertEquals(StartAt.offset(42), ConsumeFrom.parse("offset:42").startFor(1));
        assertEquals(StartAt.timestamp(Instant.parse("2024-05-01T12:00:00Z")),
                ConsumeFrom.parse("time:2024-05-01T12:00:00Z").startFor(0));
    }

    @Test
    void positionsGiveEachListedPartitionItsNextOffsetAndTheRestEarliest() {
        ConsumeFrom from = ConsumeFrom.parse("positions:0=12, 1=40");
        assertEquals(StartAt.offset(12), from.startFor(0));
        assertEquals(StartAt.offset(40), from.startFor(1));
        assertEquals(StartAt.earliest(), from.startFor(2));
        assertEquals(Map.of(0, 12L, 1, 40L), ((ConsumeFrom.Positions) from).next());
    }

    @Test
    void positionsWriteTheFormTheyAreReadFrom() {
        String text = "positions:0=12,1=40,7=0";
        assertEquals(text, ConsumeFrom.parse(text).toString());
    }

    @Test
    void malformedFormsAreInvalidOffsetErrorsListingTheForms() {
        for (String bad : new String[] {"yesterday", "offset:-1", "offset:x", "positions:", "positions:0", "positions:0=x",
                "positions:-1=3", "positions:0=-3", "positions:0=1,0=2", "positions:0=1,"}) {
            HttpProblem p = assertThrows(HttpProblem.class, () -> ConsumeFrom.parse(bad), bad);
            assertEquals("INVALID_OFFSET", p.code(), bad);
            assertEquals(400, p.status().code(), bad);
            assertTrue(p.getMessage().contains("positions") || p.getMessage().contains(">= 0")
                    || p.getMessage().contains("twice"), p.getMessage());
        }
    }
}
