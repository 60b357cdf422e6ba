package dev.caravan.store;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Embedded Derby, the default engine: the DDL and states Caravan has always used. */
public final class DerbyDialect implements SqlDialect {
    /**
     * A deadlock victim (40001), or a lock wait that timed out (40XL1; 40XL2 with derby.locks.deadlockTrace).
     * Derby has rolled the transaction back.
     */
    private static final Set<String> LOCK_CONFLICTS = Set.of("40001", "40XL1", "40XL2");

    DerbyDialect() {
    }

    @Override
    public String textType() {
        return "CLOB";
    }

    @Override
    public String doubleType() {
        return "DOUBLE";
    }

    /** Derby's default collation (UCS_BASIC) compares by character. */
    @Override
    public String codePointText(int length) {
        return "VARCHAR(" + length + ")";
    }

    @Override
    public String nextValueQuery(String sequence) {
        return "VALUES NEXT VALUE FOR " + sequence;
    }

    @Override
    public String catalogName(String unquoted) {
        return unquoted.toUpperCase(Locale.ROOT);
    }

    /** Derby names an index or constraint in a schema, which must be its table's. */
    @Override
    public String ownedName(String schema, String name) {
        return schema + "." + name;
    }

    /** Derby creates a schema with its first table. */
    @Override
    public Optional<String> createSchemaIfMissing(String schema) {
        return Optional.empty();
    }

    /** Derby's 32 KB pages hold any key of ValueCodec.MAX_KEY characters. */
    @Override
    public boolean indexHoldsKey(String encodedKey) {
        return true;
    }

    @Override
    public boolean storesEveryString() {
        return true;
    }

    /** Derby keeps any Java string, UTF-16 unit for unit. */
    @Override
    public Optional<String> unstorablePart(String text) {
        return Optional.empty();
    }

    /** Derby's message is its reason (it names no parameter values). */
    @Override
    public String refusalReason(SQLException refused) {
        return refused.getMessage();
    }

    /** One process alone opens an embedded Derby: no other node's DDL to wait for. */
    @Override
    public boolean sharedByProcesses() {
        return false;
    }

    @Override
    public Optional<String> lockSchemaChanges() {
        return Optional.empty();
    }

    @Override
    public boolean isLockConflict(String sqlState) {
        return LOCK_CONFLICTS.contains(sqlState);
    }

    /** Derby has no SKIP LOCKED (and no FOR UPDATE beside ORDER BY); one process needs neither. */
    @Override
    public String lockRowsSkippingLocked(String select) {
        return select;
    }

    /** Derby's messages name the constraint or column, never a value. */
    @Override
    public SQLException withoutValues(SQLException failure) {
        return failure;
    }
}
