package dev.caravan;

import dev.caravan.auth.Authenticator;
import dev.caravan.console.ConsoleFiles;
import dev.caravan.console.RejectsDownload;
import dev.caravan.jobs.JobStore;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.apache.camel.support.DefaultHeaderFilterStrategy;

/** The web console (routes/console.camel.yaml): its files and the rejects download. */
@Configuration
public class ConsoleConfiguration implements CamelConfiguration {
    @BindToRegistry(lazy = true)
    public ConsoleFiles consoleFiles() {
        return new ConsoleFiles();
    }

    /**
     * Camel's HTTP default drops Cache-Control from answers; the console's files need theirs (ETag and
     * no-cache), so its routes filter only Camel's own headers.
     */
    @BindToRegistry(lazy = true)
    public HeaderFilterStrategy consoleHeaders() {
        DefaultHeaderFilterStrategy strategy = new DefaultHeaderFilterStrategy();
        strategy.setInFilterStartsWith(DefaultHeaderFilterStrategy.CAMEL_FILTER_STARTS_WITH);
        strategy.setOutFilterStartsWith(DefaultHeaderFilterStrategy.CAMEL_FILTER_STARTS_WITH);
        return strategy;
    }

    @BindToRegistry(lazy = true)
    public RejectsDownload rejectsDownload(@BeanInject("authenticator") Authenticator authenticator,
                                           @BeanInject("jobStore") JobStore jobs,
                                           @PropertyInject("caravan.jobs.visible-to-all") boolean visibleToAll) {
        return new RejectsDownload(authenticator, jobs, visibleToAll);
    }
}
