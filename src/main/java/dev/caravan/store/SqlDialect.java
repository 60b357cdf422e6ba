package dev.caravan.store;

import java.sql.SQLException;
import java.util.Optional;

/**
 * What differs between the engines Caravan's own tables live on (docs/decisions/0009-store-dialects.md):
 * type names, how the JDBC catalog spells an unquoted identifier, how indexes, constraints and schemas
 * are created, and which SQLStates mean a lost lock conflict or a duplicate key. Identifiers stay
 * unquoted in Caravan's SQL, so each engine folds them its own way and the same text runs on both.
 */
public sealed interface SqlDialect permits DerbyDialect, PostgresDialect {
    SqlDialect DERBY = new DerbyDialect();
    SqlDialect POSTGRESQL = new PostgresDialect();

    /** A column type for text of any length (JSON documents, messages). */
    String textType();

    /** A column type for an 8-byte floating point number. */
    String doubleType();

    /**
     * A column type for text of at most length characters that compares and sorts by code point, as the
     * encoded keys and Java's TreeMap of them assume (ValueCodec.encodeKey).
     */
    String codePointText(int length);

    /** A query whose one row holds the sequence's next value. */
    String nextValueQuery(String sequence);

    /** An unquoted identifier as the JDBC metadata holds it; metadata lookups match case exactly. */
    String catalogName(String unquoted);

    /** The name an index or constraint is given in DDL: whether it may carry its table's schema. */
    String ownedName(String schema, String name);

    /** The schema's creation, for engines where CREATE TABLE does not create it. */
    Optional<String> createSchemaIfMissing(String schema);

    /**
     * A statement that makes this transaction's schema changes wait for any other node's (several nodes
     * starting at once on one database would otherwise collide in the engine's catalog); none on an
     * engine that one process alone opens.
     */
    Optional<String> lockSchemaChanges();

    /**
     * Whether several processes may open the store at once (PostgreSQL), so what one caches of the
     * store's state (the catalog) can go stale and several nodes share one job table
     * (docs/decisions/0011-cluster-job-queue.md); false for embedded Derby, which one process alone opens.
     */
    boolean sharedByProcesses();

    /** Whether the SQLState says the transaction lost a lock conflict and was rolled back: safe to run again. */
    boolean isLockConflict(String sqlState);

    /** Whether the key column's index takes the encoded key (ValueCodec.encodeKey already bounds its characters). */
    boolean indexHoldsKey(String encodedKey);

    /**
     * What in the text the engine cannot store, as a phrase ("the character U+0000"), or empty when it
     * stores it as it is. PostgreSQL's text holds no U+0000, and its driver sends an unpaired
     * surrogate as "?", so such a text would neither be kept nor match what was.
     */
    Optional<String> unstorablePart(String text);

    /** Whether every Java string is stored as it is, so unstorablePart need not be asked. */
    boolean storesEveryString();

    /**
     * Why the engine refused a statement, for an answer: its reason alone, without the statement, its
     * parameter values or where in the engine it failed.
     */
    String refusalReason(SQLException refused);

    /** Whether the SQLState says an insert met an existing key of a primary key or unique index. */
    default boolean isDuplicateKey(String sqlState) {
        return "23505".equals(sqlState); // SQL standard's unique violation, on both engines
    }

    /**
     * The failure with a message that holds no value of the rows written, and the same SQLState: what the
     * job's message and the API's answer may show. PostgreSQL's driver puts a failed statement's parameter
     * values in its message, and its server a duplicate key's value in the error's detail; the message is
     * then the refusalReason.
     */
    SQLException withoutValues(SQLException failure);

    /** CREATE INDEX on schema.table (columns: a comma-separated list). */
    default String createIndex(String schema, String index, String table, String columns) {
        return "CREATE INDEX " + ownedName(schema, index) + " ON " + schema + "." + table + " (" + columns + ")";
    }

    /**
     * The SELECT, made to lock the rows it returns until its transaction ends and to pass over rows that
     * another transaction holds locked, so that nodes claiming queued jobs at once each get other rows and
     * none waits for another (jobs/JobQueue). Where one process alone opens the database the SELECT is left
     * as it is: the claim's conditional row update then decides between that process's threads.
     */
    String lockRowsSkippingLocked(String select);
}
