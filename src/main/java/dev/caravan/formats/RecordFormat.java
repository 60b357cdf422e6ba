package dev.caravan.formats;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The record formats, each with its reader (loads), its writer (exports), its media type and its
 * file extensions: this list is their one registration, so a new format is its reader and writer
 * classes and a line here. Formats are named in export requests by their lowercase name only, as in
 * Harper; a load's S3 key names its format by its extension.
 */
public enum RecordFormat {
    JSON("application/json", Origin.HARPER, JsonArrayRecords::open, JsonExportWriter::new, ".json"),
    CSV("text/csv", Origin.HARPER, CsvRows::open, CsvExportWriter::new, ".csv"),
    NDJSON("application/x-ndjson", Origin.CARAVAN, JsonLineRecords::open, NdjsonExportWriter::new, ".ndjson", ".jsonl");

    /** Harper's formats are the ones its "format invalid" message lists; Caravan's own are accepted beside them. */
    enum Origin { HARPER, CARAVAN }

    /** Opens a format's reader on a source stream, no record longer than the limit. */
    @FunctionalInterface
    interface Readers {
        RecordSource open(InputStream in, long maxRecordBytes);
    }

    /** Opens a format's writer on the (buffered) export stream. */
    @FunctionalInterface
    interface Writers {
        ExportWriter open(OutputStream out) throws IOException;
    }

    private final String mediaType;
    private final Origin origin;
    private final Readers readers;
    private final Writers writers;
    private final List<String> extensions;

    RecordFormat(String mediaType, Origin origin, Readers readers, Writers writers, String... extensions) {
        this.mediaType = mediaType;
        this.origin = origin;
        this.readers = readers;
        this.writers = writers;
        this.extensions = List.of(extensions);
    }

    /** The format an export request names, or null: "JSON" is not a format (contract §8). */
    public static RecordFormat named(String text) {
        for (RecordFormat f : values()) {
            if (f.label().equals(text)) {
                return f;
            }
        }
        return null;
    }

    /** The format a source's name ends with (case-sensitive, as Harper's ".csv" and ".json"), or null. */
    static RecordFormat ofExtension(String name) {
        for (RecordFormat f : values()) {
            if (f.extensions.stream().anyMatch(name::endsWith)) {
                return f;
            }
        }
        return null;
    }

    /** Harper's answer to an export format it does not know, word for word: it lists Harper's formats only. */
    public static String invalidMessage() {
        return Arrays.stream(values()).filter(f -> f.origin == Origin.HARPER).map(RecordFormat::label)
                .collect(Collectors.joining(", ", "format invalid. must be one of the following values: ", ""));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The extension an export file gets. */
    public String extension() {
        return extensions.get(0);
    }

    public String mediaType() {
        return mediaType;
    }

    /** Compatibility C9: the extension is appended unless the name already ends with it. */
    public String withExtension(String name) {
        return name.endsWith(extension()) ? name : name + extension();
    }

    public RecordSource reader(InputStream in, long maxRecordBytes) {
        return readers.open(in, maxRecordBytes);
    }

    public ExportWriter writer(OutputStream out) throws IOException {
        return writers.open(out);
    }
}
