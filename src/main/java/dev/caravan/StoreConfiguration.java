package dev.caravan;

import dev.caravan.ops.Tables;
import dev.caravan.store.Catalog;
import dev.caravan.store.KeyGenerator;
import dev.caravan.store.RecordWriter;
import dev.caravan.store.Store;
import dev.caravan.store.TableWrites;
import dev.caravan.store.TxClock;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;

/**
 * The store: Derby, its tables and the writers every area shares. Beans are lazy (made on first
 * lookup), so the configuration classes may be read in any order.
 */
@Configuration
public class StoreConfiguration implements CamelConfiguration {
    @BindToRegistry(lazy = true)
    public TxClock txClock() {
        return new TxClock();
    }

    @BindToRegistry(lazy = true)
    public Store store(@PropertyInject("caravan.data-dir") String dataDir,
                       @PropertyInject("caravan.db.pool-size") int poolSize) {
        return new Store(Path.of(dataDir), poolSize);
    }

    @BindToRegistry(lazy = true)
    public Catalog catalog(@BeanInject("store") Store store, @BeanInject("txClock") TxClock clock) {
        return new Catalog(store, clock);
    }

    @BindToRegistry(lazy = true)
    public Tables tables(@BeanInject("catalog") Catalog catalog) {
        return new Tables(catalog);
    }

    @BindToRegistry(lazy = true)
    public RecordWriter recordWriter(@BeanInject("catalog") Catalog catalog) {
        return new RecordWriter(catalog, new KeyGenerator());
    }

    @BindToRegistry(lazy = true)
    public TableWrites tableWrites(@BeanInject("store") Store store,
                                   @PropertyInject("caravan.db.write-attempts") int attempts,
                                   @PropertyInject("caravan.db.write-wait-seconds") int waitSeconds) {
        return new TableWrites(store, attempts, Duration.ofSeconds(waitSeconds));
    }
}
