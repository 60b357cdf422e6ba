package dev.caravan.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import dev.caravan.jobs.JobFailedException;
import dev.caravan.store.JsNumber;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams a CSV source as Harper records (contract §3.2): a BOM is dropped, the delimiter is detected
 * from the header line, empty lines are skipped, the header names the attributes, cells are cast by
 * the load's {@link ValueCaster} (Harper's by default), missing trailing cells are absent and extra
 * cells are dropped and noted (compatibility C6). A {@link CsvDialect} may say otherwise. Each row
 * keeps its place in the source (row, line, byte offset, text) for the problems of its batch.
 */
public final class CsvRows implements Iterator<ObjectNode>, RecordSource {
    private static final int SNIFF_CHARS = 64 * 1024;
    private static final char[] DELIMITERS = {',', '\t', '|', ';', '\u001E', '\u001F'};

    private final CsvDialect dialect;
    private final RecordSpan span;
    private final RecordWindow text;
    private final SourcePlaces places;
    private final CSVFormat format;
    private final CsvHeader header;
    private CSVParser parser;
    private Iterator<CSVRecord> records;
    /** Lines before the current parser's first (skipped rows, or a malformed record's lines). */
    private long lineBase;
    private ValueCaster caster = ValueCaster.harper();
    private boolean reportProblems;
    private boolean skipping;
    private long rowsRead;
    private long rowsWithExtraFields;
    private ObjectNode lookahead;

    /** The record advance() moved to, or null when it moved past a malformed record (malformed then says why). */
    private CSVRecord record;
    private RowProblem malformed;
    private long recordLine;
    private long recordByte;
    private long recordStart;
    private long recordEnd;

    private CsvRows(RecordLimitedReader limited, CsvDialect dialect) {
        this.dialect = dialect;
        this.span = limited.span();
        this.text = new RecordWindow(limited);
        this.places = new SourcePlaces(text, dialect.encoding());
        passPreamble();
        this.format = dialect.format(dialect.delimiter() != null ? dialect.delimiter() : detectDelimiter());
        restartAt(places.position());
        this.header = dialect.columns() != null ? CsvHeader.of(dialect.columns()) : readHeader();
    }

    /** A CSV source without a record length limit (tests, small inputs). */
    public static CsvRows open(InputStream in) {
        return open(in, Long.MAX_VALUE);
    }

    /** A CSV source whose records (the header included) may not be longer than maxRecordChars. */
    public static CsvRows open(InputStream in, long maxRecordChars) {
        return open(in, maxRecordChars, CsvDialect.harper());
    }

    /** A CSV source in a dialect (its encoding decodes the bytes). */
    public static CsvRows open(InputStream in, long maxRecordChars, CsvDialect dialect) {
        return open(new InputStreamReader(in, dialect.encoding()), maxRecordChars, dialect);
    }

    public static CsvRows open(Reader source) {
        return open(source, Long.MAX_VALUE);
    }

    public static CsvRows open(Reader source, long maxRecordChars) {
        return open(source, maxRecordChars, CsvDialect.harper());
    }

    /** Text already decoded; byte offsets count it in the dialect's encoding. */
    public static CsvRows open(Reader source, long maxRecordChars, CsvDialect dialect) {
        // the limit sits under every buffer, so commons-csv never holds more than one record of it
        return new CsvRows(new RecordLimitedReader(source, maxRecordChars), dialect);
    }

    /** A BOM, then the dialect's skip_rows lines, are passed before the header or the first row. */
    private void passPreamble() {
        if (text.charAt(0) == '\uFEFF') {
            places.passChar();
        }
        if (dialect.skipRows() > 0) {
            places.passLines(dialect.skipRows());
        }
    }

