package dev.caravan;

import dev.caravan.api.RequestMetrics;
import dev.caravan.auth.Authenticator;
import dev.caravan.jobs.JobMonitor;
import dev.caravan.jobs.JobRetention;
import dev.caravan.jobs.JobStore;
import dev.caravan.jobs.NodeHeartbeats;
import dev.caravan.observability.DiskSpaceCheck;
import dev.caravan.observability.GetterMeters;
import dev.caravan.observability.HealthReport;
import dev.caravan.observability.HeartbeatCheck;
import dev.caravan.observability.JobMeters;
import dev.caravan.observability.JobRoutesHealth;
import dev.caravan.observability.MetricsAccess;
import dev.caravan.observability.MetricsScrape;
import dev.caravan.observability.StoreCheck;
import dev.caravan.operations.OperationRegistry;
import dev.caravan.store.Store;
import dev.caravan.webhooks.WebhookCounts;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.support.CamelContextHelper;

/**
 * GET /metrics and GET /health (routes/observability.camel.yaml): the meters of jobs, requests and the
 * pool in the Prometheus registry of camel-micrometer-prometheus (which adds the JVM's, camel.metrics.*),
 * and Caravan's health checks beside Camel's.
 */
@Configuration
public class ObservabilityConfiguration implements CamelConfiguration {
    @PropertyInject("caravan.data-dir")
    private String dataDir;
    @PropertyInject(value = "caravan.health.min-free-disk-bytes", defaultValue = "104857600")
    private long minFreeDiskBytes;
    @PropertyInject(value = "caravan.health.timeout-ms", defaultValue = "2000")
    private long healthTimeoutMs;

    @BindToRegistry(lazy = true)
    public MetricsAccess metricsAccess(@BeanInject("authenticator") Authenticator authenticator,
                                       @PropertyInject(value = "caravan.metrics.require-auth", defaultValue = "false")
                                       boolean requireAuth) {
        return new MetricsAccess(authenticator, requireAuth);
    }

    @BindToRegistry(lazy = true)
    public HealthReport healthReport(CamelContext context) {
        return new HealthReport(context, Duration.ofMillis(healthTimeoutMs));
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        PrometheusMeterRegistry registry = registry(context);
        context.getRegistry().bind("metricsScrape", new MetricsScrape(registry));
        Store store = bean(context, "store", Store.class);
        store.publishPoolMetrics(registry);
        bean(context, "jobStore", JobStore.class).listen(new JobMeters(registry));
        JobMonitor monitor = bean(context, "jobMonitor", JobMonitor.class);
        new GetterMeters()
                .gauge("caravan.jobs.running", "Jobs running on this node now", monitor, JobMonitor::getJobsRunning)
                .gauge("caravan.jobs.queued", "Jobs waiting for a worker of this node", monitor, JobMonitor::getJobsQueued)
                .bindTo(registry);
        JobRetention retention = bean(context, "jobRetention", JobRetention.class);
        new GetterMeters()
                .counter("caravan.retention.jobs.removed", "Finished jobs the retention removed", retention,
                        JobRetention::getJobsRemoved)
                .counter("caravan.retention.kept.rows.removed", "Rows kept for those jobs that went with them",
                        retention, JobRetention::getKeptRowsRemoved)
                .counter("caravan.retention.files.removed", "Files of those jobs the retention removed", retention,
                        JobRetention::getFilesRemoved)
                .counter("caravan.retention.removed.bytes", "Bytes of the files the retention removed", retention,
                        JobRetention::getBytesRemoved)
                .bindTo(registry);
        WebhookCounts webhooks = bean(context, "webhookCounts", WebhookCounts.class);
        new GetterMeters()
                .counter("caravan.webhooks.sent", "Webhook events a receiver accepted", webhooks, WebhookCounts::getSent)
                .counter("caravan.webhooks.failed.attempts", "Webhook attempts that failed (each retried or given up)",
                        webhooks, WebhookCounts::getFailedAttempts)
                .counter("caravan.webhooks.gave.up", "Webhook events given up after the last attempt", webhooks,
                        WebhookCounts::getGaveUp)
                .counter("caravan.webhooks.dropped", "Webhook events dropped because the queue was full", webhooks,
                        WebhookCounts::getDropped)
                .bindTo(registry);
        new RequestMetrics(registry, bean(context, "operations", OperationRegistry.class)::has).applyTo(context);

        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health != null) {
            health.register(new StoreCheck(store, (int) Math.max(1, healthTimeoutMs / 1000)));
            health.register(new DiskSpaceCheck(Path.of(dataDir), minFreeDiskBytes));
            health.register(new JobRoutesHealth(bean(context, "jobDefinitions", JobDefinitions.class).byType().keySet()));
            if (store.dialect().sharedByProcesses()) {
                health.register(new HeartbeatCheck(bean(context, "nodeHeartbeats", NodeHeartbeats.class)));
            }
        }
    }

    /**
     * The registry camel-micrometer-prometheus made (camel.metrics.enabled, before any configuration
     * class runs), which camel-micrometer's endpoints use too; a registry of Caravan's own without it.
     */
    private static PrometheusMeterRegistry registry(CamelContext context) {
        PrometheusMeterRegistry made = context.getRegistry().lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME,
                PrometheusMeterRegistry.class);
        if (made != null) {
            return made;
        }
        PrometheusMeterRegistry own = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        context.getRegistry().bind(MicrometerConstants.METRICS_REGISTRY_NAME, own);
        return own;
    }

    private static <T> T bean(CamelContext context, String name, Class<T> type) {
        return CamelContextHelper.mandatoryLookup(context, name, type);
    }
}
