package dev.caravan.store;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** PostgreSQL, which several nodes may share (docs/decisions/0009-store-dialects.md). */
public final class PostgresDialect implements SqlDialect {
    /**
     * A deadlock victim (40P01), a serialization failure (40001), or a lock that NOWAIT or lock_timeout
     * could not get (55P03). PostgreSQL has aborted the transaction.
     */
    private static final Set<String> LOCK_CONFLICTS = Set.of("40P01", "40001", "55P03");

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

    /** A transaction-level advisory lock under one fixed key (the digits spell CARAVAN's DDL). */
    @Override
    public Optional<String> lockSchemaChanges() {
        return Optional.of("SELECT pg_advisory_xact_lock(2272826)");
    }

    @Override
    public boolean isLockConflict(String sqlState) {
        return LOCK_CONFLICTS.contains(sqlState);
    }

    @Override
    public boolean textMayHoldNul() {
        return false;
    }

    /**
     * The server's primary message alone (e.g. 'duplicate key value violates unique constraint "t5_pkey"'),
     * without its detail ("Key (k)=(…) already exists"), its context or the driver's "Batch entry 0 INSERT
     * … VALUES (…)" around it; found on the failure, its next exceptions (a batch's) or its causes.
     */
    @Override
    public SQLException withoutValues(SQLException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            for (SQLException e = t instanceof SQLException s ? s : null; e != null; e = e.getNextException()) {
                ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
                if (server != null && server.getMessage() != null) {
                    return new SQLException(server.getMessage(), e.getSQLState());
                }
            }
        }
        return new SQLException("PostgreSQL refused the write (SQLState " + failure.getSQLState() + ")",
                failure.getSQLState());
    }
}
