package dev.caravan.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.jobs.JobFailedException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** caravan.load.max-inflate-ratio and max-inflated-bytes on a gzip source. */
class BoundedGzipInputStreamTest {
    private static final int BUFFER = 64 * 1024;

    private static byte[] gzip(byte[] unit, int times) throws IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(zipped)) {
            for (int i = 0; i < times; i++) {
                out.write(unit);
            }
        }
        return zipped.toByteArray();
    }

    private static long drain(InputStream in) throws IOException {
        try (in) {
            return in.transferTo(OutputStream.nullOutputStream());
        }
    }

    /** Text that compresses about 3-4 times, like a real CSV. */
    private static byte[] csvLike(int rows) {
        Random random = new Random(8);
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            csv.append(i).append(",dog ").append(random.nextInt(1_000_000)).append(',').append(random.nextDouble()).append('\n');
        }
        return csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void bombIsStoppedSoonAfterTheFloor() throws IOException {
        byte[] bomb = gzip(new byte[1 << 20], 64); // 64 MiB of zeros, about 64 KB of gzip
        InputStream in = new BoundedGzipInputStream(new ByteArrayInputStream(bomb), BUFFER, 200, 0);
        byte[] buffer = new byte[8192];
        long read = 0;
        JobFailedException failure = null;
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                read += n;
            }
        } catch (JobFailedException e) {
            failure = e;
        }
        assertTrue(failure != null && failure.getMessage().contains("expands more than 200 times"), "the whole bomb was read");
        assertTrue(read < 2 * BoundedGzipInputStream.RATIO_FLOOR, "inflated before stopping: " + read);
    }

    @Test
    void ordinaryCompressibleDataPasses() throws IOException {
        byte[] csv = csvLike(50_000); // past the ratio floor
        assertEquals(csv.length, drain(new BoundedGzipInputStream(new ByteArrayInputStream(gzip(csv, 1)), BUFFER, 200, 0)));
    }

    @Test
    void smallVeryCompressibleSourceUnderTheFloorPasses() throws IOException {
        byte[] zeros = new byte[(int) BoundedGzipInputStream.RATIO_FLOOR];
        assertEquals(zeros.length, drain(new BoundedGzipInputStream(new ByteArrayInputStream(gzip(zeros, 1)), BUFFER, 200, 0)));
    }

    @Test
    void inflatedSizeLimitStopsALargeSource() throws IOException {
        byte[] csv = csvLike(20_000);
        InputStream in = new BoundedGzipInputStream(new ByteArrayInputStream(gzip(csv, 1)), BUFFER, 0, 100_000);
        JobFailedException failure = assertThrows(JobFailedException.class, () -> drain(in));
        assertEquals("The gzip data expands to more than 100000 bytes (caravan.load.max-inflated-bytes)", failure.getMessage());
    }

    @Test
    void noLimitsReadEverything() throws IOException {
        byte[] bomb = gzip(new byte[1 << 20], 16);
        assertEquals(16L << 20, drain(new BoundedGzipInputStream(new ByteArrayInputStream(bomb), BUFFER, 0, 0)));
    }
}
