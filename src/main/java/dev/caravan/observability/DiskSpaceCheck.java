package dev.caravan.observability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * The disk under the data dir (the embedded store, spool files, exports by default) has at least
 * caravan.health.min-free-disk-bytes free: below it, loads and exports would soon fail.
 */
public final class DiskSpaceCheck extends AbstractHealthCheck {
    static final String SETTING = "caravan.health.min-free-disk-bytes";

    private final Path dataDir;
    private final long minFreeBytes;

    public DiskSpaceCheck(Path dataDir, long minFreeBytes) {
        super("caravan", "disk-space");
        this.dataDir = dataDir;
        this.minFreeBytes = minFreeBytes;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        long free;
        try {
            free = Files.getFileStore(dataDir).getUsableSpace();
        } catch (IOException e) {
            builder.down().message("Cannot read the free space under the data dir: " + e.getClass().getSimpleName());
            return;
        }
        builder.detail("free_bytes", free).detail("min_free_bytes", minFreeBytes);
        if (free < minFreeBytes) {
            builder.down().message(free + " bytes free under the data dir, below the " + minFreeBytes
                    + " of " + SETTING);
        } else {
            builder.up();
        }
    }
}
