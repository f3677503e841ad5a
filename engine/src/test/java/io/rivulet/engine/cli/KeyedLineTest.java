package io.rivulet.engine.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KeyedLineTest {

    @Test
    void splitsAtTheFirstSeparatorSoTheValueMayContainIt() {
        assertEquals(new KeyedLine("user-1", "a:b:c"), KeyedLine.split("user-1:a:b:c", ":"));
    }

    @Test
    void aSeparatorOfSeveralCharactersSplitsAsAWhole() {
        assertEquals(new KeyedLine("k", "v=>w"), KeyedLine.split("k=>v=>w", "=>"));
        assertNull(KeyedLine.split("k=v", "=>"));
    }

    @Test
    void keyAndValueMayBeEmpty() {
        assertEquals(new KeyedLine("", "value"), KeyedLine.split("\tvalue", "\t"));
        assertEquals(new KeyedLine("key", ""), KeyedLine.split("key\t", "\t"));
    }

    @Test
    void aLineWithoutTheSeparatorHasNoKey() {
        assertNull(KeyedLine.split("no separator here", "\t"));
        assertNull(KeyedLine.split("", ":"));
    }

    @Test
    void anEmptySeparatorIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> KeyedLine.split("a", ""));
    }

    @Test
    void separatorsAreShownAsTheyWouldBeTyped() {
        assertEquals("\\t", KeyedLine.visible("\t"));
        assertEquals(":", KeyedLine.visible(":"));
        assertEquals("\\\\n\\n", KeyedLine.visible("\\n\n"));
    }
}
