package dev.caravan;

import dev.caravan.export.ExportLeftovers;
import dev.caravan.export.ExportRequestChecks;
import dev.caravan.files.AllowedRoots;
import dev.caravan.jobs.CancelRequests;
import dev.caravan.jobs.IdempotencyKeys;
import dev.caravan.jobs.JobActions;
import dev.caravan.jobs.JobAdoption;
import dev.caravan.jobs.JobControl;
import dev.caravan.jobs.JobDeletion;
import dev.caravan.jobs.JobLauncher;
import dev.caravan.jobs.JobLeases;
import dev.caravan.jobs.JobListing;
import dev.caravan.jobs.JobMonitor;
import dev.caravan.jobs.JobOperations;
import dev.caravan.jobs.JobPinning;
import dev.caravan.jobs.JobQueue;
import dev.caravan.jobs.JobRetention;
import dev.caravan.jobs.JobRetry;
import dev.caravan.jobs.JobRoutePolicy;
import dev.caravan.jobs.JobRunner;
import dev.caravan.jobs.JobSecrets;
import dev.caravan.jobs.JobSources;
import dev.caravan.jobs.JobStore;
import dev.caravan.jobs.JobSubmitter;
import dev.caravan.jobs.JobWaitStep;
import dev.caravan.jobs.JobWaits;
import dev.caravan.jobs.NodeHeartbeats;
import dev.caravan.jobs.RetentionPeriod;
import dev.caravan.jobs.RowErrorStore;
import dev.caravan.load.LoadFiles;
import dev.caravan.load.LoadRequestChecks;
import dev.caravan.operations.OperationRegistry;
import dev.caravan.s3.S3Connections;
import dev.caravan.store.Catalog;
import dev.caravan.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.component.seda.SedaEndpoint;

/** The job engine: job table, queue, route policy, cancel, and the job operations. */
@Configuration
public class JobsConfiguration implements CamelConfiguration {
    @PropertyInject("caravan.jobs.workers")
    private int workers;
    /** The number of workers, resolved at configure time. */
    private int workerCount;

    @Override
    public void configure(CamelContext context) {
        // job-runner's concurrentConsumers: the setting, or one worker per core for 0
        int count = workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
        workerCount = count;
        // a name of its own: an environment variable (CARAVAN_JOBS_WORKERS=0) overrides caravan.jobs.workers itself
        context.getPropertiesComponent().addOverrideProperty("caravan.jobs.worker-count", String.valueOf(count));
    }

    @BindToRegistry(lazy = true)
    public JobDefinitions jobDefinitions(@BeanInject("loadRequestChecks") LoadRequestChecks loadChecks,
                                         @BeanInject("exportRequestChecks") ExportRequestChecks exportChecks,
                                         @BeanInject("jobSecrets") JobSecrets secrets,
                                         @BeanInject("spoolDir") Path spoolDir,
                                         @BeanInject("importRoots") AllowedRoots importRoots,
                                         @BeanInject("exportRoots") AllowedRoots exportRoots,
                                         @PropertyInject(value = "caravan.jobs.route-started", defaultValue = "")
                                         String routeStarted,
                                         @BeanInject("s3Connections") S3Connections s3Connections) {
        return new JobDefinitions(loadChecks, exportChecks, secrets, spoolDir, importRoots, exportRoots, routeStarted,
                s3Connections);
    }

    /** Where uploads (csv_data_load) and exports are written before they are loaded or moved. */
    @BindToRegistry(lazy = true)
    public Path spoolDir(@PropertyInject("caravan.data-dir") String dataDir) {
        return Path.of(dataDir, "spool");
    }

    /** After the catalog, which creates the schema the job table lives in. */
    @BindToRegistry(lazy = true)
    public JobStore jobStore(@BeanInject("store") Store store, @BeanInject("catalog") Catalog schemaCreated,
                             @PropertyInject(value = "caravan.node.id", defaultValue = "") String nodeId,
                             @PropertyInject("caravan.port") int port) {
        return new JobStore(store, JobLeases.nodeId(nodeId, port));
    }

