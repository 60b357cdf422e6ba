package dev.caravan;

import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs the one line that says Caravan is ready (scripts and tests wait for it). */
final class ReadyLog implements ExtendedStartupListener {
    private static final Logger LOG = LoggerFactory.getLogger("dev.caravan.Caravan");
    private final CamelContext context;

    ReadyLog(CamelContext context) {
        this.context = context;
    }

    @Override
    public void onCamelContextStarted(CamelContext ctx, boolean alreadyStarted) {
        // wait until fully started
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext ctx, boolean alreadyStarted) {
        LOG.info("Caravan ready: Operations API on port {}, data in {}",
                context.resolvePropertyPlaceholders("{{caravan.port}}"),
                context.resolvePropertyPlaceholders("{{caravan.data-dir}}"));
    }
}
