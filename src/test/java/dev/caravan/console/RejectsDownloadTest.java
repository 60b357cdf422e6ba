package dev.caravan.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The download's file name: the job's id and the file's extension, never a path or a quote. */
class RejectsDownloadTest {
    @Test
    void nameIsTheJobAndTheFilesExtension() {
        assertEquals("rejects-0a1b-2c.csv", RejectsDownload.downloadName("0a1b-2c", Path.of("/data/out/dogs.rejects.csv")));
        assertEquals("rejects-0a1b.ndjson", RejectsDownload.downloadName("0a1b", Path.of("bad.ndjson")));
        assertEquals("rejects-0a1b", RejectsDownload.downloadName("0a1b", Path.of("/data/out/rejects")));
    }

    @Test
    void nothingOfANameCanEndTheHeaderValue() {
        assertEquals("rejects-xy.csv", RejectsDownload.downloadName("x\"; y", Path.of("/r/a.c\"sv")));
    }
}
