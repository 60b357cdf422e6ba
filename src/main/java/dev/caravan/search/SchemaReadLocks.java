package dev.caravan.search;

import dev.caravan.store.TableMeta;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

/**
 * Holds the schema read lock of every table a statement reads while it is translated and run, so a
 * column migration (widening to TEXT) cannot change the columns the Derby SQL names.
 */
final class SchemaReadLocks {
    private SchemaReadLocks() {
    }

    static <T> T holding(Collection<TableMeta> tables, Supplier<T> work) {
        Map<String, TableMeta> distinct = new LinkedHashMap<>();
        tables.forEach(t -> distinct.putIfAbsent(t.id(), t));
        List<TableMeta> ordered = new ArrayList<>(distinct.values());
        ordered.sort(Comparator.comparing(TableMeta::id));
        List<Lock> held = new ArrayList<>();
        try {
            for (TableMeta t : ordered) {
                Lock lock = t.schemaLock().readLock();
                lock.lock();
                held.add(lock);
            }
            return work.get();
        } finally {
            held.forEach(Lock::unlock);
        }
    }
}
