package dev.caravan.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.caravan.core.HarperException;
import dev.caravan.store.Column;
import dev.caravan.store.ColumnKind;
import dev.caravan.store.TableMeta;
import dev.caravan.store.ValueCodec;
import java.util.List;
import java.util.Map;
import net.sf.jsqlparser.statement.select.PlainSelect;
import org.junit.jupiter.api.Test;

/** The rewrite of Harper SELECTs into Derby SQL over generated names, and the keys of the answer. */
class SqlTranslatorTest {
    /** obs.t1: id (number key, C1), name TEXT (C2), age NUMBER (C3), zeta declared only. */
    private static final TableMeta PEOPLE = new TableMeta("a", "obs", "t1", "id", "D1", "T1", 1, Map.of(
            "id", new Column("id", "C1", ColumnKind.NUMBER, 1),
            "name", new Column("name", "C2", ColumnKind.TEXT, 2),
            "age", new Column("age", "C3", ColumnKind.NUMBER, 3),
            "zeta", new Column("zeta", null, ColumnKind.NONE, 4)));
    /** obs.t2: id (C5), t1_id NUMBER (C6). */
    private static final TableMeta ORDERS = new TableMeta("b", "obs", "t2", "id", "D1", "T2", 1, Map.of(
            "id", new Column("id", "C5", ColumnKind.NUMBER, 5),
            "t1_id", new Column("t1_id", "C6", ColumnKind.NUMBER, 6)));

    private static final SqlTranslator TRANSLATOR = new SqlTranslator((db, table) -> switch (table) {
        case "t1" -> PEOPLE;
        case "t2" -> ORDERS;
        default -> throw HarperException.notFound("Table '" + db + "." + table + "' does not exist");
    });

    private static SqlTranslator.DerbyQuery translate(String sql) {
        return TRANSLATOR.select((PlainSelect) SqlSyntax.parse(sql));
    }

    private static List<String> keys(SqlTranslator.DerbyQuery query) {
        return query.columns().stream().map(SqlTranslator.OutputColumn::key).toList();
    }

    @Test
    void tablesAndColumnsBecomeGeneratedDerbyNames() {
        assertEquals("SELECT Q1.\"C2\", Q1.\"C2_T\", Q1.\"C3\" FROM \"D1\".\"T1\" Q1",
                translate("SELECT name, age FROM obs.t1").sql());
    }

    @Test
    void primaryKeyIsReadFromTheKeyColumnAndEqualityUsesTheTaggedKey() {
        assertEquals("SELECT Q1.K FROM \"D1\".\"T1\" Q1 WHERE (Q1.K = '" + ValueCodec.encodeKey(IntNode.valueOf(4)) + "')",
                translate("SELECT id FROM obs.t1 WHERE id = 4").sql());
    }

    @Test
    void primaryKeyInListUsesTaggedKeys() {
        assertTrue(translate("SELECT id FROM obs.t1 WHERE id IN (1, 'x')").sql()
                .endsWith("WHERE (Q1.K IN ('" + ValueCodec.encodeKey(IntNode.valueOf(1)) + "', '"
                        + ValueCodec.encodeKey(TextNode.valueOf("x")) + "'))"));
    }

    @Test
    void starExpandsInHarperOrderWithTimestamps() {
        SqlTranslator.DerbyQuery q = translate("SELECT * FROM obs.t1");
        assertEquals(List.of("id", "__createdtime__", "__updatedtime__", "name", "age", "zeta"), keys(q));
        assertEquals("SELECT Q1.K, Q1.CT, Q1.UT, Q1.\"C2\", Q1.\"C2_T\", Q1.\"C3\" FROM \"D1\".\"T1\" Q1", q.sql());
    }

    @Test
    void joinStarRenamesRepeatedKeys() {
        assertEquals(List.of("id", "__createdtime__", "__updatedtime__", "name", "age", "zeta",
                        "id1", "__createdtime__1", "__updatedtime__1", "t1_id"),
                keys(translate("SELECT * FROM obs.t1 a INNER JOIN obs.t2 b ON a.id = b.t1_id")));
    }

