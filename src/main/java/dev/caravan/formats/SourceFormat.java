package dev.caravan.formats;

import java.util.Optional;

/**
 * A source's format read from its name (an S3 key): Harper's ".csv" and ".json" (case-sensitive, contract §7),
 * plus Caravan's ".ndjson" and ".jsonl", each optionally gzip-compressed (".gz").
 */
public record SourceFormat(RecordFormat records, boolean gzip) {
    private static final String GZIP = ".gz";

    public static Optional<SourceFormat> ofName(String name) {
        boolean gzip = name.endsWith(GZIP);
        String plain = gzip ? name.substring(0, name.length() - GZIP.length()) : name;
        return Optional.ofNullable(RecordFormat.ofExtension(plain)).map(records -> new SourceFormat(records, gzip));
    }
}
