package io.rivulet.engine.cluster;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code --cluster} flag: good lists parse, every bad entry is named in the error. */
class ControllerAddressTest {

    @Test
    void parsesAListWithSpacesAndIpv6() {
        assertEquals(List.of(new ControllerAddress(1, "a.example", 9093), new ControllerAddress(2, "127.0.0.1", 9094),
                        new ControllerAddress(3, "::1", 9095)),
                ControllerAddress.parseList("1@a.example:9093, 2@127.0.0.1:9094 ,3@[::1]:9095"));
    }

    @Test
    void toStringIsWhatParseListReads() {
        List<ControllerAddress> list = List.of(new ControllerAddress(0, "h", 1), new ControllerAddress(5, "::1", 2));
        String text = String.join(",", list.stream().map(ControllerAddress::toString).toList());
        assertEquals(list, ControllerAddress.parseList(text));
    }

    @Test
    void malformedEntriesAreNamed() {
        for (String bad : List.of("1@host", "host:9093", "@host:1", "x@host:1", "1@host:port", "1@:9093", "1@host:")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ControllerAddress.parseList("0@ok:1," + bad));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void negativeIdsAndPortsOutOfRangeAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ControllerAddress.parseList("-1@h:1"))
                .getMessage().contains("'-1@h:1'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ControllerAddress.parseList("1@h:70000"))
                .getMessage().contains("port"));
    }

    @Test
    void repeatedIdsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ControllerAddress.parseList("1@a:1,1@b:2"));
        assertTrue(e.getMessage().contains("'1@b:2' repeats id 1"), e.getMessage());
    }

    @Test
    void emptyEntriesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ControllerAddress.parseList(""));
        assertThrows(IllegalArgumentException.class, () -> ControllerAddress.parseList("1@a:1,,2@b:2"));
    }
}
