package dev.caravan.formats;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import dev.caravan.jobs.JobFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON array of records, streamed element by element so the document is never in memory as a whole
 * (contract §7): values keep their JSON types, only JSON-looking strings are parsed (deeply), and a top
 * level that is not an array fails with Harper's message. An empty source holds no records.
 */
public final class JsonArrayRecords extends JsonRecordSource {
    static final String NOT_AN_ARRAY = "Top-level object should be an array.";

    private final JsonParser parser;
    private final RecordSpan span;
    private boolean started;
    private boolean ended;
    private long rowsRead;
    /** The syntax error a reported batch ended at: Jackson cannot find the next element after one. */
    private JobFailedException broken;

    private JsonArrayRecords(JsonParser parser, RecordSpan span) {
        this.parser = parser;
        this.span = span;
    }

    /** A JSON array without a record length limit (tests, small inputs). */
    public static JsonArrayRecords open(InputStream in) {
        return open(in, Long.MAX_VALUE);
    }

    /** A JSON array none of whose elements may be longer than maxRecordBytes. */
    public static JsonArrayRecords open(InputStream in, long maxRecordBytes) {
        try {
            RecordLimitedInputStream limited = new RecordLimitedInputStream(in, maxRecordBytes);
            return new JsonArrayRecords(HarperJson.MAPPER.createParser(limited), limited.span());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<ObjectNode> nextBatch(int max) {
        return nextParsed(max).rows();
    }

    /**
     * Invalid JSON ends the array: with rows reported, the batch so far is returned with the element as
     * a failed row, and the next call fails the load with the error.
     */
    @Override
    public ParsedBatch nextParsed(int max) {
        if (broken != null) {
            throw broken;
        }
        ParsedBatch.Builder batch = new ParsedBatch.Builder(max);
        try {
            if (!started) {
                start();
            }
            long start = span.boundary();
            // no more than one longest record's worth of bytes per batch: long records make short batches
            while (!ended && batch.size() < max && span.boundary() - start < span.limit()) {
                JsonToken token = parser.nextToken();
                if (token == JsonToken.END_ARRAY) {
                    ended = true;
                    requireNothingAfter();
                    continue;
                }
                JsonLocation location = parser.getTokenLocation();
                try {
                    batch.add(record(location), rowsRead, location.getLineNr(), location.getByteOffset());
                } catch (RowRejectedException e) {
                    batch.problem(e.problem().at(rowsRead, (long) location.getLineNr(), location.getByteOffset(),
                            rejectedText));
                }
            }
        } catch (RecordTooLongException e) {
            throw e.at("Record " + (rowsRead + 1)); // between records, e.g. a run of whitespace
        } catch (JsonProcessingException e) {
            JobFailedException failure = JsonProblems.invalid(e, rowsRead);
            if (!reportsRows()) {
                throw failure;
            }
            broken = failure;
            JsonLocation at = e.getLocation();
            rowsRead++; // the broken element is a row read, and failed
            batch.problem(new RowProblem(rowsRead, at == null ? null : (long) at.getLineNr(),
                    at == null ? null : at.getByteOffset(), null, null, null, RowReason.MALFORMED_JSON,
                    failure.getMessage()));
        } catch (IOException e) {
            throw JsonProblems.unreadable(e, rowsRead);
        }
        return batch.build();
    }

    private void start() throws IOException {
        started = true;
        JsonToken first = parser.nextToken();
        if (first == null) {
            ended = true;
        } else if (first != JsonToken.START_ARRAY) {
            throw new JobFailedException(NOT_AN_ARRAY);
        }
    }

    /** The element rejected last, as JSON text: a failed row's raw text. */
    private String rejectedText;

    private ObjectNode record(JsonLocation location) throws IOException {
        span.boundaryAt(location.getByteOffset());
        JsonNode element;
        try {
            element = HarperJson.MAPPER.readTree(parser);
        } catch (RecordTooLongException e) {
            throw e.at("Record " + (rowsRead + 1) + " " + JsonProblems.at(location));
        }
        rowsRead++;
        if (!(element instanceof ObjectNode record)) {
            if (reportsRows()) {
                rejectedText = HarperJson.write(element);
                throw new RowRejectedException(RowReason.NOT_AN_OBJECT, null, null,
                        "Record " + rowsRead + " " + JsonProblems.at(location) + " is not a JSON object");
            }
            throw JsonProblems.notAnObject(rowsRead, location);
        }
        try {
            return cast(record);
        } catch (RowRejectedException e) {
            if (reportsRows()) {
                rejectedText = HarperJson.write(record);
                throw e;
            }
            throw new JobFailedException("Record " + rowsRead + " " + JsonProblems.at(location) + ": " + e.getMessage());
        }
    }

    private void requireNothingAfter() throws IOException {
        if (parser.nextToken() != null) {
            throw new JobFailedException("Unexpected JSON after the top-level array " + JsonProblems.at(parser.getTokenLocation()));
        }
    }

    @Override
    public long rowsRead() {
        return rowsRead;
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
