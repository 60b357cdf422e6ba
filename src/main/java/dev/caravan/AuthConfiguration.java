package dev.caravan;

import dev.caravan.auth.Authenticator;
import dev.caravan.auth.UserStore;
import dev.caravan.store.Catalog;
import dev.caravan.store.Store;
import dev.caravan.store.TxClock;
import java.time.Duration;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;

/** Users and the check of a request's credentials. */
@Configuration
public class AuthConfiguration implements CamelConfiguration {
    /** After the catalog, which creates the schema the user tables live in. */
    @BindToRegistry(lazy = true)
    public UserStore userStore(@BeanInject("store") Store store, @BeanInject("txClock") TxClock clock,
                               @BeanInject("catalog") Catalog schemaCreated,
                               @PropertyInject(value = "caravan.users.check-interval-ms", defaultValue = "1000")
                               long checkIntervalMs) {
        return new UserStore(store, clock, Duration.ofMillis(checkIntervalMs));
    }

    @BindToRegistry(lazy = true)
    public Authenticator authenticator(@BeanInject("userStore") UserStore users) {
        return new Authenticator(users);
    }
}
