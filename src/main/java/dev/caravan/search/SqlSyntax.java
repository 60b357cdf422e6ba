package dev.caravan.search;

import dev.caravan.core.HarperException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.statement.Statement;

/**
 * Parses Harper SQL with JSqlParser and reports syntax errors with Harper's message, which quotes
 * the text around the error the way its (jison) parser does: up to 20 characters before the error
 * position ("..." when cut) and the next 20 characters (docs/harper-observed.md §5, contract §2.2).
 */
public final class SqlSyntax {
    /**
     * Words Harper rejects as bare identifiers but JSqlParser accepts; they need backticks
     * (observed: `SELECT id, order FROM ...` and group, offset, table, index, values, count are 400).
     */
    private static final Set<String> RESERVED = Set.of("ORDER", "GROUP", "OFFSET", "TABLE", "INDEX", "VALUES", "COUNT");
    private static final int CONTEXT = 20;
    private static final Pattern FIRST_WORD = Pattern.compile("\\s*(\\w+)\\s*");

    private SqlSyntax() {
    }

    public static Statement parse(String sql) {
        try {
            return CCJSqlParserUtil.parse(sql);
        } catch (JSQLParserException e) {
            throw invalidAt(sql, errorOffset(sql, e));
        }
    }

    /** Whether a bare (unquoted) identifier is one Harper's parser refuses. */
    public static boolean isReserved(String identifier) {
        return RESERVED.contains(identifier.toUpperCase(Locale.ROOT));
    }

    /** The syntax error Harper gives for a reserved word used as a bare identifier. */
    public static HarperException reservedWord(String sql, String word) {
        Matcher m = Pattern.compile("(?i)\\b" + Pattern.quote(word) + "\\b(?!\\s+BY\\b)").matcher(sql);
        return invalidAt(sql, m.find() ? m.start() : 0);
    }

    static HarperException invalidAt(String sql, int offset) {
        String past = sql.substring(0, offset).replace("\n", "");
        String next = sql.substring(offset, Math.min(sql.length(), offset + CONTEXT)).replace("\n", "");
        String before = past.length() > CONTEXT ? "..." + past.substring(past.length() - CONTEXT) : past;
        return HarperException.badRequest("Invalid SQL at: " + before + next
                + ". Please ensure your SQL is valid. Try adding backticks to reserved words and schema table references.");
    }

    /**
     * Where the parser gave up, as Harper's parser would say. JSqlParser blames the last token when
     * the statement ends too early (`... WHERE`) where Harper reports the end of the input, and it
     * blames an unknown first word (`selec * from t`) where Harper reads that word and fails on the
     * next token (observed: "Invalid SQL at: selec * from obs.people_lo").
     */
    private static int errorOffset(String sql, JSQLParserException e) {
        Throwable cause = e;
        while (cause != null && !(cause instanceof ParseException)) {
            cause = cause.getCause();
        }
        if (!(cause instanceof ParseException pe) || pe.currentToken == null || pe.currentToken.next == null) {
            return sql.length();
        }
        Token blamed = pe.currentToken.next;
        if (blamed.kind == 0) {
            return sql.length();
        }
        int offset = offsetOf(sql, blamed.beginLine, blamed.beginColumn);
        int end = Math.min(sql.length(), offset + blamed.image.length());
        if (sql.substring(end).isBlank()) {
            return sql.length();
        }
        Matcher firstWord = FIRST_WORD.matcher(sql);
        return firstWord.lookingAt() && firstWord.end(1) == end ? firstWord.end() : offset;
    }

    private static int offsetOf(String sql, int line, int column) {
        int offset = 0;
        for (int l = 1; l < line; l++) {
            int newline = sql.indexOf('\n', offset);
            if (newline < 0) {
                return sql.length();
            }
            offset = newline + 1;
        }
        return Math.min(sql.length(), offset + Math.max(0, column - 1));
    }
}
