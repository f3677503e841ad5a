package io.rivulet.engine.http;

import io.rivulet.engine.http.Authentication.Verdict;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The token rule as a function of the request's credentials, without sockets. */
class AuthenticationTest {
    private final Authentication node = Authentication.of("s3cret");

    @Test
    void anOpenNodeAdmitsEveryRequest() {
        Authentication open = Authentication.of(null);
        assertFalse(open.required());
        assertEquals(Verdict.ADMITTED, open.verdict(null, null));
        assertEquals(Verdict.ADMITTED, open.verdict("Bearer anything", null));
    }

    @Test
    void theBearerTokenIsAdmittedWhateverTheSchemesCase() {
        assertTrue(node.required());
        assertEquals(Verdict.ADMITTED, node.verdict("Bearer s3cret", null));
        assertEquals(Verdict.ADMITTED, node.verdict("bearer s3cret", null));
        assertEquals(Verdict.ADMITTED, node.verdict("BEARER  s3cret ", null));
    }

    @Test
    void noCredentialsOrAnotherSchemeIsMissing() {
        assertEquals(Verdict.MISSING, node.verdict(null, null));
        assertEquals(Verdict.MISSING, node.verdict("", null));
        assertEquals(Verdict.MISSING, node.verdict("Bearer ", null));
        assertEquals(Verdict.MISSING, node.verdict("Basic czNjcmV0", null));
        assertEquals(Verdict.MISSING, node.verdict("s3cret", null), "the bare token is not a Bearer credential");
    }

    @Test
    void aWrongTokenIsWrongWhateverItsLength() {
        assertEquals(Verdict.WRONG, node.verdict("Bearer s3cre", null));
        assertEquals(Verdict.WRONG, node.verdict("Bearer s3cret2", null));
        assertEquals(Verdict.WRONG, node.verdict("Bearer S3CRET", null), "tokens are case-sensitive");
        assertEquals(Verdict.WRONG, node.verdict(null, "nope"));
    }

    @Test
    void theQueryTokenCountsOnlyWithoutABearerHeader() {
        assertEquals(Verdict.ADMITTED, node.verdict(null, "s3cret"));
        assertEquals(Verdict.WRONG, node.verdict("Bearer wrong", "s3cret"), "the header, when given, decides");
        assertEquals(Verdict.MISSING, node.verdict(null, ""));
    }
}
