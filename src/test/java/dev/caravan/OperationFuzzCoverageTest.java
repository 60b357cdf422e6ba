package dev.caravan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import caravan.it.OperationFuzzCases;
import dev.caravan.operations.OperationRegistry;
import java.nio.file.Path;
import java.util.TreeSet;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fuzzer (caravan.it.OperationFuzzIT) has a base request for every operation the registry
 * knows, as CaravanConfiguration registers them: a new operation without one fails here.
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
            CaravanConfiguration configuration = new CaravanConfiguration();
            org.apache.camel.support.PluginHelper.getBeanPostProcessor(context)
                    .postProcessBeforeInitialization(configuration, "caravanConfiguration");
            configuration.configure(context);
            OperationRegistry registry = context.getRegistry().lookupByNameAndType("operations", OperationRegistry.class);
            assertEquals(new TreeSet<>(registry.all().keySet()),
                    new TreeSet<>(OperationFuzzCases.bases("/tmp/x.csv", "/tmp").keySet()));
            context.start(); // so that stopping it closes the store it opened
        }
    }
}
