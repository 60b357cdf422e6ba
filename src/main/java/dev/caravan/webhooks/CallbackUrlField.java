package dev.caravan.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperException;
import dev.caravan.jobs.SecretUrls;
import dev.caravan.jobs.SubmitField;
import dev.caravan.operations.OperationRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.Function;

/**
 * callback_url on every job submit: an http or https URL whose host resolves, now, only to addresses the
 * allow-list permits (checked again at each delivery: GuardedDnsResolver). A bad one is a 400 naming the
 * rule, and no job is created.
 */
public class CallbackUrlField implements SubmitField {
    private final WebhookAllowList allow;
    private final CallbackTargets targets;
    private final Function<String, InetAddress[]> resolver;

    public CallbackUrlField(WebhookAllowList allow, CallbackTargets targets) {
        this(allow, targets, CallbackUrlField::resolve);
    }

    CallbackUrlField(WebhookAllowList allow, CallbackTargets targets, Function<String, InetAddress[]> resolver) {
        this.allow = allow;
        this.targets = targets;
        this.resolver = resolver;
    }

    @Override
    public String name() {
        return CallbackUrl.FIELD;
    }

    @Override
    public Accepted check(OperationRequest request) {
        JsonNode value = request.body().get(CallbackUrl.FIELD);
        if (value == null || value.isNull()) {
            return Accepted.NONE;
        }
        CallbackUrl url = CallbackUrl.of(value);
        if (SecretUrls.REDACTED.equals(url.uri().getRawQuery())) {
            // what a finished job's stored request keeps of a URL with a query: retry_job must be given it again
            throw HarperException.badRequest("'" + CallbackUrl.FIELD + "' has a query string Caravan did not keep"
                    + " (\"?" + SecretUrls.REDACTED + "\"): send the whole URL again");
        }
        InetAddress[] addresses = resolver.apply(url.host());
        try {
            allow.check(url.host(), addresses);
        } catch (RefusedAddressException e) {
            throw HarperException.badRequest("'" + CallbackUrl.FIELD + "' is refused: " + e.getMessage());
        }
        return new Accepted() {
            @Override
            public void keep(String jobId, ObjectNode storedRequest) {
                storedRequest.put(CallbackUrl.FIELD, url.stored());
                if (url.holdsSecret()) {
                    targets.keep(jobId, url);
                }
            }

            @Override
            public void discard(String jobId) {
                targets.forget(jobId);
            }
        };
    }

    private static InetAddress[] resolve(String host) {
        try {
            return InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw HarperException.badRequest("'" + CallbackUrl.FIELD + "' is refused: host " + host
                    + " does not resolve");
        }
    }
}
