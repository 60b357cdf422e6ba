package dev.caravan.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import dev.caravan.jobs.JobFailedException;
import dev.caravan.store.JsNumber;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams a CSV source as Harper records, one at a time (contract §3.2): a BOM is dropped, the delimiter
 * is detected from the header line, empty lines are skipped, the header names the attributes, cells
 * are cast by {@link HarperCaster}, missing trailing cells are absent and extra cells are dropped and
 * counted (compatibility C6).
 */
public final class CsvRows implements Iterator<ObjectNode>, RecordSource {
    private static final int SNIFF_CHARS = 64 * 1024;
    private static final char[] DELIMITERS = {',', '\t', '|', ';', '\u001E', '\u001F'};

    private final CSVParser parser;
    private final RecordSpan span;
    private final Iterator<CSVRecord> records;
    private final CsvHeader header;
    /** How a row of this source is written back (a rejects file): the source's format, one record a line. */
    private final CSVFormat printFormat;
    private final HarperCaster caster = new HarperCaster();
    private long rowsRead;
    private long nextRecordLine = 1;
    private long rowsWithExtraFields;

    private CsvRows(CSVParser parser, RecordSpan span, CSVFormat format) {
        this.parser = parser;
        this.printFormat = format.builder().setRecordSeparator("").get();
        this.span = span;
        this.records = parser.iterator();
        this.header = nextRecord() ? CsvHeader.of(take().toList()) : null;
    }

    /** A CSV source without a record length limit (tests, small inputs). */
    public static CsvRows open(InputStream in) {
        return open(in, Long.MAX_VALUE);
    }

    /** A CSV source whose records (the header included) may not be longer than maxRecordChars. */
    public static CsvRows open(InputStream in, long maxRecordChars) {
        return open(new InputStreamReader(in, StandardCharsets.UTF_8), maxRecordChars);
    }

    public static CsvRows open(Reader source) {
        return open(source, Long.MAX_VALUE);
    }

    public static CsvRows open(Reader source, long maxRecordChars) {
        try {
            // the limit sits under every buffer, so commons-csv never holds more than one record of it
            RecordLimitedReader limited = new RecordLimitedReader(source, maxRecordChars);
            BufferedReader reader = new BufferedReader(limited, SNIFF_CHARS);
            skipByteOrderMark(reader);
            char delimiter = detectDelimiter(reader);
            CSVFormat format = CSVFormat.RFC4180.builder()
                    .setDelimiter(delimiter)
                    .setIgnoreEmptyLines(true)
                    .setLenientEof(true)
                    .setTrailingData(true)
                    .setAllowMissingColumnNames(true)
                    .get();
            return new CsvRows(CSVParser.builder().setReader(reader).setFormat(format).get(), limited.span(), format);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void skipByteOrderMark(BufferedReader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
    }

    /** The candidate that occurs most often in the first line outside quotes; a comma when none does. */
    static char detectDelimiter(BufferedReader reader) throws IOException {
        reader.mark(SNIFF_CHARS);
        char[] buffer = new char[SNIFF_CHARS];
        int length = 0;
        int n;
        while (length < SNIFF_CHARS && (n = reader.read(buffer, length, SNIFF_CHARS - length)) > 0) {
            length += n;
        }
        reader.reset();
        int[] counts = new int[DELIMITERS.length];
        boolean quoted = false;
        for (int i = 0; i < length; i++) {
            char ch = buffer[i];
            if (ch == '"') {
                quoted = !quoted;
            } else if (!quoted && (ch == '\n' || ch == '\r')) {
                break;
            } else if (!quoted) {
                for (int d = 0; d < DELIMITERS.length; d++) {
                    if (ch == DELIMITERS[d]) {
                        counts[d]++;
                    }
                }
            }
        }
        int best = 0;
        for (int d = 1; d < DELIMITERS.length; d++) {
            if (counts[d] > counts[best]) {
                best = d;
            }
        }
        return DELIMITERS[best];
    }

    /** The header, or null for an empty input. */
    public CsvHeader header() {
        return header;
    }

    @Override
    public boolean hasNext() {
        return header != null && nextRecord();
    }

    private boolean nextRecord() {
        try {
            return records.hasNext();
        } catch (RecordTooLongException e) {
            throw e.at(header == null ? "The CSV header (line 1)"
                    : "CSV row " + (rowsRead + 1) + " (from line " + nextRecordLine + ")");
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new JobFailedException("CSV could not be read after row " + rowsRead + ": " + rootMessage(e), e);
        }
    }

    /** The record the last nextRecord() found; its end is where the next record's length is counted from. */
    private CSVRecord take() {
        CSVRecord record = records.next();
        long length = Math.max(0, record.size() - 1); // delimiters; quotes are not counted, so this never overshoots
        for (int i = 0; i < record.size(); i++) {
            length += record.get(i).length();
        }
        span.boundaryAt(record.getCharacterPosition() + length);
        nextRecordLine = parser.getCurrentLineNumber() + 1;
        return record;
    }

    @Override
    public ObjectNode next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        CSVRecord record = take();
        rowsRead++;
        ObjectNode row = HarperJson.object();
        int cells = record.size();
        int used = Math.min(cells, header.size());
        for (int i = 0; i < used; i++) {
            row.set(header.name(i), caster.cast(record.get(i)));
        }
        if (cells > header.size()) {
            rowsWithExtraFields++;
        }
        return row;
    }

    /** Reads up to count rows without casting them (to resume after rows already committed). */
    public long skip(long count) {
        long skipped = 0;
        while (skipped < count && hasNext()) {
            take();
            rowsRead++;
            skipped++;
        }
        return skipped;
    }

    /** Up to max rows, and no more than one longest record's worth of text (long rows make short batches). */
    @Override
    public List<ObjectNode> nextBatch(int max) {
        List<ObjectNode> batch = new ArrayList<>(Math.min(max, 8192));
        long start = span.boundary();
        while (batch.size() < max && span.boundary() - start < span.limit() && hasNext()) {
            batch.add(next());
        }
        return batch;
    }

    @Override
    public String headerText() {
        return header == null ? null : printFormat.format(header.names().toArray());
    }

    /** The record's values in header order: text as is, numbers as Harper prints them, null as null. */
    @Override
    public String recordText(ObjectNode record) {
        Object[] cells = new Object[header.size()];
        for (int i = 0; i < cells.length; i++) {
            JsonNode value = record.get(header.name(i));
            cells[i] = value == null ? "" : value.isNull() ? "null" : value.isTextual() ? value.textValue()
                    : value.isNumber() ? JsNumber.text(value.doubleValue()) : HarperJson.write(value);
        }
        return printFormat.format(cells);
    }

    @Override
    public long rowsRead() {
        return rowsRead;
    }

    public long rowsWithExtraFields() {
        return rowsWithExtraFields;
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable current = t;
        while (current.getCause() != null) {
            current = current.getCause();
        }
        return current.getMessage();
    }
}
