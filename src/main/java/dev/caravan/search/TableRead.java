package dev.caravan.search;

import dev.caravan.store.Store;
import dev.caravan.store.StoreException;
import dev.caravan.store.TableMeta;
import java.sql.Connection;
import java.util.concurrent.locks.Lock;

/**
 * A read of one table under its schema read lock, so no column migration runs while the query is
 * planned and read. Plan inside the work: attribute columns are only stable while the lock is held.
 */
final class TableRead {
    private TableRead() {
    }

    static <T> T locked(Store store, TableMeta table, Store.SqlWork<T> work) {
        Lock lock = table.schemaLock().readLock();
        lock.lock();
        try (Connection c = store.connection()) {
            return work.run(c);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new StoreException(e);
        } finally {
            lock.unlock();
        }
    }
}
