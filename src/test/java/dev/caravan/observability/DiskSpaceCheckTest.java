package dev.caravan.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Free space under the data dir against the setting. */
class DiskSpaceCheckTest {
    @TempDir
    Path dir;

    @Test
    void upWhileMoreThanTheMinimumIsFree() {
        assertEquals(HealthCheck.State.UP, new DiskSpaceCheck(dir, 0).call().getState());
    }

    @Test
    void downBelowTheMinimumSayingBothNumbers() {
        HealthCheck.Result result = new DiskSpaceCheck(dir, Long.MAX_VALUE).call();
        assertEquals(HealthCheck.State.DOWN, result.getState());
        String message = result.getMessage().orElseThrow();
        assertTrue(message.contains(Long.MAX_VALUE + " of caravan.health.min-free-disk-bytes"), message);
    }

    @Test
    void downWhenTheDataDirCannotBeRead() {
        HealthCheck.Result result = new DiskSpaceCheck(dir.resolve("missing"), 0).call();
        assertEquals(HealthCheck.State.DOWN, result.getState());
    }
}
