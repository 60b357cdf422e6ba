package dev.caravan.operations;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether the client of a request that waits (wait_ms) is still there: the HTTP edge marks it departed
 * when the connection closes, and what waits for the request drops its wait then. Carried on the
 * exchange as the property {@link #PROPERTY}.
 */
public final class ClientDeparture {
    public static final String PROPERTY = "CaravanClientDeparture";

    private final List<Runnable> onDeparture = new ArrayList<>();
    private boolean departed;

    /** Runs the action when the client departs, or at once if it has. */
    public void onDeparture(Runnable action) {
        synchronized (this) {
            if (!departed) {
                onDeparture.add(action);
                return;
            }
        }
        action.run();
    }

    /** The client went away: runs every action once. */
    public void depart() {
        List<Runnable> actions;
        synchronized (this) {
            if (departed) {
                return;
            }
            departed = true;
            actions = List.copyOf(onDeparture);
            onDeparture.clear();
        }
        actions.forEach(Runnable::run);
    }

    public synchronized boolean departed() {
        return departed;
    }
}
