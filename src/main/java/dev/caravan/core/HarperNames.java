package dev.caravan.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Harper's rules for database, table and attribute names (contract §1.3, §3.3), and the store's limit
 * for user and role names. Harper's own text is kept for the case it was observed for ('/' and '`');
 * every other problem is said plainly.
 */
public final class HarperNames {
    public static final int MAX_LENGTH = 250;
    /** User names and role names and ids: the width of their columns in the store. */
    public static final int MAX_ACCOUNT_NAME_LENGTH = 1024;

    private HarperNames() {
    }

    /** Printable ASCII (0x20-0x7E) without '/' and '`'. */
    public static boolean isAllowed(String name) {
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch < 0x20 || ch > 0x7E || ch == '/' || ch == '`') {
                return false;
            }
        }
        return true;
    }

    /**
     * What is wrong with a database, table or primary key name, labelled e.g. "Table": not a string,
     * empty, a control character, a bidirectional control, another character outside printable ASCII,
     * '/' or '`' (Harper's text), a trailing space (the store ignores trailing spaces when it compares
     * names, so "t " would be "t"), longer than 250 characters.
     */
    public static Optional<String> schemaNameProblem(String label, JsonNode value) {
        if (value == null || !value.isTextual()) {
            return Optional.of("'" + label.toLowerCase(java.util.Locale.ROOT).replace(' ', '_') + "' must be a string");
        }
        String name = value.textValue();
        if (name.isEmpty()) {
            return Optional.of(label + " name must not be empty");
        }
        Optional<String> text = textProblem(label, name, MAX_LENGTH);
        if (text.isPresent()) {
            return text;
        }
        if (!isAllowed(name)) {
            int outside = name.codePoints().filter(c -> c > 0x7E).findFirst().orElse(-1);
            return Optional.of(outside < 0 ? label + " names cannot include backticks or forward slashes"
                    : label + " name contains a character outside printable ASCII (" + codePoint(outside) + ")");
        }
        return Optional.empty();
    }

    /** Throws Harper's 400 for a database, table or primary key name that schemaNameProblem refuses. */
    public static String requireSchemaName(String label, JsonNode value) {
        schemaNameProblem(label, value).ifPresent(problem -> {
            throw HarperException.badRequest(problem);
        });
        return value.textValue();
    }

    /**
     * What is wrong with any stored name (users and roles included): a control character (C0, DEL, C1),
     * a bidirectional control (it makes the name read differently from what is stored), a lone
     * surrogate, a trailing space, or more characters than maxLength.
     */
    public static Optional<String> textProblem(String label, String name, int maxLength) {
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch < 0x20 || (ch >= 0x7F && ch <= 0x9F)) {
                return Optional.of(label + " name contains a control character (" + codePoint(ch) + ")");
            }
            if (isBidiControl(ch)) {
                return Optional.of(label + " name contains a bidirectional control character (" + codePoint(ch) + ")");
            }
            if (Character.isSurrogate(ch) && !(Character.isHighSurrogate(ch) && i + 1 < name.length()
                    && Character.isLowSurrogate(name.charAt(++i)))) {
                return Optional.of(label + " name contains an unpaired surrogate (not valid Unicode)");
            }
        }
        if (name.endsWith(" ")) {
            return Optional.of(label + " name must not end with a space");
        }
        if (name.length() > maxLength) {
            return Optional.of(label + " cannot exceed " + maxLength + " characters");
        }
        return Optional.empty();
    }

    /** Throws a 400 for a user or role name textProblem refuses. */
    public static void requireAccountName(String label, String name) {
        if (name != null) {
            textProblem(label, name, MAX_ACCOUNT_NAME_LENGTH).ifPresent(problem -> {
                throw HarperException.badRequest(problem);
            });
        }
    }

    private static boolean isBidiControl(char ch) {
        return ch == 0x061C || ch == 0x200E || ch == 0x200F || (ch >= 0x202A && ch <= 0x202E)
                || (ch >= 0x2066 && ch <= 0x2069);
    }

    private static String codePoint(int c) {
        return String.format("U+%04X", c);
    }

    /** Checks an attribute name of a record written through insert/update/upsert. */
    public static void checkAttribute(String name) {
        if (name.isEmpty() || "null".equals(name) || "undefined".equals(name)) {
            throw HarperException.badRequest("Invalid attribute name: '" + name + "'");
        }
        if (!isAllowed(name)) {
            throw HarperException.badRequest(schemaNameProblem("Attribute", HarperJson.MAPPER.getNodeFactory().textNode(name))
                    .orElse("Attribute names cannot include backticks or forward slashes"));
        }
        if (name.length() > MAX_LENGTH) {
            throw HarperException.badRequest("transaction aborted due to attribute name " + name
                    + " being too long. Attribute names cannot be longer than 250 bytes.");
        }
    }
}
