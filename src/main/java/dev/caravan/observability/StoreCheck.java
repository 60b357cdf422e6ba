package dev.caravan.observability;

import dev.caravan.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** The store answers: a lookup in the job table (on either engine) within the query timeout. */
public final class StoreCheck extends AbstractHealthCheck {
    private final Store store;
    private final int timeoutSeconds;

    public StoreCheck(Store store, int timeoutSeconds) {
        super("caravan", "store");
        this.store = store;
        this.timeoutSeconds = timeoutSeconds;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try (Connection c = store.connection();
             PreparedStatement ps = c.prepareStatement("SELECT ID FROM CARAVAN.JOBS WHERE ID = ?")) {
            ps.setQueryTimeout(timeoutSeconds);
            ps.setString(1, "");
            ps.executeQuery().close();
            builder.up();
        } catch (Exception e) {
            // the cause's class only: a driver's message may name hosts or users
            builder.down().message("The store did not answer a query: " + e.getClass().getSimpleName());
        }
    }
}
