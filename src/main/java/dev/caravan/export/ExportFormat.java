package dev.caravan.export;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The export formats, each with its writer, media type and file extension: this list is their one
 * registration, so a new format is its writer class and a line here. Formats are named in requests
 * by their lowercase name only, as in Harper.
 */
public enum ExportFormat {
    JSON("application/json", Origin.HARPER, JsonExportWriter::new),
    CSV("text/csv", Origin.HARPER, CsvExportWriter::new),
    NDJSON("application/x-ndjson", Origin.CARAVAN, NdjsonExportWriter::new);

    /** Harper's formats are the ones its "format invalid" message lists; Caravan's own are accepted beside them. */
    enum Origin { HARPER, CARAVAN }

    /** Opens a format's writer on the (buffered) export stream. */
    @FunctionalInterface
    interface Writers {
        ExportWriter open(OutputStream out) throws IOException;
    }

    private final String mediaType;
    private final Origin origin;
    private final Writers writers;

    ExportFormat(String mediaType, Origin origin, Writers writers) {
        this.mediaType = mediaType;
        this.origin = origin;
        this.writers = writers;
    }

    /** The format a request names, or null: "JSON" is not a format (contract §8). */
    public static ExportFormat named(String text) {
        for (ExportFormat f : values()) {
            if (f.label().equals(text)) {
                return f;
            }
        }
        return null;
    }

    /** Harper's answer to a format it does not know, word for word: it lists Harper's formats only. */
    static String invalidMessage() {
        return Arrays.stream(values()).filter(f -> f.origin == Origin.HARPER).map(ExportFormat::label)
                .collect(Collectors.joining(", ", "format invalid. must be one of the following values: ", ""));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String extension() {
        return "." + label();
    }

    public String mediaType() {
        return mediaType;
    }

    /** Compatibility C9: the extension is appended unless the name already ends with it. */
    public String withExtension(String name) {
        return name.endsWith(extension()) ? name : name + extension();
    }

    public ExportWriter writer(OutputStream out) throws IOException {
        return writers.open(out);
    }
}
