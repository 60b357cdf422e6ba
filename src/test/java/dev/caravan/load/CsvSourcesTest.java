package dev.caravan.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSourcesTest {
    @TempDir
    Path dir;

    @Test
    void openBlockedOnAFifoIsReleased() throws Exception {
        Path fifo = dir.resolve("swapped.csv");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        CompletableFuture<Long> reader = CompletableFuture.supplyAsync(() -> {
            try (FileChannel in = FileChannel.open(fifo, StandardOpenOption.READ)) { // waits for a writer
                return in.size();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        org.awaitility.Awaitility.await().during(java.time.Duration.ofMillis(300)).until(() -> !reader.isDone());

        CsvSources.releaseBlockedOpen(fifo);

        assertEquals(0L, reader.get(20, TimeUnit.SECONDS));
    }
}
