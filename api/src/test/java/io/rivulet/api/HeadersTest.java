package io.rivulet.api;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeadersTest {

    @Test
    void headerCopiesTheValueInSoTheSenderCannotChangeIt() {
        byte[] value = {1, 2};
        Header header = Header.of("k", value);
        value[0] = 9;
        assertArrayEquals(new byte[] {1, 2}, header.value());
    }

    @Test
    void headerCopiesTheValueOutSoAReaderCannotChangeIt() {
        Header header = Header.of("k", new byte[] {1, 2});
        header.value()[0] = 9;
        assertArrayEquals(new byte[] {1, 2}, header.value());
    }

    @Test
    void headerMayHaveANullValueButNotANullKey() {
        assertNull(Header.of("k", null).value());
        assertThrows(NullPointerException.class, () -> Header.of(null, new byte[0]));
    }

    @Test
    void headersWithEqualBytesAreEqual() {
        assertEquals(Header.of("k", new byte[] {1}), Header.of("k", new byte[] {1}));
        assertEquals(Header.of("k", new byte[] {1}).hashCode(), Header.of("k", new byte[] {1}).hashCode());
    }

    @Test
    void withAddsAHeaderAndLeavesTheOriginalUnchanged() {
        Headers one = Headers.empty().with("a", bytes("1"));
        Headers two = one.with("a", bytes("2"));

        assertEquals(1, one.size());
        assertEquals(2, two.size());
        assertArrayEquals(bytes("2"), two.lastValue("a").orElseThrow());
        assertEquals(List.of(Header.of("a", bytes("1")), Header.of("a", bytes("2"))), two.all("a"));
    }

    @Test
    void lastValueIsEmptyForAMissingKey() {
        assertTrue(Headers.of(Header.of("a", bytes("1"))).lastValue("b").isEmpty());
    }

    @Test
    void listIsUnmodifiable() {
        Headers headers = Headers.of(Header.of("a", bytes("1")));
        assertThrows(UnsupportedOperationException.class, () -> headers.asList().add(Header.of("b", null)));
        Headers added = headers.with("b", null);
        assertThrows(UnsupportedOperationException.class, () -> added.asList().clear());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