    /** After the job table, beside which it lives. */
    @BindToRegistry(lazy = true)
    public RowErrorStore rowErrorStore(@BeanInject("store") Store store, @BeanInject("jobStore") JobStore jobTable) {
        return new RowErrorStore(store, jobTable);
    }

    @BindToRegistry(lazy = true)
    public JobControl jobControl() {
        return new JobControl();
    }

    @BindToRegistry(lazy = true)
    public JobMonitor jobMonitor() {
        return new JobMonitor();
    }

    @BindToRegistry(lazy = true)
    public JobSecrets jobSecrets() {
        return new JobSecrets();
    }

    @BindToRegistry(lazy = true)
    public JobSources jobSources(@BeanInject("store") Store store) {
        return new JobSources(store);
    }

    /** After the job table, which its rows refer to. */
    @BindToRegistry(lazy = true)
    public IdempotencyKeys idempotencyKeys(@BeanInject("store") Store store, @BeanInject("jobStore") JobStore tableCreated) {
        return new IdempotencyKeys(store);
    }

    @BindToRegistry(lazy = true)
    public JobSubmitter jobSubmitter(@BeanInject("jobStore") JobStore jobs, CamelContext context,
                                     @BeanInject("jobMonitor") JobMonitor monitor, @BeanInject("store") Store store,
                                     @BeanInject("idempotencyKeys") IdempotencyKeys keys,
                                     @BeanInject("jobSecrets") JobSecrets secrets,
                                     @BeanInject("jobPinning") JobPinning pinning) {
        return new JobSubmitter(jobs, context, monitor, store, keys, secrets, pinning);
    }

    @BindToRegistry(lazy = true)
    public JobListing jobListing(@BeanInject("jobStore") JobStore jobs,
                                 @PropertyInject("caravan.jobs.visible-to-all") boolean visibleToAll) {
        return new JobListing(jobs, visibleToAll);
    }

    @BindToRegistry(lazy = true)
    public JobOperations jobOperations(@BeanInject("jobStore") JobStore jobs,
                                       @BeanInject("jobControl") JobControl control,
                                       @BeanInject("jobMonitor") JobMonitor monitor,
                                       @BeanInject("rowErrorStore") RowErrorStore rowErrors,
                                       @PropertyInject("caravan.jobs.visible-to-all") boolean visibleToAll,
                                       @BeanInject("cancelRequests") CancelRequests cancels) {
        return new JobOperations(jobs, control, monitor, rowErrors, visibleToAll, cancels);
    }

    /** Who may retry or delete a job (retry_job, delete_job). */
    @BindToRegistry(lazy = true)
    public JobActions jobActions(@BeanInject("jobStore") JobStore jobs,
                                 @PropertyInject("caravan.jobs.visible-to-all") boolean visibleToAll) {
        return new JobActions(jobs, visibleToAll);
    }

    @BindToRegistry(lazy = true)
    public JobRetry jobRetry(@BeanInject("jobStore") JobStore jobs, @BeanInject("jobActions") JobActions actions,
                             @BeanInject("jobSubmitter") JobSubmitter submitter,
                             @BeanInject("jobPinning") JobPinning pinning, @BeanInject("jobSecrets") JobSecrets secrets,
                             @BeanInject("jobDefinitions") JobDefinitions definitions) {
        return new JobRetry(jobs, actions, submitter, pinning, secrets, definitions.byType());
    }

    /** delete_job and the retention remove a job's row, its rows elsewhere, and the files loads and exports leave. */
    @BindToRegistry(lazy = true)
    public JobDeletion jobDeletion(@BeanInject("store") Store store, @BeanInject("jobStore") JobStore jobs,
                                   @BeanInject("rowErrorStore") RowErrorStore rowErrorsDeletedWithJobs,
                                   @BeanInject("jobActions") JobActions actions, @BeanInject("spoolDir") Path spoolDir) {
        JobDeletion deletion = new JobDeletion(store, jobs, actions);
        deletion.alsoRemoveFiles(new LoadFiles(spoolDir));
        deletion.alsoRemoveFiles(new ExportLeftovers(spoolDir));
        return deletion;
    }

