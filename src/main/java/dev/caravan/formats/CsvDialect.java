package dev.caravan.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperException;
import dev.caravan.jobs.JobFailedException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;

/**
 * How a CSV source is written, from a load request's optional fields (Caravan's, compatibility C19):
 * delimiter, quote, escape, header/columns, skip_rows, null_values, trim, encoding and comment. With
 * none of them given the dialect is Harper's (a detected delimiter, lenient quoting, UTF-8); with any
 * of them given, broken quoting is a malformed record instead of being read as far as it goes. The
 * same fields, as given, go into the job's stored request, so a resumed job reads the source the same way.
 */
public final class CsvDialect {
    /** The load request fields of a dialect, in the order messages list them. */
    public static final List<String> FIELDS = List.of("delimiter", "quote", "escape", "header", "columns", "skip_rows",
            "null_values", "trim", "encoding", "comment");

    private static final CsvDialect HARPER = new CsvDialect(false, null, '"', null, null, 0, Set.of(), false,
            StandardCharsets.UTF_8, null);

    private final boolean explicit;
    private final Character delimiter;
    private final char quote;
    private final Character escape;
    private final List<String> columns;
    private final long skipRows;
    private final Set<String> nullValues;
    private final boolean trim;
    private final Charset encoding;
    private final Character comment;

    private CsvDialect(boolean explicit, Character delimiter, char quote, Character escape, List<String> columns,
                       long skipRows, Set<String> nullValues, boolean trim, Charset encoding, Character comment) {
        this.explicit = explicit;
        this.delimiter = delimiter;
        this.quote = quote;
        this.escape = escape;
        this.columns = columns;
        this.skipRows = skipRows;
        this.nullValues = nullValues;
        this.trim = trim;
        this.encoding = encoding;
        this.comment = comment;
    }

    /** Harper's own reading: the default. */
    public static CsvDialect harper() {
        return HARPER;
    }

    /** True when the request (or a stored request) gives any dialect field. */
    public static boolean isGiven(JsonNode request) {
        return FIELDS.stream().anyMatch(name -> field(request, name) != null);
    }

    /** The dialect a load request (or a job's stored request) asks for; 400 naming every bad field. */
    public static CsvDialect of(JsonNode request) {
        if (!isGiven(request)) {
            return HARPER;
        }
        List<String> errors = new ArrayList<>();
        Character delimiter = oneChar(request, "delimiter", errors);
        Character quote = oneChar(request, "quote", errors);
        Character escape = oneChar(request, "escape", errors);
        Character comment = oneChar(request, "comment", errors);
        boolean header = bool(request, "header", true, errors);
        boolean trim = bool(request, "trim", false, errors);
        long skipRows = count(request, "skip_rows", errors);
        List<String> nullValues = strings(request, "null_values", errors);
        List<String> columns = strings(request, "columns", errors);
        Charset encoding = charset(request, errors);
        if (!header && field(request, "columns") == null) {
            errors.add("'columns' is required when 'header' is false: it names the attributes");
        } else if (header && columns != null) {
            errors.add("'columns' is only read with 'header': false (the header row names the attributes otherwise)");
        } else if (columns != null) {
            columnErrors(columns, errors);
        }
        if (encoding == null || "csv_data_load".equals(request.path("operation").asText())) {
            encoding = StandardCharsets.UTF_8; // a data field is JSON text, spooled as UTF-8: nothing to decode
        }
        CsvDialect dialect = new CsvDialect(true, delimiter, quote == null ? '"' : quote, escape,
                header ? null : columns, skipRows, nullValues == null ? Set.of() : new LinkedHashSet<>(nullValues),
                trim, encoding, comment);
        if (errors.isEmpty()) {
            formatErrors(dialect, errors);
        }
        if (!errors.isEmpty()) {
            throw HarperException.badRequest(String.join(". ", errors));
        }
        return dialect;
    }

    /** Writes the given dialect fields, as given, into a job's stored request (nothing for Harper's dialect). */
    public static void store(JsonNode request, ObjectNode stored) {
        for (String name : FIELDS) {
            JsonNode value = field(request, name);
            if (value != null) {
                stored.set(name, value.deepCopy());
            }
        }
    }

