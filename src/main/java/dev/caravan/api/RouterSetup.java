package dev.caravan.api;

import io.vertx.ext.web.Router;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/** Handlers added to the Operations API's HTTP router (camel.server.port), which exists once the context has fully started. */
abstract class RouterSetup implements ExtendedStartupListener {
    /** Adds the handlers. */
    abstract void setUp(Router router);

    @Override
    public final void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the router does not exist yet
    }

    @Override
    public final void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        int port = Integer.parseInt(context.resolvePropertyPlaceholders("{{camel.server.port}}"));
        setUp(VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.getRouterNameFromPort(port)));
    }
}
