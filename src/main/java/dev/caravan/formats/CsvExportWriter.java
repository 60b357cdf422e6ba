package dev.caravan.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Harper's CSV export (contract §8, json2csv's output): every header name and string quoted with inner
 * quotes doubled, numbers and booleans bare, null or missing empty, objects and arrays as quoted JSON
 * text, lines joined by {@code \n} with no trailing newline. An empty result is an empty file: the
 * header is only written with the first record.
 */
public final class CsvExportWriter implements ExportWriter {
    private final Writer out;
    private List<String> columns = List.of();
    private long records;

    public CsvExportWriter(OutputStream out) {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    }

    @Override
    public void columns(List<String> names) {
        this.columns = List.copyOf(names);
    }

    @Override
    public void accept(ObjectNode record) throws IOException {
        if (records == 0) {
            writeHeader();
        }
        out.write('\n');
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            writeValue(record.get(columns.get(i)));
        }
        records++;
    }

    private void writeHeader() throws IOException {
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            writeQuoted(columns.get(i));
        }
    }

    private void writeValue(JsonNode value) throws IOException {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return;
        }
        if (value.isTextual()) {
            writeQuoted(value.textValue());
        } else if (value.isContainerNode()) {
            writeQuoted(HarperJson.write(value));
        } else if (value.isBigDecimal()) {
            out.write(value.decimalValue().toPlainString()); // as the API's JSON prints it (no exponent)
        } else {
            out.write(value.asText()); // whole numbers and booleans
        }
    }

    private void writeQuoted(String text) throws IOException {
        out.write('"');
        out.write(text.replace("\"", "\"\""));
        out.write('"');
    }

    @Override
    public long records() {
        return records;
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }
}
