package dev.caravan.store;

/**
 * Harper's transaction time: epoch milliseconds as a float with a sub-millisecond fraction, one value
 * per write transaction (contract §3.5), strictly increasing within this process.
 */
public class TxClock {
    private final long nanoBase = System.nanoTime();
    private final double milliBase = System.currentTimeMillis();
    private double last;

    public synchronized double next() {
        double now = milliBase + (System.nanoTime() - nanoBase) / 1_000_000.0;
        // keep four decimals, like Harper's values (1795596819818.5757)
        now = Math.floor(now * 10_000) / 10_000;
        if (now <= last) {
            now = last + 0.0001;
        }
        last = now;
        return now;
    }
}
