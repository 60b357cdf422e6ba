package dev.caravan.jobs;

import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Tells running jobs to stop at their next batch when Camel starts stopping (SIGTERM), before the
 * graceful shutdown's timeout could interrupt a worker in the middle of a Derby write.
 */
public class JobShutdown extends EventNotifierSupport {
    private final JobControl control;

    public JobShutdown(JobControl control) {
        this.control = control;
    }

    @Override
    public void notify(CamelEvent event) {
        control.shutDown();
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.CamelContextStoppingEvent;
    }
}
