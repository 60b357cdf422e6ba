package dev.caravan;

import dev.caravan.ops.Tables;
import dev.caravan.store.Catalog;
import dev.caravan.store.KeyGenerator;
import dev.caravan.store.RecordWriter;
import dev.caravan.store.Store;
import dev.caravan.store.StoreLocation;
import dev.caravan.store.TableWrites;
import dev.caravan.store.TxClock;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store (embedded Derby or PostgreSQL, caravan.store.url), its tables and the writers every area shares. Beans are lazy (made on first
 * lookup), so the configuration classes may be read in any order.
 */
@Configuration
public class StoreConfiguration implements CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(StoreConfiguration.class);

    @BindToRegistry(lazy = true)
    public TxClock txClock() {
        return new TxClock();
    }

    @BindToRegistry(lazy = true)
    public Store store(@PropertyInject("caravan.data-dir") String dataDir,
                       @PropertyInject("caravan.db.pool-size") int poolSize,
                       @PropertyInject(value = "caravan.store.url", defaultValue = "") String url,
                       @PropertyInject(value = "caravan.store.user", defaultValue = "") String user,
                       @PropertyInject(value = "caravan.store.password", defaultValue = "") String password) {
        StoreLocation location = new StoreLocation(url, user, password);
        LOG.info("Store: {}", location.describe(Path.of(dataDir)));
        return location.open(Path.of(dataDir), poolSize);
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