    @Test
    void joinsUseCorrelationNamesForAliases() {
        assertEquals("SELECT Q1.\"C2\", Q1.\"C2_T\" FROM \"D1\".\"T1\" Q1 LEFT OUTER JOIN \"D1\".\"T2\" Q2"
                        + " ON (Q1.\"C1\" = Q2.\"C6\")",
                translate("SELECT a.name FROM obs.t1 a LEFT JOIN obs.t2 AS b ON a.id = b.t1_id").sql());
    }

    @Test
    void numberComparisonOnMixedColumnLooksAtNumericRowsOnly() {
        assertTrue(translate("SELECT id FROM obs.t1 WHERE name > 5").sql().endsWith(
                "WHERE (CASE WHEN Q1.\"C2_T\" = 'n' THEN CARAVAN.TO_NUMBER(Q1.\"C2\") END > 5.0E0)"));
    }

    @Test
    void stringComparisonOnMixedColumnLooksAtStringRowsOnly() {
        assertTrue(translate("SELECT id FROM obs.t1 WHERE name = 'Bob'").sql().endsWith(
                "WHERE (CASE WHEN Q1.\"C2_T\" IS NULL THEN Q1.\"C2\" END = 'Bob')"));
    }

    @Test
    void stringAgainstNumberColumnNeverMatches() {
        assertTrue(translate("SELECT id FROM obs.t1 WHERE age = '30'").sql().endsWith(
                "WHERE (Q1.\"C3\" = CAST(NULL AS DOUBLE PRECISION))"));
    }

    @Test
    void doubleQuotedNameIsAStringLiteral() {
        SqlTranslator.DerbyQuery q = translate("SELECT \"age\" FROM obs.t1 WHERE name = \"Bob\"");
        assertEquals(List.of("undefined"), keys(q));
        assertTrue(q.sql().startsWith("SELECT 'age' FROM"));
        assertTrue(q.sql().endsWith("END = 'Bob')"));
    }

    @Test
    void backticksQuoteReservedWords() {
        TableMeta withOrder = new TableMeta("c", "obs", "t3", "id", "D1", "T3", 1, Map.of(
                "id", new Column("id", "C7", ColumnKind.NUMBER, 7),
                "order", new Column("order", "C8", ColumnKind.NUMBER, 8)));
        SqlTranslator translator = new SqlTranslator((db, t) -> withOrder);
        SqlTranslator.DerbyQuery q = translator.select((PlainSelect) SqlSyntax.parse("SELECT `order` FROM `obs`.`t3`"));
        assertEquals(List.of("order"), keys(q));
        assertEquals("SELECT Q1.\"C8\" FROM \"D1\".\"T3\" Q1", q.sql());
    }

    @Test
    void bareReservedWordIsRejected() {
        assertThrows(ExpressionTranslator.ReservedWordException.class, () -> translate("SELECT order FROM obs.t1"));
    }

    @Test
    void aggregatesAreKeyedByTheirTextInUpperCase() {
        SqlTranslator.DerbyQuery q = translate("SELECT count(*), SUM(a.age), AVG(age) AS avg FROM obs.t1 a");
        assertEquals(List.of("COUNT(*)", "SUM(a.age)", "avg"), keys(q));
        assertEquals("SELECT COUNT(*), SUM(Q1.\"C3\"), AVG(Q1.\"C3\") FROM \"D1\".\"T1\" Q1", q.sql());
    }

    @Test
    void otherExpressionsAreKeyedUndefined() {
        assertEquals(List.of("id", "undefined"), keys(translate("SELECT id, age + 1 FROM obs.t1")));
    }

    @Test
    void numberLiteralsAreDoublesSoDivisionIsNotIntegerDivision() {
        assertEquals("SELECT (7.0E0 / 2.0E0) FROM (VALUES (1)) AS ONE_ROW (X)", translate("SELECT 7 / 2 AS d").sql());
    }

    @Test
    void groupByMixedColumnGroupsByValueAndTag() {
        assertEquals("SELECT Q1.\"C2\", Q1.\"C2_T\", COUNT(*) FROM \"D1\".\"T1\" Q1 GROUP BY Q1.\"C2\", Q1.\"C2_T\"",
                translate("SELECT name, COUNT(*) AS c FROM obs.t1 GROUP BY name").sql());
    }

