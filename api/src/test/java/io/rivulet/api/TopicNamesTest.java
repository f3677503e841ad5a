package io.rivulet.api;

import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.InvalidTopicException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopicNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"orders", "a", "A-Z_0.9", "__consumer_offsets", "...", ".a", "a..b", "-"})
    void acceptsNamesOfAllowedCharacters(String name) {
        assertEquals(name, TopicNames.validate(name));
    }

    @Test
    void acceptsExactly249Characters() {
        assertTrue(TopicNames.isValid("x".repeat(249)));
    }

    @Test
    void rejects250CharactersNamingTheLimit() {
        InvalidTopicException e = assertThrows(InvalidTopicException.class, () -> TopicNames.validate("x".repeat(250)));
        assertTrue(e.getMessage().endsWith("is invalid: it has 250 characters and the limit is 249"), e.getMessage());
    }

    @Test
    void rejectsASpaceWithTheMessageUsersSee() {
        InvalidTopicException e = assertThrows(InvalidTopicException.class, () -> TopicNames.validate("a b"));
        assertEquals("topic 'a b' is invalid: only [a-zA-Z0-9._-] are allowed", e.getMessage());
        assertEquals(ErrorCode.INVALID_TOPIC, e.code());
        assertEquals("a b", e.topic());
    }

    @ParameterizedTest
    @ValueSource(strings = {".", ".."})
    void rejectsDotAndDotDotAsReserved(String name) {
        InvalidTopicException e = assertThrows(InvalidTopicException.class, () -> TopicNames.validate(name));
        assertEquals("topic '" + name + "' is invalid: '.' and '..' are reserved", e.getMessage());
    }

    @Test
    void rejectsEmpty() {
        InvalidTopicException e = assertThrows(InvalidTopicException.class, () -> TopicNames.validate(""));
        assertEquals("topic '' is invalid: it must not be empty", e.getMessage());
    }

    @Test
    void rejectsNull() {
        assertThrows(InvalidTopicException.class, () -> TopicNames.validate(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "a\\b", "ordérs", "a:b", "a\tb", "tab\n", "a*"})
    void rejectsOtherCharacters(String name) {
        assertFalse(TopicNames.isValid(name));
    }

    @Property
    void everyNameOfAllowedCharactersUpTo249IsValidExceptTheDots(
            @ForAll @StringLength(min = 1, max = 249) @CharRange(from = 'a', to = 'z') @CharRange(from = 'A', to = 'Z')
            @CharRange(from = '0', to = '9') @Chars({'.', '_', '-'}) String name) {
        assertEquals(!name.equals(".") && !name.equals(".."), TopicNames.isValid(name));
    }
}