    /** routes/jobs/job-retention.camel.yaml runs it every caravan.jobs.retention-check-seconds. */
    @BindToRegistry(lazy = true)
    public JobRetention jobRetention(@BeanInject("jobStore") JobStore jobs, @BeanInject("jobDeletion") JobDeletion deletion,
                                     @PropertyInject(value = "caravan.jobs.retention", defaultValue = "P14D") String retention,
                                     @PropertyInject(value = "caravan.jobs.retention-batch", defaultValue = "500") int batch) {
        return new JobRetention(jobs, deletion, RetentionPeriod.parse(retention), batch);
    }

    @BindToRegistry(lazy = true)
    public JobRoutePolicy jobPolicy(@BeanInject("jobStore") JobStore jobs, @BeanInject("jobControl") JobControl control,
                                    @BeanInject("jobMonitor") JobMonitor monitor,
                                    @BeanInject("jobSecrets") JobSecrets secrets,
                                    @BeanInject("jobDefinitions") JobDefinitions definitions,
                                    @BeanInject("jobLeases") JobLeases leases) {
        return new JobRoutePolicy(jobs, control, monitor, secrets, definitions.byType(), leases);
    }

    @BindToRegistry(lazy = true)
    public JobRunner jobRunner(@BeanInject("jobStore") JobStore jobs, @BeanInject("jobSecrets") JobSecrets secrets,
                               @BeanInject("jobLeases") JobLeases leases,
                               @BeanInject("jobMonitor") JobMonitor monitor) {
        return new JobRunner(jobs, secrets, leases, monitor);
    }

    /** After the job table, whose rows hold the leases; the node id defaults to host:port. */
    @BindToRegistry(lazy = true)
    public JobLeases jobLeases(@BeanInject("store") Store store, @BeanInject("jobStore") JobStore jobTable,
                               @PropertyInject(value = "caravan.node.id", defaultValue = "") String nodeId,
                               @PropertyInject("caravan.port") int port,
                               @PropertyInject(value = "caravan.jobs.lease-seconds", defaultValue = "30") int leaseSeconds,
                               @PropertyInject(value = "caravan.jobs.lease-renew-seconds", defaultValue = "10")
                               int renewSeconds) {
        if (renewSeconds < 1 || renewSeconds * 2 > leaseSeconds) {
            throw new IllegalArgumentException("caravan.jobs.lease-renew-seconds must be at least 1 and at most half"
                    + " of caravan.jobs.lease-seconds, so a lease is renewed before it ends");
        }
        return new JobLeases(store, JobLeases.nodeId(nodeId, port), Duration.ofSeconds(leaseSeconds));
    }

    @BindToRegistry(lazy = true)
    public JobLauncher jobLauncher(@BeanInject("store") Store store, @BeanInject("jobStore") JobStore jobs,
                                   @BeanInject("jobLeases") JobLeases leases,
                                   @BeanInject("jobPinning") JobPinning pinning,
                                   @BeanInject("jobDefinitions") JobDefinitions definitions) {
        return new JobLauncher(store, jobs, leases, pinning, definitions.routeStartedTypes());
    }

    /** Several nodes on one database (docs/decisions/0011-cluster-job-queue.md): which jobs only this node may run. */
    @BindToRegistry(lazy = true)
    public JobPinning jobPinning(@BeanInject("store") Store store, @BeanInject("jobLeases") JobLeases leases,
                                 @BeanInject("jobSecrets") JobSecrets secrets,
                                 @PropertyInject(value = "caravan.cluster.shared-roots", defaultValue = "false")
                                 boolean sharedRoots) {
        return new JobPinning(leases.node(), store.dialect().sharedByProcesses(), sharedRoots, secrets);
    }

