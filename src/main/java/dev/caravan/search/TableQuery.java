package dev.caravan.search;

import dev.caravan.store.Store;
import dev.caravan.store.TableMeta;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** A search over one table: planned under its schema read lock, then streamed on one connection. */
final class TableQuery implements RecordQuery {
    /** Builds the statement; attribute columns are only stable while the lock is held. */
    interface Plan {
        Streaming plan();
    }

    interface Streaming {
        void stream(Connection c, RecordSink sink) throws SQLException, IOException;
    }

    private final Store store;
    private final TableMeta table;
    private final Plan plan;

    TableQuery(Store store, TableMeta table, Plan plan) {
        this.store = store;
        this.table = table;
        this.plan = plan;
    }

    @Override
    public void check() {
        SchemaReadLocks.holding(List.of(table), plan::plan);
    }

    @Override
    public void run(RecordSink sink) {
        TableRead.locked(store, table, c -> {
            plan.plan().stream(c, sink);
            return null;
        });
    }
}
