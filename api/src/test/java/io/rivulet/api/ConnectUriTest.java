package io.rivulet.api;

import io.rivulet.api.errors.InvalidConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectUriTest {

    @Test
    void parsesOneServer() {
        assertEquals(List.of(new ServerAddress("localhost", 7070)), ConnectUri.parse("rivulet://localhost:7070").servers());
    }

    @Test
    void parsesSeveralServersInOrder() {
        assertEquals(List.of(new ServerAddress("node1", 7071), new ServerAddress("10.0.0.2", 9000)),
                ConnectUri.parse("rivulet://node1:7071, 10.0.0.2:9000").servers());
    }

    @Test
    void defaultsThePortTo7070() {
        assertEquals(List.of(new ServerAddress("node1", 7070)), ConnectUri.parse("rivulet://node1/").servers());
    }

    @Test
    void parsesBracketedIpv6() {
        assertEquals(List.of(new ServerAddress("::1", 7070), new ServerAddress("fe80::1", 9)),
                ConnectUri.parse("rivulet://[::1],[fe80::1]:9").servers());
    }

    @Test
    void canonicalFormParsesBack() {
        ConnectUri uri = ConnectUri.parse("RIVULET://a,[::1]:8");
        assertEquals("rivulet://a:7070,[::1]:8", uri.toString());
        assertEquals(uri, ConnectUri.parse(uri.toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:7070", "http://localhost:7070", "rivulet://", "rivulet://a:0", "rivulet://a:65536",
            "rivulet://a:port", "rivulet://a:1,", "rivulet://::1", "rivulet://[::1", "rivulet://[::1]x",
            "rivulet://a b:1", "rivulet://user@host:1"})
    void rejectsMalformedUrisNamingTheKey(String text) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ConnectUri.parse(text));
        assertEquals("uri", e.key());
        assertTrue(e.getMessage().contains(text), e.getMessage());
    }
}
