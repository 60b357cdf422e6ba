package dev.caravan;

import dev.caravan.api.ApiRequests;
import dev.caravan.api.ApiResponses;
import dev.caravan.api.BodyLimit;
import dev.caravan.api.EventLoopAnswers;
import dev.caravan.auth.Authenticator;
import dev.caravan.auth.UserStore;
import dev.caravan.export.ExportFiles;
import dev.caravan.export.ExportJobs;
import dev.caravan.export.ExportLocal;
import dev.caravan.export.ExportRequestChecks;
import dev.caravan.export.ExportSearch;
import dev.caravan.export.ExportToS3;
import dev.caravan.export.ExportUpload;
import dev.caravan.files.AllowedRoots;
import dev.caravan.jobs.JobControl;
import dev.caravan.jobs.JobDefinition;
import dev.caravan.jobs.JobLauncher;
import dev.caravan.jobs.JobMonitor;
import dev.caravan.jobs.JobOperations;
import dev.caravan.jobs.JobRecovery;
import dev.caravan.jobs.JobRoutePolicy;
import dev.caravan.jobs.JobRoutesCheck;
import dev.caravan.jobs.RouteStartedJob;
import dev.caravan.jobs.JobRunner;
import dev.caravan.jobs.JobSecrets;
import dev.caravan.jobs.JobShutdown;
import dev.caravan.jobs.JobSources;
import dev.caravan.jobs.JobStore;
import dev.caravan.jobs.JobSubmitter;
import dev.caravan.load.CsvDataLoad;
import dev.caravan.load.CsvFileLoad;
import dev.caravan.load.CsvLoad;
import dev.caravan.load.CsvSources;
import dev.caravan.load.CsvUrlLoad;
import dev.caravan.load.ImportFromS3;
import dev.caravan.load.InflationLimits;
import dev.caravan.load.JsonLoad;
import dev.caravan.load.LoadJobs;
import dev.caravan.load.LoadRequestChecks;
import dev.caravan.load.RecordLoad;
import dev.caravan.load.S3ObjectSource;
import dev.caravan.load.SourceGuard;
import dev.caravan.load.UrlSource;
import dev.caravan.operations.OperationRegistry;
import dev.caravan.ops.RecordOperations;
import dev.caravan.ops.SchemaOperations;
import dev.caravan.ops.Tables;
import dev.caravan.ops.UserOperations;
import dev.caravan.retention.DeleteRecordsBefore;
import dev.caravan.retention.RecordDeletion;
import dev.caravan.s3.S3Clients;
import dev.caravan.s3.S3JobAccess;
import dev.caravan.search.SearchOperations;
import dev.caravan.search.SqlOperations;
import dev.caravan.store.Catalog;
import dev.caravan.store.KeyGenerator;
import dev.caravan.store.RecordWriter;
import dev.caravan.store.Store;
import dev.caravan.store.TableWrites;
import dev.caravan.store.TxClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.component.platform.http.PlatformHttpConstants;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;

