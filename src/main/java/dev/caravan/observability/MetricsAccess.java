package dev.caravan.observability;

import dev.caravan.auth.Authenticator;
import org.apache.camel.Exchange;

/**
 * Who may read GET /metrics and GET /health (caravan.metrics.require-auth): anyone, as scrapers and load
 * balancers usually expect, or only a Caravan user with Basic credentials, checked as the Operations API
 * checks them (401 "Login failed" otherwise, in the API's error shape).
 */
public final class MetricsAccess {
    private final Authenticator authenticator;
    private final boolean required;

    public MetricsAccess(Authenticator authenticator, boolean required) {
        this.authenticator = authenticator;
        this.required = required;
    }

    public void check(Exchange exchange) {
        if (required) {
            authenticator.authenticate(exchange.getMessage().getHeader("Authorization", String.class));
        }
    }
}
