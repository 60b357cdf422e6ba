package dev.caravan.export;

/** The two export formats, named as in requests and file extensions. */
public enum ExportFormat {
    JSON, CSV;

    public String extension() {
        return "." + name().toLowerCase(java.util.Locale.ROOT);
    }
}
