package dev.caravan.formats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.api.HarperJson;
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
 * array source (spec §7); an error names the line, counted over the whole file.
 */
public final class JsonLineRecords implements RecordSource {
    private static final ObjectReader LINE = HarperJson.MAPPER.readerFor(JsonNode.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final BufferedReader reader;
    private final HarperCaster caster = new HarperCaster();
    private long lineNumber;
    private long rowsRead;

    private JsonLineRecords(BufferedReader reader) {
        this.reader = reader;
    }

    public static JsonLineRecords open(InputStream in) {
        return new JsonLineRecords(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    }

    @Override
    public List<ObjectNode> nextBatch(int max) {
        List<ObjectNode> batch = new ArrayList<>(Math.min(max, 8192));
        try {
            String line;
            while (batch.size() < max && (line = nextLine()) != null) {
                if (!line.isBlank()) {
                    batch.add(record(line));
                }
            }
        } catch (IOException e) {
            throw JsonProblems.unreadable(e, rowsRead);
        }
        return batch;
    }

    private String nextLine() throws IOException {
        String line = reader.readLine();
        if (line != null && lineNumber++ == 0 && line.startsWith("\uFEFF")) {
            return line.substring(1);
        }
        return line;
    }

    private ObjectNode record(String line) {
        JsonNode value;
        try {
            value = LINE.readTree(line);
        } catch (JsonProcessingException e) {
            int column = e.getLocation() == null ? 1 : e.getLocation().getColumnNr();
            throw new LoadFailure("Invalid JSON at line " + lineNumber + ", column " + column + " after " + rowsRead + " records: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rowsRead++;
        if (!(value instanceof ObjectNode record)) {
            throw new LoadFailure("Line " + lineNumber + " is not a JSON object");
        }
        return (ObjectNode) caster.castJsonStrings(record);
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
