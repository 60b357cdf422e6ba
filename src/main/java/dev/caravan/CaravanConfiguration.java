package dev.caravan;

import dev.caravan.api.BodyLimit;
import dev.caravan.api.EventLoopAnswers;
import dev.caravan.auth.UserStore;
import dev.caravan.jobs.JobAdoption;
import dev.caravan.jobs.JobControl;
import dev.caravan.jobs.JobMonitor;
import dev.caravan.jobs.JobLeases;
import dev.caravan.jobs.JobRecovery;
import dev.caravan.jobs.JobRetention;
import dev.caravan.jobs.JobRoutePolicy;
import dev.caravan.jobs.JobRoutesCheck;
import dev.caravan.jobs.JobShutdown;
import dev.caravan.jobs.JobStore;
import dev.caravan.jobs.JobSubmitter;
import dev.caravan.jobs.JobWaits;
import dev.caravan.jobs.NodeHeartbeats;
import dev.caravan.store.Store;
import java.nio.file.Path;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.support.CamelContextHelper;

/**
 * What happens at start-up, in order. The beans the routes use come from one configuration class per
 * area (StoreConfiguration, AuthConfiguration, ApiConfiguration, JobsConfiguration, LoadConfiguration,
 * ExportConfiguration, RetentionConfiguration); the jobs there are in JobDefinitions.
 */
@Configuration
public class CaravanConfiguration implements CamelConfiguration {
    @PropertyInject("caravan.data-dir")
    private String dataDir;
    @PropertyInject("caravan.admin.username")
    private String adminUsername;
    @PropertyInject("caravan.admin.password")
    private String adminPassword;
    @PropertyInject(value = "caravan.max-body-bytes", defaultValue = "0")
    private long maxBodyBytes;

    @Override
    public void configure(CamelContext context) throws Exception {
        // services stop in the reverse order: the store last
        context.addService(new StoreLifecycle(bean(context, "store", Store.class)));
        new AdminBootstrap(bean(context, "userStore", UserStore.class), Path.of(dataDir))
                .ensureAdmin(adminUsername, adminPassword);
        BodyLimit.of(maxBodyBytes, Runtime.getRuntime().maxMemory()).applyTo(context); // before the HTTP server starts
        context.addService(bean(context, "eventLoopAnswers", EventLoopAnswers.class));

        JobControl control = bean(context, "jobControl", JobControl.class);
        context.getManagementStrategy().addEventNotifier(new JobShutdown(control));
        JobWaits waits = bean(context, "jobWaits", JobWaits.class);
        context.getManagementStrategy().addEventNotifier(waits.atShutdown()); // waiting requests are answered at once
        context.addService(waits);
        context.addService(bean(context, "jobMonitor", JobMonitor.class));
        context.addService(bean(context, "jobRetention", JobRetention.class));
        JobDefinitions jobs = bean(context, "jobDefinitions", JobDefinitions.class);
        context.addStartupListener(new JobRoutesCheck(jobs.byType(), bean(context, "jobPolicy", JobRoutePolicy.class)));
        boolean sharedStore = bean(context, "store", Store.class).dialect().sharedByProcesses();
        if (sharedStore) {
            // before the server takes requests: another node sees this one alive before any job is pinned to it
            bean(context, "nodeHeartbeats", NodeHeartbeats.class).started();
        }
        context.addStartupListener(new JobRecovery(bean(context, "jobStore", JobStore.class),
                bean(context, "jobSubmitter", JobSubmitter.class), jobs.byType(), bean(context, "jobLeases", JobLeases.class),
                bean(context, "jobAdoption", JobAdoption.class), sharedStore));
        context.addStartupListener(new ReadyLog(context));
    }

    private static <T> T bean(CamelContext context, String name, Class<T> type) {
        return CamelContextHelper.mandatoryLookup(context, name, type);
    }
}
