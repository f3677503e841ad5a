package io.rivulet.engine.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class CreditWindowTest {

    /** One step: a positive amount is a grant, a non-negative one under {@code take} a spend. */
    record Step(boolean grant, long amount) {
    }

    /**
     * The model counts in unbounded integers and applies the cap by hand, so it cannot overflow the way a
     * careless long sum would.
     */
    @Property(tries = 500)
    void behavesLikeAnUnboundedCounterCappedAtLongMax(@ForAll List<@From("steps") Step> steps) {
        BigInteger max = BigInteger.valueOf(Long.MAX_VALUE);
        BigInteger model = BigInteger.ZERO;
        CreditWindow window = new CreditWindow();
        for (Step step : steps) {
            if (step.grant()) {
                window.grant(step.amount());
                model = model.add(BigInteger.valueOf(step.amount())).min(max);
            } else {
                long taken = window.take(step.amount());
                BigInteger wanted = BigInteger.valueOf(step.amount());
                BigInteger expected = model.equals(max) ? wanted : wanted.min(model);
                assertEquals(expected.longValueExact(), taken, "after " + steps);
                if (!model.equals(max)) {
                    model = model.subtract(expected);
                }
            }
            assertEquals(model.longValueExact(), window.available());
            assertTrue(window.available() >= 0);
        }
    }

    @Property(tries = 500)
    void neverSpendsMoreThanWasGranted(@ForAll List<@From("steps") Step> steps) {
        CreditWindow window = new CreditWindow();
        BigInteger granted = BigInteger.ZERO;
        BigInteger spent = BigInteger.ZERO;
        for (Step step : steps) {
            if (step.grant()) {
                window.grant(step.amount());
                granted = granted.add(BigInteger.valueOf(step.amount()));
            } else {
                spent = spent.add(BigInteger.valueOf(window.take(step.amount())));
            }
            if (!window.isUnbounded()) {
                assertTrue(spent.compareTo(granted) <= 0, "spent " + spent + " of " + granted);
            }
        }
    }

    @Example
    void aNonPositiveGrantIsRefusedAndChangesNothing() {
        CreditWindow window = new CreditWindow();
        window.grant(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> window.grant(0));
        assertTrue(e.getMessage().contains("3.9"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> window.grant(-1));
        assertThrows(IllegalArgumentException.class, () -> window.take(-1));
        assertEquals(3, window.available());
    }

    @Example
    void anUnboundedWindowStaysUnbounded() {
        CreditWindow window = new CreditWindow();
        window.grant(Long.MAX_VALUE - 1);
        window.grant(5);
        assertTrue(window.isUnbounded());
        assertEquals(1_000, window.take(1_000));
        assertTrue(window.isUnbounded());
    }

    @Example
    void anEmptyWindowGrantsNothing() {
        CreditWindow window = new CreditWindow();
        assertEquals(0, window.take(10));
        window.grant(4);
        assertEquals(4, window.take(10));
        assertEquals(0, window.take(1));
    }

    @Provide
    Arbitrary<Step> steps() {
        Arbitrary<Long> amounts = Arbitraries.oneOf(
                Arbitraries.longs().between(0, 20),
                Arbitraries.longs().between(0, Long.MAX_VALUE),
                Arbitraries.of(Long.MAX_VALUE, Long.MAX_VALUE - 1));
        return Arbitraries.oneOf(
                amounts.filter(n -> n > 0).map(n -> new Step(true, n)),
                amounts.map(n -> new Step(false, n)));
    }
}