/** Builds Caravan's beans from config/application.properties and binds them for the routes. */
@Configuration
public class CaravanConfiguration implements CamelConfiguration {
    @PropertyInject("caravan.data-dir")
    private String dataDir;
    @PropertyInject("caravan.db.pool-size")
    private int poolSize;
    @PropertyInject("caravan.db.write-attempts")
    private int writeAttempts;
    @PropertyInject("caravan.db.write-wait-seconds")
    private int writeWaitSeconds;
    @PropertyInject("caravan.admin.username")
    private String adminUsername;
    @PropertyInject("caravan.admin.password")
    private String adminPassword;
    @PropertyInject("caravan.jobs.workers")
    private int jobWorkers;
    @PropertyInject("caravan.jobs.batch-size")
    private int batchSize;
    @PropertyInject("caravan.jobs.visible-to-all")
    private boolean jobsVisibleToAll;
    @PropertyInject(value = "caravan.jobs.route-started", defaultValue = "")
    private String routeStartedJobs;
    @PropertyInject("caravan.import.roots")
    private String importRootList;
    @PropertyInject("caravan.export.roots")
    private String exportRootList;
    @PropertyInject(value = "caravan.s3.endpoint", defaultValue = "")
    private String s3Endpoint;
    @PropertyInject(value = "caravan.url.max-duration", defaultValue = "0")
    private long urlMaxDurationMillis;
    @PropertyInject(value = "caravan.url.min-bytes-per-second", defaultValue = "0")
    private long urlMinBytesPerSecond;
    @PropertyInject(value = "caravan.url.min-rate-window", defaultValue = "60000")
    private long urlMinRateWindowMillis;
    @PropertyInject(value = "caravan.max-body-bytes", defaultValue = "0")
    private long maxBodyBytes;
    @PropertyInject(value = "caravan.load.max-record-bytes", defaultValue = "0")
    private long maxRecordBytes;
    @PropertyInject(value = "caravan.load.max-inflate-ratio", defaultValue = "200")
    private long maxInflateRatio;
    @PropertyInject(value = "caravan.load.max-inflated-bytes", defaultValue = "0")
    private long maxInflatedBytes;

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
        TableWrites writes = new TableWrites(store, writeAttempts, Duration.ofSeconds(writeWaitSeconds));
        OperationRegistry operations = new OperationRegistry();
        new SchemaOperations(tables, store).register(operations);
        new RecordOperations(tables, writes, writer, clock).register(operations);
        SearchOperations searches = new SearchOperations(tables, store);
        searches.register(operations);
        SqlOperations sql = new SqlOperations(catalog, store, writes, writer, clock);
        sql.register(operations);
        new UserOperations(users, catalog).register(operations);

