package caravan.it;

import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One fresh Caravan server for a test class: started before the class's own {@code @BeforeAll}
 * methods and stopped after its {@code @AfterAll} methods (JUnit runs a static
 * {@code @RegisterExtension} field's callbacks around the class's own). Its port is chosen when the
 * field is made, so clients may be static final fields too:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final CaravanServer caravan = CaravanServer.fresh();
 * private static final ApiClient admin = caravan.admin();
 * </pre>
 */
public final class CaravanServer implements BeforeAllCallback, AfterAllCallback {
    private final CaravanProcess process;
    private final ApiClient admin;

    private CaravanServer(CaravanProcess process) {
        this.process = process;
        this.admin = process.admin();
    }

    public static CaravanServer fresh() {
        return fresh(Map.of());
    }

    /** With extra environment settings (e.g. CARAVAN_JOB_WORKERS). */
    public static CaravanServer fresh(Map<String, String> env) {
        return fresh(env, CaravanProcess.DEFAULT_MAX_HEAP);
    }

    /** With extra environment settings and maxHeap (an -Xmx value, e.g. "256m"). */
    public static CaravanServer fresh(Map<String, String> env, String maxHeap) {
        return new CaravanServer(CaravanProcess.fresh(env, maxHeap));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        process.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        process.close();
    }

    /** The server itself, for what a test does to it beyond requests: its log, a restart, a kill. */
    public CaravanProcess process() {
        return process;
    }

    /** A client signed in as the super user. */
    public ApiClient admin() {
        return admin;
    }

    public ApiClient as(String username, String password) {
        return process.as(username, password);
    }
}
