package io.rivulet.engine.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TableTest {

    @Test
    void padsEachColumnToItsWidestCellWithoutTrailingBlanks() {
        List<String> lines = new Table("A", "LONG-HEADER", "C").row("wide cell", 1, "x").row("b", 22, "").lines();
        assertEquals(List.of(
                "A          LONG-HEADER  C",
                "wide cell  1            x",
                "b          22"), lines);
    }

    @Test
    void aRowWithTheWrongNumberOfCellsIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Table("A", "B").row("only one"));
    }
}