        context.getRegistry().bind("store", store);
        context.getRegistry().bind("catalog", catalog);
        context.getRegistry().bind("operations", operations);
        BodyLimit bodyLimit = BodyLimit.of(maxBodyBytes, Runtime.getRuntime().maxMemory());
        bodyLimit.applyTo(context);
        Authenticator authenticator = new Authenticator(users);
        context.getRegistry().bind("apiRequests", new ApiRequests(authenticator));
        EventLoopAnswers eventLoopAnswers = new EventLoopAnswers(authenticator, operations);
        context.addService(eventLoopAnswers);
        context.getRegistry().bind(PlatformHttpConstants.PLATFORM_HTTP_ENGINE_NAME, eventLoopEngine(eventLoopAnswers));
        context.getRegistry().bind("apiResponses", new ApiResponses());
        ExportRequestChecks exportChecks = new ExportRequestChecks(new ExportSearch(searches, sql));
        configureJobs(context, store, writes, tables, writer, clock, operations, users, exportChecks);
        context.addStartupListener(new ReadyLog(context));
    }

    /** The HTTP engine camel-main would make, with answers from memory between the body and the route. */
    private static VertxPlatformHttpEngine eventLoopEngine(EventLoopAnswers answers) {
        VertxPlatformHttpEngine engine = new VertxPlatformHttpEngine();
        engine.setHandlers(List.of(answers));
        return engine;
    }

    /** The job engine: job table, queue, route policy, the job operations and their route beans. */
    private void configureJobs(CamelContext context, Store store, TableWrites writes, Tables tables,
                               RecordWriter writer, TxClock clock,
                               OperationRegistry operations, UserStore users, ExportRequestChecks exportChecks)
            throws Exception {
        int workers = jobWorkers > 0 ? jobWorkers : Runtime.getRuntime().availableProcessors();
        context.getPropertiesComponent().addOverrideProperty("caravan.jobs.workers", String.valueOf(workers));
        Path spoolDir = Path.of(dataDir, "spool");
        JobStore jobs = new JobStore(store);
        JobControl control = new JobControl();
        context.getManagementStrategy().addEventNotifier(new JobShutdown(control));
        JobMonitor monitor = new JobMonitor();
        context.addService(monitor);
        JobSubmitter submitter = new JobSubmitter(jobs, context, monitor);
        LoadRequestChecks checks = new LoadRequestChecks(tables);
        JobSecrets secrets = new JobSecrets();
        Map<String, JobDefinition> definitions = new LinkedHashMap<>();
        AllowedRoots importRoots = AllowedRoots.of("caravan.import.roots",
                importRootList.isBlank() ? Path.of(dataDir, "imports").toString() : importRootList);
        AllowedRoots exportRoots = AllowedRoots.of("caravan.export.roots",
                exportRootList.isBlank() ? Path.of(dataDir, "exports").toString() : exportRootList);
        for (JobDefinition d : List.of(new CsvDataLoad(checks, spoolDir), new CsvFileLoad(checks, importRoots),
                new CsvUrlLoad(checks, secrets), new ImportFromS3(checks, secrets),
                new ExportLocal(exportChecks, exportRoots), new ExportToS3(exportChecks, secrets),
                new DeleteRecordsBefore(DeleteRecordsBefore.TYPE), new DeleteRecordsBefore(DeleteRecordsBefore.ALIAS))) {
            definitions.put(d.type(), d);
            submitter.register(operations, d);
        }
        Set<String> routeStarted = new LinkedHashSet<>();
        for (String route : routeStartedJobs.split(",")) {
            if (!route.isBlank()) {
                routeStarted.add(route.strip());
                definitions.put(route.strip(), new RouteStartedJob(route.strip()));
            }
        }
        new JobOperations(jobs, control, monitor, jobsVisibleToAll).register(operations);

        JobRoutePolicy jobPolicy = new JobRoutePolicy(jobs, control, monitor, secrets, definitions);
        context.getRegistry().bind("jobPolicy", jobPolicy);
        context.addStartupListener(new JobRoutesCheck(definitions, jobPolicy));
        context.getRegistry().bind("jobRunner", new JobRunner(jobs, secrets));
        context.getRegistry().bind("jobLauncher", new JobLauncher(jobs, routeStarted));
        JobSources sources = new JobSources(store);
        SourceGuard guard = new SourceGuard(control, sources,
                context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "source-pace"),
                Duration.ofMillis(urlMaxDurationMillis), urlMinBytesPerSecond, Duration.ofMillis(urlMinRateWindowMillis));
        context.getRegistry().bind("loadJobs", new LoadJobs(jobs, tables, users, sources));
        context.getRegistry().bind("csvSources", new CsvSources(jobs, guard, spoolDir));
        InflationLimits inflation = new InflationLimits(maxInflateRatio, maxInflatedBytes);
        context.getRegistry().bind("urlSource", new UrlSource(jobs, secrets, guard, inflation));
        S3JobAccess s3 = new S3JobAccess(secrets, new S3Clients(context, s3Endpoint));
        context.getRegistry().bind("s3JobAccess", s3);
        context.getRegistry().bind("s3ObjectSource", new S3ObjectSource(jobs, s3, guard, inflation));
        context.getRegistry().bind("exportUpload", new ExportUpload(jobs, s3));
        ExecutorService readAhead = context.getExecutorServiceManager().newCachedThreadPool(this, "csv-read-ahead");
        RecordLoad recordLoad = new RecordLoad(writes, writer, clock, jobs, control, monitor, sources, batchSize,
                readAhead);
        context.getRegistry().bind("recordLoad", recordLoad);
        // a record (and a batch) of up to 1/64 of the heap: at most four batches are in memory at once
        long recordLimit = maxRecordBytes > 0 ? maxRecordBytes : Runtime.getRuntime().maxMemory() / 64;
        context.getPropertiesComponent().addOverrideProperty("caravan.load.max-record-bytes", String.valueOf(recordLimit));
        context.getRegistry().bind("csvLoad", new CsvLoad(recordLoad, recordLimit));
        context.getRegistry().bind("jsonLoad", new JsonLoad(recordLoad, recordLimit));
        context.getRegistry().bind("exportJobs", new ExportJobs(jobs, users, exportChecks));
        context.getRegistry().bind("exportFiles", new ExportFiles(store, jobs, control, monitor, spoolDir, batchSize));
        context.getRegistry().bind("recordDeletion",
                new RecordDeletion(store, writes, tables, jobs, control, monitor, batchSize));
        context.addStartupListener(new JobRecovery(jobs, submitter, definitions));
    }
}
