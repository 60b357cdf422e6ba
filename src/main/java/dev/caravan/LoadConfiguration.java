package dev.caravan;

import dev.caravan.auth.UserStore;
import dev.caravan.files.AllowedRoots;
import dev.caravan.jobs.JobBatches;
import dev.caravan.jobs.JobControl;
import dev.caravan.jobs.JobMonitor;
import dev.caravan.jobs.JobSecrets;
import dev.caravan.jobs.JobSources;
import dev.caravan.jobs.JobStore;
import dev.caravan.jobs.RowErrorStore;
import dev.caravan.load.CsvLoad;
import dev.caravan.load.CsvSources;
import dev.caravan.load.InflationLimits;
import dev.caravan.load.JsonLoad;
import dev.caravan.load.LoadHistory;
import dev.caravan.load.LoadJobs;
import dev.caravan.load.LoadRequestChecks;
import dev.caravan.load.RecordLoad;
import dev.caravan.load.RepeatLoads;
import dev.caravan.load.RetryResume;
import dev.caravan.load.RowAccounting;
import dev.caravan.load.S3ObjectSource;
import dev.caravan.load.SourceGuard;
import dev.caravan.load.UrlSource;
import dev.caravan.ops.Tables;
import dev.caravan.s3.S3Clients;
import dev.caravan.s3.S3Connections;
import dev.caravan.s3.S3JobAccess;
import dev.caravan.store.RecordWriter;
import dev.caravan.store.Store;
import dev.caravan.store.TableWrites;
import dev.caravan.store.TxClock;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;

/** The loads: their sources and limits, and the batch writer of the shared load block. */
@Configuration
public class LoadConfiguration implements CamelConfiguration {
    @PropertyInject(value = "caravan.load.max-record-bytes", defaultValue = "0")
    private long maxRecordBytes;

    @Override
    public void configure(CamelContext context) {
        context.getPropertiesComponent().addOverrideProperty("caravan.load.max-record-bytes",
                String.valueOf(recordLimit(maxRecordBytes)));
    }

    /** A record (and a batch) of up to 1/64 of the heap unless set: at most four batches are in memory at once. */
    private static long recordLimit(long configured) {
        return configured > 0 ? configured : Runtime.getRuntime().maxMemory() / 64;
    }

    @BindToRegistry(lazy = true)
    public LoadRequestChecks loadRequestChecks(@BeanInject("tables") Tables tables,
                                               @BeanInject("exportRoots") AllowedRoots exportRoots) {
        return new LoadRequestChecks(tables, exportRoots);
    }

    @BindToRegistry(lazy = true)
    public AllowedRoots importRoots(@PropertyInject("caravan.data-dir") String dataDir,
                                    @PropertyInject("caravan.import.roots") String roots) {
        return AllowedRoots.of("caravan.import.roots",
                roots.isBlank() ? Path.of(dataDir, "imports").toString() : roots);
    }

