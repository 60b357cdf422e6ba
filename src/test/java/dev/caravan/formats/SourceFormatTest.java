package dev.caravan.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which S3 keys import_from_s3 reads, and how (contract §7 plus Caravan's JSON lines and gzip). */
class SourceFormatTest {
    @Test
    void harpersExtensionsAreCaseSensitive() {
        assertEquals(Optional.of(new SourceFormat(RecordFormat.CSV, false)), SourceFormat.ofName("a/dogs.csv"));
        assertEquals(Optional.of(new SourceFormat(RecordFormat.JSON, false)), SourceFormat.ofName("dogs.json"));
        assertEquals(Optional.empty(), SourceFormat.ofName("dogs.CSV"));
        assertEquals(Optional.empty(), SourceFormat.ofName("dogs.xlsx"));
        assertEquals(Optional.empty(), SourceFormat.ofName(""));
    }

    @Test
    void jsonLinesAndGzipAreCaravans() {
        assertEquals(Optional.of(new SourceFormat(RecordFormat.NDJSON, false)), SourceFormat.ofName("dogs.ndjson"));
        assertEquals(Optional.of(new SourceFormat(RecordFormat.NDJSON, true)), SourceFormat.ofName("dogs.jsonl.gz"));
        assertEquals(Optional.of(new SourceFormat(RecordFormat.CSV, true)), SourceFormat.ofName("dogs.csv.gz"));
        assertEquals(Optional.empty(), SourceFormat.ofName("dogs.gz"));
    }
}
