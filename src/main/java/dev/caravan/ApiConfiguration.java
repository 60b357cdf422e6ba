package dev.caravan;

import dev.caravan.api.ApiRequests;
import dev.caravan.api.ApiResponses;
import dev.caravan.api.EventLoopAnswers;
import dev.caravan.api.WaitingRequests;
import dev.caravan.auth.Authenticator;
import dev.caravan.auth.UserStore;
import dev.caravan.jobs.JobDeletion;
import dev.caravan.jobs.JobListing;
import dev.caravan.jobs.JobOperations;
import dev.caravan.jobs.JobRetry;
import dev.caravan.jobs.JobSubmitter;
import dev.caravan.operations.OperationRegistry;
import dev.caravan.ops.RecordOperations;
import dev.caravan.ops.SchemaOperations;
import dev.caravan.ops.Tables;
import dev.caravan.ops.UserOperations;
import dev.caravan.search.SearchOperations;
import dev.caravan.search.SqlOperations;
import dev.caravan.store.Catalog;
import dev.caravan.store.RecordWriter;
import dev.caravan.store.Store;
import dev.caravan.store.TableWrites;
import dev.caravan.store.TxClock;
import java.util.List;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.component.platform.http.PlatformHttpConstants;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;

/** The Operations API: every operation by name, and the HTTP edge that authenticates and answers. */
@Configuration
public class ApiConfiguration implements CamelConfiguration {
    @BindToRegistry(lazy = true)
    public SearchOperations searchOperations(@BeanInject("tables") Tables tables, @BeanInject("store") Store store) {
        return new SearchOperations(tables, store);
    }

    @BindToRegistry(lazy = true)
    public SqlOperations sqlOperations(@BeanInject("catalog") Catalog catalog, @BeanInject("store") Store store,
                                       @BeanInject("tableWrites") TableWrites writes,
                                       @BeanInject("recordWriter") RecordWriter writer,
                                       @BeanInject("txClock") TxClock clock) {
        return new SqlOperations(catalog, store, writes, writer, clock);
    }

    /** Every operation of the Operations API, the bulk ones as jobs (JobDefinitions). */
    @BindToRegistry(lazy = true)
    public OperationRegistry operations(@BeanInject("tables") Tables tables, @BeanInject("store") Store store,
                                        @BeanInject("tableWrites") TableWrites writes,
                                        @BeanInject("recordWriter") RecordWriter writer,
                                        @BeanInject("txClock") TxClock clock,
                                        @BeanInject("searchOperations") SearchOperations searches,
                                        @BeanInject("sqlOperations") SqlOperations sql,
                                        @BeanInject("userStore") UserStore users,
                                        @BeanInject("catalog") Catalog catalog,
                                        @BeanInject("jobOperations") JobOperations jobOperations,
                                        @BeanInject("jobListing") JobListing jobListing,
                                        @BeanInject("jobSubmitter") JobSubmitter submitter,
                                        @BeanInject("jobDefinitions") JobDefinitions jobs,
                                        @BeanInject("jobRetry") JobRetry retry,
                                        @BeanInject("jobDeletion") JobDeletion deletion) {
        OperationRegistry operations = new OperationRegistry();
        new SchemaOperations(tables, store).register(operations);
        new RecordOperations(tables, writes, writer, clock).register(operations);
        searches.register(operations);
        sql.register(operations);
        new UserOperations(users, catalog).register(operations);
        jobs.operations().forEach(definition -> submitter.register(operations, definition));
        jobOperations.register(operations);
        retry.register(operations);
        deletion.register(operations);
        jobListing.register(operations);
        return operations;
    }

    @BindToRegistry(lazy = true)
    public ApiRequests apiRequests(@BeanInject("authenticator") Authenticator authenticator,
                                   @BeanInject("store") Store store) {
        return new ApiRequests(authenticator, store.dialect());
    }

    @BindToRegistry(lazy = true)
    public ApiResponses apiResponses() {
        return new ApiResponses();
    }

    @BindToRegistry(lazy = true)
    public EventLoopAnswers eventLoopAnswers(@BeanInject("authenticator") Authenticator authenticator,
                                             @BeanInject("operations") OperationRegistry operations) {
        return new EventLoopAnswers(authenticator, operations);
    }

    /** The HTTP engine camel-main would make, with answers from memory and waiting requests between the body and the route. */
    @BindToRegistry(value = PlatformHttpConstants.PLATFORM_HTTP_ENGINE_NAME, lazy = true)
    public VertxPlatformHttpEngine eventLoopEngine(CamelContext context,
                                                   @BeanInject("eventLoopAnswers") EventLoopAnswers answers) {
        VertxPlatformHttpEngine engine = new VertxPlatformHttpEngine();
        engine.setCamelContext(context); // a lazy bean is not handed the context when it is bound
        // requests that may wait (wait_ms) first: they run through the route asynchronously, never from memory
        engine.setHandlers(List.of(new WaitingRequests(context), answers));
        return engine;
    }
}
