package caravan.it;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Two Caravan processes on one new PostgreSQL database, as two nodes sharing it; not started, so a
 * test can start them in the order it needs. Closing stops both.
 */
final class TwoNodes implements AutoCloseable {
    private final CaravanProcess a;
    private final CaravanProcess b;

    /** extraEnv: settings both nodes get besides the shared database. */
    TwoNodes(Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("CARAVAN_STORE_URL", PostgresServer.shared().newDatabase());
        env.put("CARAVAN_STORE_USER", PostgresServer.USER);
        a = CaravanProcess.fresh(env, CaravanProcess.DEFAULT_MAX_HEAP);
        b = CaravanProcess.fresh(env, CaravanProcess.DEFAULT_MAX_HEAP);
    }

    CaravanProcess a() {
        return a;
    }

    CaravanProcess b() {
        return b;
    }

    /** Polls well past any check interval: the assertion is that one node comes to agree, not how fast. */
    static void awaitStatus(String what, Callable<Integer> status, int expected) {
        await(what).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(status, s -> s == expected);
    }

    @Override
    public void close() {
        b.close();
        a.close();
    }
}
