package dev.caravan.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** kamelet:job-start starts only jobs whose route has a definition, so every job it starts can be recovered. */
class JobLauncherTest {
    @Test
    void aRouteThatIsNotListedStartsNoJob() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            Exchange exchange = new DefaultExchange(context);
            exchange.getMessage().setHeader(JobHeaders.JOB_TYPE, "ftp-load");
            JobLauncher launcher = new JobLauncher(null, null, null, null, Set.of("inbox-load")); // the job table is never reached
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> launcher.start(exchange));
            assertEquals("kamelet:job-start route ftp-load is not a route-started job; the routes in"
                    + " caravan.jobs.route-started are [inbox-load]", e.getMessage());
        }
    }
}
