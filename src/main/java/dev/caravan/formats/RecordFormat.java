package dev.caravan.formats;

/** How a source's records are written: CSV with a header, a JSON array, or one JSON object per line. */
public enum RecordFormat {
    CSV,
    JSON,
    JSON_LINES
}