    @BindToRegistry(lazy = true)
    public SourceGuard sourceGuard(CamelContext context, @BeanInject("jobControl") JobControl control,
                                   @BeanInject("jobSources") JobSources sources,
                                   @BeanInject("retryResume") RetryResume retries,
                                   @PropertyInject(value = "caravan.url.max-duration", defaultValue = "0")
                                   long maxDurationMillis,
                                   @PropertyInject(value = "caravan.url.min-bytes-per-second", defaultValue = "0")
                                   long minBytesPerSecond,
                                   @PropertyInject(value = "caravan.url.min-rate-window", defaultValue = "60000")
                                   long minRateWindowMillis) {
        return new SourceGuard(control, sources, retries,
                context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "source-pace"),
                Duration.ofMillis(maxDurationMillis), minBytesPerSecond, Duration.ofMillis(minRateWindowMillis));
    }

    /** retry_job's loads: where the new job begins (jobs/JobRetry). */
    @BindToRegistry(lazy = true)
    public RetryResume retryResume(@BeanInject("store") Store store, @BeanInject("jobStore") JobStore jobs,
                                   @BeanInject("jobSources") JobSources sources,
                                   @BeanInject("rowErrorStore") RowErrorStore rowErrors) {
        return new RetryResume(store, jobs, sources, rowErrors);
    }

    @BindToRegistry(lazy = true)
    public InflationLimits inflationLimits(
            @PropertyInject(value = "caravan.load.max-inflate-ratio", defaultValue = "200") long maxRatio,
            @PropertyInject(value = "caravan.load.max-inflated-bytes", defaultValue = "0") long maxBytes) {
        return new InflationLimits(maxRatio, maxBytes);
    }

    @BindToRegistry(lazy = true)
    public LoadJobs loadJobs(@BeanInject("jobStore") JobStore jobs, @BeanInject("tables") Tables tables,
                             @BeanInject("userStore") UserStore users, @BeanInject("jobSources") JobSources sources) {
        return new LoadJobs(jobs, tables, users, sources);
    }

    @BindToRegistry(lazy = true)
    public CsvSources csvSources(@BeanInject("jobStore") JobStore jobs, @BeanInject("sourceGuard") SourceGuard guard,
                                 @BeanInject("spoolDir") Path spoolDir) {
        return new CsvSources(jobs, guard, spoolDir);
    }

    @BindToRegistry(lazy = true)
    public UrlSource urlSource(@BeanInject("jobStore") JobStore jobs, @BeanInject("jobSecrets") JobSecrets secrets,
                               @BeanInject("sourceGuard") SourceGuard guard,
                               @BeanInject("inflationLimits") InflationLimits inflation) {
        return new UrlSource(jobs, secrets, guard, inflation);
    }

    /** S3 for import_from_s3 and export_to_s3 alike. */
    @BindToRegistry(lazy = true)
    public S3JobAccess s3JobAccess(CamelContext context, @BeanInject("jobSecrets") JobSecrets secrets,
                                   @PropertyInject(value = "caravan.s3.endpoint", defaultValue = "") String endpoint,
                                   @BeanInject("s3Connections") S3Connections connections) {
        return new S3JobAccess(secrets, new S3Clients(context, endpoint), connections);
    }

    /** The stored S3 connections: each name's keys resolved as Camel resolves any setting (environment included). */
    @BindToRegistry(lazy = true)
    public S3Connections s3Connections(CamelContext context,
                                       @PropertyInject(value = S3Connections.SETTING, defaultValue = "") String names) {
        return S3Connections.configured(names, key -> context.getPropertiesComponent().resolveProperty(key));
    }

    @BindToRegistry(lazy = true)
    public S3ObjectSource s3ObjectSource(@BeanInject("jobStore") JobStore jobs,
                                         @BeanInject("s3JobAccess") S3JobAccess s3,
                                         @BeanInject("sourceGuard") SourceGuard guard,
                                         @BeanInject("inflationLimits") InflationLimits inflation) {
        return new S3ObjectSource(jobs, s3, guard, inflation);
    }

    @BindToRegistry(lazy = true)
    public RecordLoad recordLoad(CamelContext context, @BeanInject("tableWrites") TableWrites writes,
                                 @BeanInject("recordWriter") RecordWriter writer, @BeanInject("txClock") TxClock clock,
                                 @BeanInject("jobStore") JobStore jobs, @BeanInject("jobControl") JobControl control,
                                 @BeanInject("jobMonitor") JobMonitor monitor,
                                 @BeanInject("jobSources") JobSources sources,
                                 @BeanInject("rowErrorStore") RowErrorStore rowErrors,
                                 @PropertyInject("caravan.jobs.batch-size") int batchSize,
                                 @PropertyInject(value = "caravan.load.max-row-errors", defaultValue = "1000")
                                 long maxRowErrors) {
        return new RecordLoad(writes, writer, clock, new JobBatches(jobs, control, monitor), control, sources,
                new RowAccounting(rowErrors, maxRowErrors), batchSize,
                context.getExecutorServiceManager().newCachedThreadPool(this, "csv-read-ahead"));
    }

    /** After the job table, which its rows refer to. */
    @BindToRegistry(lazy = true)
    public LoadHistory loadHistory(@BeanInject("store") Store store, @BeanInject("jobStore") JobStore tableCreated) {
        return new LoadHistory(store);
    }

    @BindToRegistry(lazy = true)
    public RepeatLoads repeatLoads(@BeanInject("loadHistory") LoadHistory history) {
        return new RepeatLoads(history);
    }

    @BindToRegistry(lazy = true)
    public CsvLoad csvLoad(@BeanInject("recordLoad") RecordLoad recordLoad) {
        return new CsvLoad(recordLoad, recordLimit(maxRecordBytes));
    }

    @BindToRegistry(lazy = true)
    public JsonLoad jsonLoad(@BeanInject("recordLoad") RecordLoad recordLoad) {
        return new JsonLoad(recordLoad, recordLimit(maxRecordBytes));
    }
}
