package dev.caravan.export;

import java.util.Locale;

/** The two export formats, named as in requests (lowercase only, as Harper) and file extensions. */
public enum ExportFormat {
    JSON, CSV;

    /** The format a request names, or null: "JSON" is not a format (contract §8). */
    public static ExportFormat named(String text) {
        for (ExportFormat f : values()) {
            if (f.label().equals(text)) {
                return f;
            }
        }
        return null;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String extension() {
        return "." + label();
    }

    /** Compatibility C9: the extension is appended unless the name already ends with it. */
    public String withExtension(String name) {
        return name.endsWith(extension()) ? name : name + extension();
    }
}