    @Test
    void havingAndOrderByMayUseSelectAliases() {
        assertTrue(translate("SELECT name, COUNT(*) AS c FROM obs.t1 GROUP BY name HAVING c > 1 ORDER BY c DESC")
                .sql().endsWith("HAVING (COUNT(*) > 1.0E0) ORDER BY 3 DESC NULLS LAST"));
    }

    @Test
    void orderByPutsNullFirstAscendingLikeHarper() {
        assertTrue(translate("SELECT id FROM obs.t1 ORDER BY age").sql().endsWith("ORDER BY Q1.\"C3\" ASC NULLS FIRST"));
    }

    @Test
    void limitAndOffsetBecomeDerbyFetch() {
        assertTrue(translate("SELECT id FROM obs.t1 LIMIT 2 OFFSET 1").sql()
                .endsWith(" OFFSET 1 ROWS FETCH NEXT 2 ROWS ONLY"));
        assertTrue(translate("SELECT id FROM obs.t1 LIMIT 3").sql().endsWith(" FETCH NEXT 3 ROWS ONLY"));
    }

    @Test
    void likeIgnoresCase() {
        assertTrue(translate("SELECT id FROM obs.t1 WHERE name LIKE 'b%'").sql().endsWith(
                "WHERE (UPPER(CASE WHEN Q1.\"C2_T\" IS NULL THEN Q1.\"C2\" END) LIKE UPPER('b%'))"));
    }

    @Test
    void attributeWithoutColumnIsNull() {
        SqlTranslator.DerbyQuery q = translate("SELECT zeta FROM obs.t1 WHERE zeta IS NULL");
        assertEquals(List.of("zeta"), keys(q));
        assertEquals("SELECT 1 FROM \"D1\".\"T1\" Q1 WHERE TRUE", q.sql());
    }

    @Test
    void unknownColumnIsHarpers500() {
        HarperException e = assertThrows(HarperException.class, () -> translate("SELECT nope FROM obs.t1"));
        assertEquals(500, e.status());
        assertEquals("unknown column nope", e.getMessage());
    }

    @Test
    void tableWithoutDatabaseIsHarpers500() {
        HarperException e = assertThrows(HarperException.class, () -> translate("SELECT * FROM t1"));
        assertEquals(500, e.status());
        assertEquals("schema not defined for table t1", e.getMessage());
    }

    @Test
    void syntaxErrorQuotesTwentyCharactersAroundTheErrorLikeHarper() {
        HarperException e = assertThrows(HarperException.class, () -> SqlSyntax.parse("SELECT * FROM obs.t1 WHERE"));
        assertEquals(400, e.status());
        assertEquals("Invalid SQL at: ... * FROM obs.t1 WHERE. Please ensure your SQL is valid. Try adding backticks"
                + " to reserved words and schema table references.", e.getMessage());
    }

    @Test
    void unknownFirstWordIsReportedFromTheNextTokenLikeHarper() {
        HarperException e = assertThrows(HarperException.class, () -> SqlSyntax.parse("selec * from obs.people_long_name"));
        assertTrue(e.getMessage().startsWith("Invalid SQL at: selec * from obs.people_lo. "), e.getMessage());
    }

    @Test
    void reservedWordErrorQuotesTheSqlFromTheWord() {
        assertEquals("Invalid SQL at: SELECT id, group FROM obs.t2 WH. Please ensure your SQL is valid. Try adding"
                        + " backticks to reserved words and schema table references.",
                SqlSyntax.reservedWord("SELECT id, group FROM obs.t2 WHERE id = 1", "group").getMessage());
    }

    @Test
    void updateMatchingSelectsKeyAndSetValues() {
        net.sf.jsqlparser.statement.update.Update update = (net.sf.jsqlparser.statement.update.Update)
                SqlSyntax.parse("UPDATE obs.t1 SET age = age + 1 WHERE name = 'Bob'");
        SqlTranslator.DerbyQuery q = TRANSLATOR.matching(update.getTable(), update.getWhere(),
                Map.of("age", update.getUpdateSets().get(0).getValues().get(0)));
        assertEquals(List.of("id", "age"), keys(q));
        assertEquals("SELECT Q1.K, (Q1.\"C3\" + 1.0E0) FROM \"D1\".\"T1\" Q1"
                + " WHERE (CASE WHEN Q1.\"C2_T\" IS NULL THEN Q1.\"C2\" END = 'Bob')", q.sql());
    }
}