    /** This node's row in CARAVAN.NODES; a node whose heartbeat is older than a lease is gone. */
    @BindToRegistry(lazy = true)
    public NodeHeartbeats nodeHeartbeats(@BeanInject("store") Store store, @BeanInject("jobLeases") JobLeases leases,
                                         @PropertyInject("caravan.port") int port,
                                         @PropertyInject(value = "caravan.jobs.lease-seconds", defaultValue = "30")
                                         int leaseSeconds) {
        return new NodeHeartbeats(store, leases.node(), JobLeases.hostName(), port, Duration.ofSeconds(leaseSeconds));
    }

    /** The job table as a queue: claims queued jobs for this node's idle workers. */
    @BindToRegistry(lazy = true)
    public JobQueue jobQueue(CamelContext context, @BeanInject("store") Store store,
                             @BeanInject("jobLeases") JobLeases leases,
                             @BeanInject("jobSubmitter") JobSubmitter submitter) {
        // idle: the workers less the jobs they hold and those already waiting in this node's queue
        return new JobQueue(store, leases, () -> workerCount - leases.heldByWorkers()
                - context.getEndpoint(JobSubmitter.QUEUE, SedaEndpoint.class).getCurrentQueueSize(), submitter::enqueue);
    }

    @BindToRegistry(lazy = true)
    public JobAdoption jobAdoption(@BeanInject("store") Store store, @BeanInject("jobStore") JobStore jobs,
                                   @BeanInject("jobLeases") JobLeases leases,
                                   @BeanInject("nodeHeartbeats") NodeHeartbeats nodes,
                                   @BeanInject("jobDefinitions") JobDefinitions definitions) {
        return new JobAdoption(store, jobs, leases, nodes, definitions.byType());
    }

    /** The requests waiting for their job to end (wait_ms), on two threads of Camel's, however many wait. */
    @BindToRegistry(lazy = true)
    public JobWaits jobWaits(CamelContext context, @BeanInject("jobStore") JobStore jobs) {
        ScheduledExecutorService executor = context.getExecutorServiceManager().newScheduledThreadPool(this, "JobWaits", 2);
        if (executor instanceof ScheduledThreadPoolExecutor pool) {
            pool.setRemoveOnCancelPolicy(true); // a wait that ends early takes its timeout out of the queue
        }
        JobWaits waits = new JobWaits(id -> jobs.find(id).map(job -> job.isFinished()).orElse(true), jobs::stillInProgress,
                executor);
        jobs.listen(waits);
        return waits;
    }

    /** wait_ms on get_job and on every job submit, up to caravan.jobs.max-wait-ms (routes/operations.camel.yaml). */
    @BindToRegistry(lazy = true)
    public JobWaitStep jobWait(@BeanInject("operations") OperationRegistry operations,
                               @BeanInject("jobWaits") JobWaits waits,
                               @BeanInject("jobDefinitions") JobDefinitions definitions,
                               @PropertyInject("caravan.jobs.max-wait-ms") long maxWaitMs) {
        if (maxWaitMs < 0) {
            throw new IllegalArgumentException("caravan.jobs.max-wait-ms must be 0 or more");
        }
        Set<String> waitable = new LinkedHashSet<>();
        waitable.add("get_job");
        definitions.operations().forEach(definition -> waitable.add(definition.type()));
        waitable.add("retry_job"); // answers as a submit does, with its new job's id
        return new JobWaitStep(operations, waits, waitable, maxWaitMs);
    }

    /** After the job table, whose rows record the cancels. */
    @BindToRegistry(lazy = true)
    public CancelRequests cancelRequests(@BeanInject("store") Store store, @BeanInject("jobStore") JobStore jobTable,
                                         @BeanInject("jobControl") JobControl control,
                                         @BeanInject("jobLeases") JobLeases leases) {
        return new CancelRequests(store, control, leases.node());
    }
}
