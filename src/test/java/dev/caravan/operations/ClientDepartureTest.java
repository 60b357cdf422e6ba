package dev.caravan.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClientDepartureTest {
    @Test
    void actionsRunOnceWhenTheClientDeparts() {
        ClientDeparture departure = new ClientDeparture();
        AtomicInteger runs = new AtomicInteger();
        departure.onDeparture(runs::incrementAndGet);
        assertFalse(departure.departed());
        assertEquals(0, runs.get());

        departure.depart();
        departure.depart();

        assertTrue(departure.departed());
        assertEquals(1, runs.get());
    }

    @Test
    void anActionAddedAfterTheDepartureRunsAtOnce() {
        ClientDeparture departure = new ClientDeparture();
        departure.depart();
        AtomicInteger runs = new AtomicInteger();

        departure.onDeparture(runs::incrementAndGet);

        assertEquals(1, runs.get());
    }
}
