package dev.caravan;

import dev.caravan.core.HarperException;
import dev.caravan.jobs.JobOperations;
import dev.caravan.jobs.JobPinning;
import dev.caravan.jobs.JobStore;
import dev.caravan.jobs.JobSubmitter;
import dev.caravan.store.Store;
import dev.caravan.webhooks.CallbackTargets;
import dev.caravan.webhooks.CallbackUrl;
import dev.caravan.webhooks.CallbackUrlField;
import dev.caravan.webhooks.GuardedDnsResolver;
import dev.caravan.webhooks.JobWebhooks;
import dev.caravan.webhooks.WebhookAllowList;
import dev.caravan.webhooks.WebhookAttempts;
import dev.caravan.webhooks.WebhookCounts;
import dev.caravan.webhooks.WebhookDeliveries;
import dev.caravan.webhooks.WebhookQueue;
import dev.caravan.webhooks.WebhookSignature;
import java.util.Optional;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.Processor;
import org.apache.camel.PropertyInject;
import org.apache.camel.support.CamelContextHelper;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job webhooks (docs/decisions/0016-webhooks.md): callback_url on every submit, the events of each job's
 * start and end, the delivery route's beans (routes/jobs/job-webhooks.camel.yaml) and get_job's "webhooks".
 */
@Configuration
public class WebhooksConfiguration implements CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(WebhooksConfiguration.class);

    @PropertyInject(value = "caravan.jobs.webhook-attempts", defaultValue = "6")
    private int attempts;
    @PropertyInject(value = "caravan.jobs.webhook-url", defaultValue = "")
    private String operatorUrl;
    @PropertyInject(value = "caravan.jobs.webhook-secret", defaultValue = "")
    private String secret;

    @Override
    public void configure(CamelContext context) throws Exception {
        if (attempts < 1) {
            throw new IllegalArgumentException("caravan.jobs.webhook-attempts must be at least 1");
        }
        // the route's error handler counts redeliveries: the attempts after the first
        context.getPropertiesComponent().addOverrideProperty("caravan.jobs.webhook-redeliveries",
                String.valueOf(attempts - 1));
        context.addService(bean(context, "webhookCounts", WebhookCounts.class));
        JobWebhooks webhooks = bean(context, "jobWebhooks", JobWebhooks.class);
        bean(context, "jobStore", JobStore.class).listen(webhooks);
        bean(context, "jobSubmitter", JobSubmitter.class).alsoCheck(bean(context, "callbackUrlField", CallbackUrlField.class));
        bean(context, "jobPinning", JobPinning.class).alsoPinWhen(bean(context, "callbackTargets", CallbackTargets.class)::holds);
        bean(context, "jobOperations", JobOperations.class).alsoShow(bean(context, "webhookAttempts", WebhookAttempts.class));
        if (secret.isEmpty()) {
            LOG.warn("caravan.jobs.webhook-secret is not set: job webhook events are sent unsigned, and receivers"
                    + " cannot tell them from forgeries (README, Webhooks)");
        }
    }

    private static <T> T bean(CamelContext context, String name, Class<T> type) {
        return CamelContextHelper.mandatoryLookup(context, name, type);
    }

    @BindToRegistry(lazy = true)
    public WebhookAllowList webhookAllowList(@PropertyInject(value = "caravan.jobs.webhook-allow", defaultValue = "")
                                             String allow) {
        return WebhookAllowList.parse(allow);
    }

    @BindToRegistry(lazy = true)
    public CallbackTargets callbackTargets() {
        return new CallbackTargets();
    }

    @BindToRegistry(lazy = true)
    public CallbackUrlField callbackUrlField(@BeanInject("webhookAllowList") WebhookAllowList allow,
                                             @BeanInject("callbackTargets") CallbackTargets targets) {
        return new CallbackUrlField(allow, targets);
    }

    @BindToRegistry(lazy = true)
    public WebhookCounts webhookCounts() {
        return new WebhookCounts();
    }

    /** After the job table, beside which it lives. */
    @BindToRegistry(lazy = true)
    public WebhookAttempts webhookAttempts(@BeanInject("store") Store store, @BeanInject("jobStore") JobStore jobs) {
        return new WebhookAttempts(store, jobs);
    }

    @BindToRegistry(lazy = true)
    public WebhookQueue webhookQueue(CamelContext context, @BeanInject("webhookCounts") WebhookCounts counts,
                                     @PropertyInject("caravan.jobs.webhook-queue-size") int size) {
        return new WebhookQueue(context, size, counts);
    }

    @BindToRegistry(lazy = true)
    public JobWebhooks jobWebhooks(@BeanInject("callbackTargets") CallbackTargets targets,
                                   @BeanInject("webhookQueue") WebhookQueue queue,
                                   @BeanInject("webhookAttempts") WebhookAttempts deliveries) {
        Optional<CallbackUrl> operator;
        try {
            operator = operatorUrl.isBlank() ? Optional.empty()
                    : Optional.of(CallbackUrl.parse(operatorUrl, "caravan.jobs.webhook-url"));
        } catch (HarperException e) {
            throw new IllegalArgumentException(e.getMessage()); // a start-up failure, naming the setting only
        }
        return new JobWebhooks(operator, targets, queue, deliveries);
    }

    @BindToRegistry(lazy = true)
    public WebhookDeliveries webhookDeliveries(@BeanInject("webhookAttempts") WebhookAttempts deliveries,
                                               @BeanInject("webhookCounts") WebhookCounts counts,
                                               @BeanInject("jobWebhooks") JobWebhooks webhooks) {
        return new WebhookDeliveries(secret.isEmpty() ? Optional.empty() : Optional.of(new WebhookSignature(secret)),
                deliveries, counts, webhooks);
    }

    @BindToRegistry(lazy = true)
    public Processor webhookAttemptFailed(@BeanInject("webhookDeliveries") WebhookDeliveries deliveries) {
        return deliveries::failed;
    }

    @BindToRegistry(lazy = true)
    public Processor webhookRetrying(@BeanInject("webhookDeliveries") WebhookDeliveries deliveries) {
        return deliveries::retrying;
    }

    /** Connections to callback_urls: each connection's addresses checked against the allow-list. */
    @BindToRegistry(lazy = true)
    public PoolingHttpClientConnectionManager webhookConnections(
            @BeanInject("webhookAllowList") WebhookAllowList allow,
            @PropertyInject("caravan.jobs.webhook-timeout") long timeoutMillis,
            @PropertyInject("caravan.jobs.webhook-senders") int senders) {
        return connections(new GuardedDnsResolver(allow), timeoutMillis, senders);
    }

    /** Connections to the operator's caravan.jobs.webhook-url, which is trusted. */
    @BindToRegistry(lazy = true)
    public PoolingHttpClientConnectionManager operatorWebhookConnections(
            @PropertyInject("caravan.jobs.webhook-timeout") long timeoutMillis,
            @PropertyInject("caravan.jobs.webhook-senders") int senders) {
        return connections(SystemDefaultDnsResolver.INSTANCE, timeoutMillis, senders);
    }

    private static PoolingHttpClientConnectionManager connections(DnsResolver resolver, long timeoutMillis, int senders) {
        Timeout timeout = Timeout.ofMilliseconds(timeoutMillis);
        return PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(resolver)
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(timeout).setSocketTimeout(timeout)
                        .build())
                .setMaxConnTotal(Math.max(2, senders * 2))
                .setMaxConnPerRoute(Math.max(2, senders))
                .build();
    }
}
