package dev.caravan;

import dev.caravan.api.ApiRequests;
import dev.caravan.api.ApiResponses;
import dev.caravan.api.OperationRegistry;
import dev.caravan.auth.Authenticator;
import dev.caravan.auth.UserStore;
import dev.caravan.ops.RecordOperations;
import dev.caravan.ops.SchemaOperations;
import dev.caravan.ops.Tables;
import dev.caravan.ops.UserOperations;
import dev.caravan.search.SearchOperations;
import dev.caravan.search.SqlOperations;
import dev.caravan.store.Catalog;
import dev.caravan.store.KeyGenerator;
import dev.caravan.store.RecordWriter;
import dev.caravan.store.Store;
import dev.caravan.store.TxClock;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;

/** Builds Caravan's beans from config/application.properties and binds them for the routes. */
@Configuration
public class CaravanConfiguration implements CamelConfiguration {
    @PropertyInject("caravan.data-dir")
    private String dataDir;
    @PropertyInject("caravan.db.pool-size")
    private int poolSize;
    @PropertyInject("caravan.admin.username")
    private String adminUsername;
    @PropertyInject("caravan.admin.password")
    private String adminPassword;

    @Override
    public void configure(CamelContext context) throws Exception {
        TxClock clock = new TxClock();
        Store store = new Store(Path.of(dataDir), poolSize);
        context.addService(new StoreLifecycle(store));
        Catalog catalog = new Catalog(store, clock);
        UserStore users = new UserStore(store, clock);
        new AdminBootstrap(users, Path.of(dataDir)).ensureAdmin(adminUsername, adminPassword);

        Tables tables = new Tables(catalog);
        RecordWriter writer = new RecordWriter(catalog, new KeyGenerator());
        OperationRegistry operations = new OperationRegistry();
        new SchemaOperations(tables, store).register(operations);
        new RecordOperations(tables, store, writer, clock).register(operations);
        new SearchOperations(tables, store).register(operations);
        new SqlOperations(catalog, store, writer, clock).register(operations);
        new UserOperations(users, catalog).register(operations);

        context.getRegistry().bind("store", store);
        context.getRegistry().bind("catalog", catalog);
        context.getRegistry().bind("operations", operations);
        context.getRegistry().bind("apiRequests", new ApiRequests(new Authenticator(users)));
        context.getRegistry().bind("apiResponses", new ApiResponses());
        context.addStartupListener(new ReadyLog(context));
    }
}
