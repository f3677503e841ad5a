package io.rivulet.engine.cli;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PayloadsTest {

    @Test
    void aStampedValueCarriesItsTimeAndKeepsTheRestOfTheTemplate() {
        byte[] template = Payloads.random(100);
        byte[] stamped = Payloads.stamped(template, 123_456_789_012L);
        assertEquals(123_456_789_012L, Payloads.stamp(stamped));
        assertEquals(100, stamped.length);
        assertArrayEquals(Arrays.copyOfRange(template, 8, 100), Arrays.copyOfRange(stamped, 8, 100));
        assertArrayEquals(Payloads.random(100), template, "the template is not changed");
    }

    @Test
    void randomValuesHaveTheAskedSize() {
        assertEquals(0, Payloads.random(0).length);
        assertEquals(1024, Payloads.random(1024).length);
    }
}
