package dev.caravan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import caravan.it.OperationFuzzCases;
import dev.caravan.operations.OperationRegistry;
import dev.caravan.store.Store;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fuzzer (caravan.it.OperationFuzzIT) has a base request for every operation the registry
 * knows, as the configuration classes register them: a new operation without one fails here.
 */
class OperationFuzzCoverageTest {
    @TempDir
    Path dataDir;

    @Test
    void theFuzzerCoversEveryRegisteredOperation() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().setLocation("file:config/application.properties");
            context.getPropertiesComponent().addOverrideProperty("caravan.data-dir", dataDir.toString());
            context.getPropertiesComponent().addOverrideProperty("caravan.admin.username", "admin");
            context.getPropertiesComponent().addOverrideProperty("caravan.admin.password", "password");
            // as camel-main does: every configuration's beans bound first, then each one's configure
            List<CamelConfiguration> configurations = List.of(new StoreConfiguration(), new AuthConfiguration(),
                    new ApiConfiguration(), new JobsConfiguration(), new LoadConfiguration(), new ExportConfiguration(),
                    new RetentionConfiguration());
            for (CamelConfiguration configuration : configurations) {
                PluginHelper.getBeanPostProcessor(context)
                        .postProcessBeforeInitialization(configuration, "configuration");
            }
            for (CamelConfiguration configuration : configurations) {
                configuration.configure(context);
            }
            OperationRegistry registry = context.getRegistry()
                    .lookupByNameAndType("operations", OperationRegistry.class);
            assertEquals(new TreeSet<>(registry.all().keySet()),
                    new TreeSet<>(OperationFuzzCases.bases("/tmp/x.csv", "/tmp").keySet()));
            context.getRegistry().lookupByNameAndType("store", Store.class).close();
        }
    }
}