    private static JsonNode field(JsonNode request, String name) {
        JsonNode value = request.get(name);
        return value == null || value.isNull() ? null : value;
    }

    private static Character oneChar(JsonNode request, String name, List<String> errors) {
        JsonNode value = field(request, name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual() || value.textValue().length() != 1) {
            errors.add("'" + name + "' must be a string of one character");
            return null;
        }
        char c = value.textValue().charAt(0);
        if (c == '\n' || c == '\r') {
            errors.add("'" + name + "' cannot be a line break");
            return null;
        }
        return c;
    }

    private static boolean bool(JsonNode request, String name, boolean absent, List<String> errors) {
        JsonNode value = field(request, name);
        if (value == null) {
            return absent;
        }
        if (!value.isBoolean()) {
            errors.add("'" + name + "' must be true or false");
            return absent;
        }
        return value.booleanValue();
    }

    private static long count(JsonNode request, String name, List<String> errors) {
        JsonNode value = field(request, name);
        if (value == null) {
            return 0;
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.longValue() < 0) {
            errors.add("'" + name + "' must be a whole number of lines, 0 or more");
            return 0;
        }
        return value.longValue();
    }

    private static List<String> strings(JsonNode request, String name, List<String> errors) {
        JsonNode value = field(request, name);
        if (value == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(item -> out.add(item.isTextual() ? item.textValue() : null));
        }
        if (!value.isArray() || out.contains(null) || out.isEmpty()) {
            errors.add("'" + name + "' must be a non-empty array of strings");
            return null;
        }
        return out;
    }

    private static Charset charset(JsonNode request, List<String> errors) {
        JsonNode value = field(request, "encoding");
        if (value == null) {
            return null;
        }
        try {
            if (value.isTextual()) {
                return Charset.forName(value.textValue());
            }
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            // named below
        }
        errors.add("'encoding' must name a character set this server knows, such as \"UTF-8\" or \"ISO-8859-1\" (got "
                + value + ")");
        return null;
    }

    /** The columns are checked as a header row is (contract §3.3), before the job exists. */
    private static void columnErrors(List<String> columns, List<String> errors) {
        try {
            CsvHeader.of(columns);
        } catch (JobFailedException e) {
            errors.add("'columns': " + e.getMessage());
        }
    }

    /** Clashing characters (a quote that is also the delimiter, ...), as commons-csv words them. */
    private static void formatErrors(CsvDialect dialect, List<String> errors) {
        try {
            dialect.format(dialect.delimiter == null ? ',' : dialect.delimiter);
        } catch (IllegalArgumentException e) {
            errors.add("The CSV dialect is not usable: " + e.getMessage());
        }
    }

    /** True when a load asked for any dialect field: quoting is then strict. */
    public boolean isExplicit() {
        return explicit;
    }

    /** The delimiter asked for, or null to detect it from the first line (Harper's way). */
    public Character delimiter() {
        return delimiter;
    }

    public char quote() {
        return quote;
    }

    public Character comment() {
        return comment;
    }

    /** The attribute names when the source has no header row, else null. */
    public List<String> columns() {
        return columns;
    }

    public long skipRows() {
        return skipRows;
    }

    public boolean isNull(String cell) {
        return nullValues.contains(cell);
    }

    public boolean hasNullValues() {
        return !nullValues.isEmpty();
    }

    /** How the source's bytes are decoded; UTF-8 for csv_data_load, whose data field is JSON text. */
    public Charset encoding() {
        return encoding;
    }

    /**
     * The commons-csv format of this dialect with its delimiter. Harper's is lenient: a quote left open
     * runs to the end of the file and text after a closing quote is kept (contract §3.2); an explicit
     * dialect is strict.
     */
    public CSVFormat format(char chosenDelimiter) {
        CSVFormat.Builder builder = CSVFormat.RFC4180.builder()
                .setDelimiter(chosenDelimiter)
                .setIgnoreEmptyLines(true)
                .setLenientEof(!explicit)
                .setTrailingData(!explicit)
                .setAllowMissingColumnNames(true);
        if (explicit) {
            builder.setQuote(quote).setEscape(escape).setCommentMarker(comment)
                    .setTrim(trim).setIgnoreSurroundingSpaces(trim);
        }
        return builder.get();
    }
}
