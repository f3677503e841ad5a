package io.rivulet.engine.net.client;

import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.RivuletException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CoordinatorRetryTest {

    @Test
    void aNodeThatIsNotTheCoordinatorAlwaysSendsTheClientLooking() {
        assertTrue(CoordinatorRetry.reroute(error(ErrorCode.NOT_LEADER), false));
        assertTrue(CoordinatorRetry.reroute(error(ErrorCode.NOT_LEADER), true));
    }

    @Test
    void aLostCoordinatorIsWaitedOutOnlyInACluster() {
        for (ErrorCode code : new ErrorCode[]{ErrorCode.DISCONNECTED, ErrorCode.TIMEOUT, ErrorCode.UNKNOWN_TOPIC}) {
            assertTrue(CoordinatorRetry.reroute(error(code), true), code.name());
            assertFalse(CoordinatorRetry.reroute(error(code), false), "a single node reports " + code + " as before");
        }
    }

    @Test
    void refusalsOfTheRequestItselfAreNotRetried() {
        assertFalse(CoordinatorRetry.reroute(error(ErrorCode.UNKNOWN_GROUP), true));
        assertFalse(CoordinatorRetry.reroute(error(ErrorCode.CLOSED), true));
        assertFalse(CoordinatorRetry.reroute(new IllegalStateException("bug"), true));
    }

    @Test
    void backoffDoublesUpToItsMaximum() {
        Duration base = Duration.ofMillis(100);
        Duration max = Duration.ofSeconds(1);
        assertEquals(Duration.ofMillis(100), CoordinatorRetry.backoff(0, base, max));
        assertEquals(Duration.ofMillis(400), CoordinatorRetry.backoff(2, base, max));
        assertEquals(max, CoordinatorRetry.backoff(4, base, max));
        assertEquals(max, CoordinatorRetry.backoff(Long.MAX_VALUE, base, max), "no overflow");
    }

    @Test
    void givingUpKeepsTheCodeOfTheLastFailure() {
        RivuletException e = CoordinatorRetry.gaveUp(error(ErrorCode.DISCONNECTED), Duration.ofSeconds(5));
        assertEquals(ErrorCode.DISCONNECTED, e.code());
        assertTrue(e.getMessage().contains("request.timeout.ms=5000"), e.getMessage());
    }

    private static RivuletException error(ErrorCode code) {
        return new RivuletException(code, "test");
    }
}
