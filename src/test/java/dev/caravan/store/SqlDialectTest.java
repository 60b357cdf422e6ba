package dev.caravan.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Derby's dialect writes the DDL Caravan always wrote; PostgreSQL's what PostgreSQL accepts. */
class SqlDialectTest {
    @Test
    void derbyNamesIndexesAndConstraintsInTheirSchemaAndPostgresqlDoesNot() {
        assertEquals("CREATE INDEX CARAVAN.JOBS_BY_START ON CARAVAN.JOBS (START_DATETIME)",
                SqlDialect.DERBY.createIndex("CARAVAN", "JOBS_BY_START", "JOBS", "START_DATETIME"));
        assertEquals("CREATE INDEX JOBS_BY_START ON CARAVAN.JOBS (START_DATETIME)",
                SqlDialect.POSTGRESQL.createIndex("CARAVAN", "JOBS_BY_START", "JOBS", "START_DATETIME"));
        assertEquals("CARAVAN.JOB_KEYS_JOB", SqlDialect.DERBY.ownedName("CARAVAN", "JOB_KEYS_JOB"));
        assertEquals("JOB_KEYS_JOB", SqlDialect.POSTGRESQL.ownedName("CARAVAN", "JOB_KEYS_JOB"));
    }

    @Test
    void derbyKeepsItsTypesAndImplicitSchemas() {
        assertEquals("CLOB", SqlDialect.DERBY.textType());
        assertEquals("DOUBLE", SqlDialect.DERBY.doubleType());
        assertEquals(Optional.empty(), SqlDialect.DERBY.createSchemaIfMissing("CARAVAN"));
        assertEquals("TEXT", SqlDialect.POSTGRESQL.textType());
        assertEquals(Optional.of("CREATE SCHEMA IF NOT EXISTS CARAVAN"), SqlDialect.POSTGRESQL.createSchemaIfMissing("CARAVAN"));
    }

    @Test
    void derbyKeepsTheDataTablesTypesAndPostgresqlComparesTheirTextByCodePoint() {
        assertEquals("VARCHAR(2048)", SqlDialect.DERBY.codePointText(ValueCodec.MAX_KEY));
        assertEquals("VARCHAR(32672)", ColumnKind.TEXT.sqlType(SqlDialect.DERBY));
        assertEquals("DOUBLE", ColumnKind.NUMBER.sqlType(SqlDialect.DERBY));
        assertEquals("VARCHAR(2048) COLLATE \"C\"", SqlDialect.POSTGRESQL.codePointText(ValueCodec.MAX_KEY));
        assertEquals("DOUBLE PRECISION", ColumnKind.NUMBER.sqlType(SqlDialect.POSTGRESQL));
        assertEquals("BOOLEAN", ColumnKind.BOOLEAN.sqlType(SqlDialect.POSTGRESQL));
    }

    @Test
    void eachEngineAsksForASequencesNextValueItsOwnWay() {
        assertEquals("VALUES NEXT VALUE FOR CARAVAN.NAMES", SqlDialect.DERBY.nextValueQuery("CARAVAN.NAMES"));
        assertEquals("SELECT nextval('CARAVAN.NAMES')", SqlDialect.POSTGRESQL.nextValueQuery("CARAVAN.NAMES"));
    }

    @Test
    void eachEngineSpellsUnquotedNamesItsOwnWayInTheCatalog() {
        assertEquals("ROW_ERRORS", SqlDialect.DERBY.catalogName("ROW_ERRORS"));
        assertEquals("row_errors", SqlDialect.POSTGRESQL.catalogName("ROW_ERRORS"));
    }

    @Test
    void eachEngineHasItsOwnLockConflictStates() {
        assertTrue(SqlDialect.DERBY.isLockConflict("40XL1"));
        assertFalse(SqlDialect.POSTGRESQL.isLockConflict("40XL1"));
        assertTrue(SqlDialect.POSTGRESQL.isLockConflict("40P01"));
        assertTrue(SqlDialect.POSTGRESQL.isLockConflict("55P03"));
        assertFalse(SqlDialect.DERBY.isLockConflict("55P03"));
        assertTrue(SqlDialect.DERBY.isLockConflict("40001") && SqlDialect.POSTGRESQL.isLockConflict("40001"));
        assertFalse(SqlDialect.DERBY.isLockConflict("23505") || SqlDialect.POSTGRESQL.isLockConflict("23505"));
    }

    @Test
    void onlyPostgresqlIsSharedByProcessesAndLocksClaimedRowsSkippingLockedOnes() {
        assertFalse(SqlDialect.DERBY.sharedByProcesses());
        assertEquals("SELECT ID FROM T", SqlDialect.DERBY.lockRowsSkippingLocked("SELECT ID FROM T"));
        assertTrue(SqlDialect.POSTGRESQL.sharedByProcesses());
        assertEquals("SELECT ID FROM T FOR UPDATE SKIP LOCKED", SqlDialect.POSTGRESQL.lockRowsSkippingLocked("SELECT ID FROM T"));
    }
}
