package dev.caravan.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Large request bodies worked on at once stay within the budget; small ones always pass. */
class BodyBudgetTest {
    private static final long LIMIT = 8 << 20;

    @Test
    void reservationIsTheDeclaredLengthUpToTheLimit() {
        assertEquals(1 << 20, BodyBudget.reservation("1048576", false, LIMIT));
        assertEquals(LIMIT, BodyBudget.reservation("999999999", false, LIMIT));
    }

    @Test
    void undeclaredOrUnreadableLengthReservesTheLimit() {
        assertEquals(LIMIT, BodyBudget.reservation(null, true, LIMIT));
        assertEquals(LIMIT, BodyBudget.reservation("lots", false, LIMIT));
    }

    @Test
    void requestThatCannotHaveABodyReservesNothing() {
        assertEquals(0, BodyBudget.reservation(null, false, LIMIT));
    }

    @Test
    void smallBodiesReserveNothing() {
        assertEquals(0, BodyBudget.reservation("120", false, LIMIT));
        assertEquals(0, BodyBudget.reservation(String.valueOf(BodyBudget.SMALL), true, LIMIT));
    }

    @Test
    void largeBodiesBeyondTheCapacityAreRefusedUntilReleased() {
        BodyBudget budget = new BodyBudget(LIMIT);
        assertTrue(budget.tryReserve(LIMIT / 2));
        assertTrue(budget.tryReserve(LIMIT / 2));
        assertFalse(budget.tryReserve(1 << 20));
        assertTrue(budget.tryReserve(0), "small requests always pass");
        budget.release(LIMIT / 2);
        assertTrue(budget.tryReserve(1 << 20));
    }

    @Test
    void defaultLimitIsAHeapShareAndAConfiguredOneWins() {
        assertEquals(256L << 20 >> 5, BodyLimit.of(0, 256L << 20).bytes());
        assertEquals(1000, BodyLimit.of(1000, 256L << 20).bytes());
    }
}
