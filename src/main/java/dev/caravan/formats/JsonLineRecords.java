package dev.caravan.formats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import dev.caravan.jobs.JobFailedException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * NDJSON / JSON Lines: one JSON object per line, blank lines skipped. Values are treated as in a JSON
 * array source (contract §7); an error names the line, counted over the whole file.
 */
public final class JsonLineRecords extends JsonRecordSource {
    private static final ObjectReader LINE = HarperJson.MAPPER.readerFor(JsonNode.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final BufferedReader reader;
    private final RecordSpan span;
    private long lineNumber;
    private long lineEnd;
    private long rowsRead;

    private JsonLineRecords(RecordLimitedReader limited) {
        this.span = limited.span();
        this.reader = new BufferedReader(limited);
    }

    /** JSON lines without a line length limit (tests, small inputs). */
    public static JsonLineRecords open(InputStream in) {
        return open(in, Long.MAX_VALUE);
    }

    /** JSON lines none of which may be longer than maxLineChars (readLine would buffer any length). */
    public static JsonLineRecords open(InputStream in, long maxLineChars) {
        return new JsonLineRecords(new RecordLimitedReader(new InputStreamReader(in, StandardCharsets.UTF_8), maxLineChars));
    }

    @Override
    public List<ObjectNode> nextBatch(int max) {
        return nextParsed(max).rows();
    }

    @Override
    public ParsedBatch nextParsed(int max) {
        ParsedBatch.Builder batch = new ParsedBatch.Builder(max);
        long start = lineEnd;
        try {
            String line;
            // no more than one longest line's worth of text per batch: long lines make short batches
            while (batch.size() < max && lineEnd - start < span.limit() && (line = nextLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    batch.add(record(line), rowsRead, lineNumber, -1);
                } catch (RowRejectedException e) {
                    batch.problem(e.problem().at(rowsRead, lineNumber, null, line));
                }
            }
        } catch (IOException e) {
            throw JsonProblems.unreadable(e, rowsRead);
        }
        return batch.build();
    }

    private String nextLine() throws IOException {
        String line;
        try {
            line = reader.readLine();
        } catch (RecordTooLongException e) {
            throw e.at("JSON line " + (lineNumber + 1));
        }
        if (line != null) {
            lineEnd += line.length() + 1; // a CRLF counts one: the mark never passes the true end
            span.boundaryAt(lineEnd);
        }
        if (line != null && lineNumber++ == 0 && line.startsWith("\uFEFF")) {
            return line.substring(1);
        }
        return line;
    }

    /** The line's record; a bad line is a RowRejectedException once rows are reported, else the job's failure. */
    private ObjectNode record(String line) {
        JsonNode value;
        try {
            value = LINE.readTree(line);
        } catch (JsonProcessingException e) {
            int column = e.getLocation() == null ? 1 : e.getLocation().getColumnNr();
            rowsRead++;
            if (reportsRows()) {
                throw new RowRejectedException(RowReason.MALFORMED_JSON, null, null, "Invalid JSON at line " + lineNumber
                        + ", column " + column + ": " + e.getOriginalMessage());
            }
            throw new JobFailedException("Invalid JSON at line " + lineNumber + ", column " + column + " after "
                    + (rowsRead - 1) + " records: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rowsRead++;
        if (!(value instanceof ObjectNode record)) {
            if (reportsRows()) {
                throw new RowRejectedException(RowReason.NOT_AN_OBJECT, null, null,
                        "Line " + lineNumber + " is not a JSON object");
            }
            throw new JobFailedException("Line " + lineNumber + " is not a JSON object");
        }
        try {
            return cast(record);
        } catch (RowRejectedException e) {
            if (reportsRows()) {
                throw e;
            }
            throw new JobFailedException("Line " + lineNumber + ": " + e.getMessage());
        }
    }

    @Override
    public long rowsRead() {
        return rowsRead;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