    /** The candidate that occurs most often in the first line outside quotes; a comma when none does. */
    private char detectDelimiter() {
        int[] counts = new int[DELIMITERS.length];
        boolean quoted = false;
        long start = places.position();
        for (long p = start; p < start + SNIFF_CHARS; p++) {
            int ch = text.charAt(p);
            if (ch < 0) {
                break;
            } else if (ch == dialect.quote()) {
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

    /** A new parser reading from a position at a line's start (the first, or the one after a malformed record). */
    private void restartAt(long position) {
        text.seek(position);
        text.release(position);
        lineBase = places.line() - 1;
        try {
            parser = CSVParser.builder().setReader(text).setFormat(format).setCharacterOffset(position).get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        records = parser.iterator();
    }

    private CsvHeader readHeader() {
        if (!advance()) {
            return null;
        }
        rowsRead = 0; // advance() counted the header as a row
        return CsvHeader.of(record.toList());
    }

    /** The header, or null for an empty input (a dialect's columns when it has no header row). */
    public CsvHeader header() {
        return header;
    }

    /** Reports failed rows in the batches from now on, and goes on past a malformed record. */
    @Override
    public void reportRowProblems() {
        reportProblems = true;
    }

    @Override
    public void castWith(ValueCaster caster) {
        this.caster = caster;
    }

    /**
     * Moves to the next record and its place; false at the end. A record commons-csv cannot parse
     * (strict dialects only) is counted as a row and passed: record is then null and malformed says why.
     */
    private boolean advance() {
        record = null;
        malformed = null;
        try {
            if (!records.hasNext()) {
                return false;
            }
            record = records.next();
        } catch (RecordTooLongException e) {
            throw e.at(header == null ? "The CSV header (line " + places.line() + ")"
                    : "CSV row " + (rowsRead + 1) + " (from line " + places.line() + ")");
        } catch (UncheckedIOException e) {
            if (dialect.isExplicit() && e.getCause() instanceof CSVException bad) {
                rowsRead++;
                malformed = passMalformed(bad);
                return true;
            }
            throw CsvProblems.unreadable(e, rowsRead);
        } catch (IllegalStateException e) {
            throw CsvProblems.unreadable(e, rowsRead);
        }
        rowsRead++;
        places.passIgnoredLines(dialect.comment()); // the parser's record position is before them
        recordStart = places.position();
        recordLine = places.line();
        recordByte = places.byteOffset();
        places.passLine(lineBase + parser.getCurrentLineNumber());
        recordEnd = places.position();
        span.boundaryAt(recordEnd);
        text.release(recordStart);
        return true;
    }

    /**
     * The record from where the last one ended is malformed: the problem names it, and a new parser
     * reads on from the line after it. An open quote at the end of the file takes only its first line
     * as the bad record (the quote was a stray: the lines after it are read again); text after a
     * closing quote ends the bad record with the line it is on.
     */
    private RowProblem passMalformed(CSVException bad) {
        long errorLine = lineBase + parser.getCurrentLineNumber();
        places.passIgnoredLines(dialect.comment());
        long start = places.position();
        long line = places.line();
        long byteOffset = places.byteOffset();
        places.passLine(CsvProblems.isOpenQuote(bad) ? line : errorLine);
        String raw = CsvProblems.withoutLineEnd(text.text(start, places.position()));
        if (header == null) {
            throw new JobFailedException("The CSV header (line " + line + ") cannot be read: "
                    + CsvProblems.malformed(bad, line, errorLine), bad);
        }
        RowProblem problem = new RowProblem(rowsRead, line, byteOffset, null, null, raw, RowReason.MALFORMED_CSV,
                CsvProblems.place(rowsRead, line) + CsvProblems.malformed(bad, line, errorLine));
        if (!reportProblems && !skipping) {
            throw new JobFailedException(problem.message(), bad);
        }
        if (places.position() == start && places.charAt() >= 0) {
            // nothing passed, so a new parser would meet the same record again: the source ends here
            throw new JobFailedException(problem.message() + "; reading cannot go on past it", bad);
        }
        restartAt(places.position());
        return problem;
    }

    /** The record advance() moved to as it was written. */
    private String raw() {
        return CsvProblems.withoutLineEnd(text.text(recordStart, recordEnd));
    }

    /** The current record as a Harper record, or null when a value rejected it (the problem is added). */
    private ObjectNode cast(List<RowProblem> problems) {
        ObjectNode row = HarperJson.object();
        int cells = record.size();
        int used = Math.min(cells, header.size());
        try {
            if (dialect.hasNullValues()) {
                for (int i = 0; i < used; i++) {
                    String cell = record.get(i);
                    row.set(header.name(i), dialect.isNull(cell) ? NullNode.instance : caster.castCell(header.name(i), cell));
                }
            } else {
                for (int i = 0; i < used; i++) {
                    row.set(header.name(i), caster.castCell(header.name(i), record.get(i)));
                }
            }
        } catch (RowRejectedException e) {
            if (!reportProblems) {
                throw new JobFailedException(e.getMessage(), e); // Harper's message for a typed cell, as it is
            }
            problems.add(e.problem().at(rowsRead, recordLine, recordByte, raw()));
            return null;
        }
        if (cells > header.size()) {
            rowsWithExtraFields++;
            problems.add(CsvProblems.extraFields(rowsRead, recordLine, recordByte, raw(), record.values(), header.size(),
                    format));
        }
        return row;
    }

    /** Reads up to count rows without casting them (to resume after rows already committed). */
    public long skip(long count) {
        long skipped = 0;
        skipping = true; // a malformed row among them was counted (and reported) by the run that committed it
        try {
            while (skipped < count && header != null && advance()) {
                skipped++;
            }
        } finally {
            skipping = false;
        }
        return skipped;
    }

    /**
     * Up to max rows, and no more than one longest record's worth of text (long rows make short
     * batches), each with its row number; the problems of their rows beside them.
     */
    @Override
    public ParsedBatch nextParsed(int max) {
        ParsedBatch.Builder batch = new ParsedBatch.Builder(max);
        List<RowProblem> problems = new ArrayList<>(0);
        long start = span.boundary();
        int read = 0;
        while (read < max && span.boundary() - start < span.limit() && header != null && advance()) {
            read++;
            if (record == null) {
                problems.add(malformed);
                continue;
            }
            ObjectNode row = cast(problems);
            if (row != null) {
                batch.add(row, rowsRead, recordLine, recordByte);
            }
        }
        problems.forEach(batch::problem);
        return batch.build();
    }

    /** What a rejects file starts with: the lines skip_rows passes over, then the header unless columns name it. */
    @Override
    public String headerText() {
        if (header == null) {
            return null;
        }
        String skipped = "\n".repeat((int) Math.min(dialect.skipRows(), 1_000_000));
        return dialect.columns() != null ? (skipped.isEmpty() ? null : skipped.substring(1))
                : skipped + printFormat().format(header.names().toArray());
    }

    /** The record's values in header order, in the source's dialect: text as is, numbers as Harper prints them. */
    @Override
    public String recordText(ObjectNode record) {
        Object[] cells = new Object[header.size()];
        for (int i = 0; i < cells.length; i++) {
            JsonNode value = record.get(header.name(i));
            cells[i] = value == null ? "" : value.isNull() ? "null" : value.isTextual() ? value.textValue()
                    : value.isNumber() ? JsNumber.text(value.doubleValue()) : HarperJson.write(value);
        }
        return printFormat().format(cells);
    }

    private CSVFormat printFormat() {
        return format.builder().setRecordSeparator("").get();
    }

    /** The rows of nextParsed (an empty list only at the end: a batch of failed rows only is passed over). */
    @Override
    public List<ObjectNode> nextBatch(int max) {
        ParsedBatch batch;
        do {
            batch = nextParsed(max);
        } while (batch.rows().isEmpty() && !batch.isEmpty());
        return batch.rows();
    }

    @Override
    public boolean hasNext() {
        while (lookahead == null) {
            List<ObjectNode> rows = nextBatch(1);
            if (rows.isEmpty()) {
                return false;
            }
            lookahead = rows.get(0);
        }
        return true;
    }

    @Override
    public ObjectNode next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ObjectNode row = lookahead;
        lookahead = null;
        return row;
    }

    @Override
    public long rowsRead() {
        return rowsRead;
    }

    /** Rows whose cells beyond the header were dropped (each also an EXTRA_FIELDS note in its batch). */
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
}
