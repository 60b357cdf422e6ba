package dev.caravan.store;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.postgresql.util.PSQLException;

/** PostgreSQL, which several nodes may share (docs/decisions/0009-store-dialects.md). */
public final class PostgresDialect implements SqlDialect {
    /**
     * A deadlock victim (40P01), a serialization failure (40001), or a lock that NOWAIT or lock_timeout
     * could not get (55P03). PostgreSQL has aborted the transaction.
     */
    private static final Set<String> LOCK_CONFLICTS = Set.of("40P01", "40001", "55P03");
    /** The longest encoded key the key column's index takes, in bytes of UTF-8 (with room for the entry's header). */
    public static final int MAX_KEY_BYTES = 2600;

    PostgresDialect() {
    }

    @Override
    public String textType() {
        return "TEXT";
    }

    @Override
    public String doubleType() {
        return "DOUBLE PRECISION";
    }

    /**
     * The "C" collation compares UTF-8 bytes, which is code point order, whatever the database's default
     * collation (a production cluster's is usually a language's, e.g. en_US, which ignores case and
     * punctuation at first).
     */
    @Override
    public String codePointText(int length) {
        return "VARCHAR(" + length + ") COLLATE \"C\"";
    }

    @Override
    public String nextValueQuery(String sequence) {
        return "SELECT nextval('" + sequence + "')";
    }

    @Override
    public String catalogName(String unquoted) {
        return unquoted.toLowerCase(Locale.ROOT);
    }

    /** An index or constraint always lives in its table's schema; PostgreSQL refuses a qualified name. */
    @Override
    public String ownedName(String schema, String name) {
        return name;
    }

    @Override
    public Optional<String> createSchemaIfMissing(String schema) {
        return Optional.of("CREATE SCHEMA IF NOT EXISTS " + schema);
    }

    /**
     * A B-tree entry must fit a third of an 8 KB page (2,704 bytes with its header); 2,048 characters of
     * ASCII always do, 2,048 of CJK (three bytes each) do not.
     */
    @Override
    public boolean indexHoldsKey(String encodedKey) {
        return encodedKey.length() * 3 <= MAX_KEY_BYTES
                || encodedKey.getBytes(StandardCharsets.UTF_8).length <= MAX_KEY_BYTES;
    }

    @Override
    public boolean storesEveryString() {
        return false;
    }

    @Override
    public Optional<String> unstorablePart(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return Optional.of("the character U+0000");
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1));
                if (!paired) {
                    return Optional.of(String.format("an unpaired surrogate (U+%04X)", (int) c));
                }
                i++;
            }
        }
        return Optional.empty();
    }

    /**
     * The server's primary message: the driver's own text adds the position, the server's detail and
     * context, and for a batch the statement with its parameter values.
     */
    @Override
    public String refusalReason(SQLException refused) {
        if (refused instanceof PSQLException p && p.getServerErrorMessage() != null
                && p.getServerErrorMessage().getMessage() != null) {
            return p.getServerErrorMessage().getMessage();
        }
        return "the store refused the statement (SQLState " + refused.getSQLState() + ")";
    }

    /** A transaction-level advisory lock under one fixed key (the digits spell CARAVAN's DDL). */
    @Override
    public boolean sharedByProcesses() {
        return true;
    }

    @Override
    public Optional<String> lockSchemaChanges() {
        return Optional.of("SELECT pg_advisory_xact_lock(2272826)");
    }

    @Override
    public boolean isLockConflict(String sqlState) {
        return LOCK_CONFLICTS.contains(sqlState);
    }

    @Override
    public String lockRowsSkippingLocked(String select) {
        return select + " FOR UPDATE SKIP LOCKED";
    }

    /**
     * The server's primary message alone (e.g. 'duplicate key value violates unique constraint "t5_pkey"'),
     * without its detail ("Key (k)=(…) already exists") or the driver's "Batch entry 0 INSERT … VALUES (…)
     * was aborted" around a batch's failure, whose server error is its next exception.
     */
    @Override
    public SQLException withoutValues(SQLException failure) {
        SQLException server = failure;
        for (SQLException e = failure; e != null; e = e.getNextException()) {
            if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
                server = e;
                break;
            }
        }
        return new SQLException(refusalReason(server), failure.getSQLState());
    }
}
