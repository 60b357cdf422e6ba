package dev.caravan.store;

import caravan.it.PostgresServer;
import java.nio.file.Path;
import java.util.function.Supplier;

/** The engines a store-backed test runs on: a new, empty store of each (@EnumSource(StoreEngine.class)). */
public enum StoreEngine {
    DERBY {
        @Override
        public Store open(Path dir, int poolSize) {
            return new Store(dir.resolve("data"), poolSize);
        }
    },
    POSTGRESQL {
        @Override
        public Store open(Path dir, int poolSize) {
            return reopenable(dir, poolSize).get();
        }

        @Override
        public Supplier<Store> reopenable(Path dir, int poolSize) {
            String url = PostgresServer.shared().newDatabase();
            return () -> Store.postgres(url, PostgresServer.USER, "", poolSize);
        }
    };

    /** A new store: on Derby a new database under dir, on PostgreSQL a new database on the tests' server. */
    public abstract Store open(Path dir, int poolSize);

    /** Opens one new database, each call again on the same one, as a restarted server does. */
    public Supplier<Store> reopenable(Path dir, int poolSize) {
        return () -> open(dir, poolSize);
    }
}
