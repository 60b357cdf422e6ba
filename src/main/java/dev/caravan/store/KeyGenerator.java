package dev.caravan.store;

/**
 * Keys for records inserted without one. Harper 4.7 generates large consecutive numbers; these are
 * epoch microseconds, strictly increasing, so they stay unique across restarts and below 2^53.
 */
public class KeyGenerator {
    private long last;

    public synchronized long next() {
        long candidate = System.currentTimeMillis() * 1000;
        last = Math.max(last + 1, candidate);
        return last;
    }
}
