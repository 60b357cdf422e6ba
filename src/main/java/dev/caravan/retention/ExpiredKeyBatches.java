package dev.caravan.retention;

import dev.caravan.store.Store;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The keys of the expired records, a batch at a time, read as the split asks for them. Each read
 * continues after the last key handed out, so a batch read before the previous one is deleted still
 * holds only new keys.
 */
final class ExpiredKeyBatches implements Iterator<List<String>> {
    private final Store store;
    private final ExpiredRecords records;
    private final int batchSize;
    private String lastKey;
    private List<String> next;
    private boolean exhausted;

    ExpiredKeyBatches(Store store, ExpiredRecords records, int batchSize) {
        this.store = store;
        this.records = records;
        this.batchSize = batchSize;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !exhausted) {
            List<String> keys = store.inTransaction(c -> records.keysAfter(c, lastKey, batchSize));
            exhausted = keys.size() < batchSize;
            if (!keys.isEmpty()) {
                lastKey = keys.get(keys.size() - 1);
                next = keys;
            }
        }
        return next != null;
    }

    @Override
    public List<String> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        List<String> keys = next;
        next = null;
        return keys;
    }
}
