package dev.caravan.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import dev.caravan.store.Column;
import dev.caravan.store.ColumnKind;
import dev.caravan.store.TableMeta;
import dev.caravan.store.UnknownAttributeException;
import dev.caravan.store.ValueCodec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The WHERE clauses a condition becomes over the store layout (typed columns, TEXT type tags, K key). */
class ConditionSqlTest {
    private static final TableMeta TABLE = new TableMeta("1", "db", "people", "id", "D1", "T1", 0, Map.of(
            "id", new Column("id", "C1", ColumnKind.NUMBER, 1),
            "age", new Column("age", "C2", ColumnKind.NUMBER, 2),
            "mixed", new Column("mixed", "C3", ColumnKind.TEXT, 3),
            "active", new Column("active", "C4", ColumnKind.BOOLEAN, 4),
            "declared", new Column("declared", null, ColumnKind.NONE, 5)));

    private static SqlFragment where(String attribute, SearchType type, JsonNode value) {
        return new ConditionSql(TABLE).where(new Condition.Comparison(attribute, type, value));
    }

    @Test
    void numberEqualsOnNumberColumnComparesTheDouble() {
        SqlFragment f = where("age", SearchType.EQUALS, IntNode.valueOf(30));
        assertEquals("\"C2\" = ?", f.sql());
        assertEquals(List.of(30.0), f.params());
    }

    @Test
    void numberEqualsOnTextColumnMatchesOnlyNumberTaggedRowsByCanonicalText() {
        SqlFragment f = where("mixed", SearchType.EQUALS, DoubleNode.valueOf(30.0));
        assertEquals("(COALESCE(\"C3_T\", 's') = 'n' AND \"C3\" = ?)", f.sql());
        assertEquals(List.of("30"), f.params());
    }

    @Test
    void stringEqualsOnTextColumnMatchesOnlyUntaggedRowsOfTheSameLength() {
        SqlFragment f = where("mixed", SearchType.EQUALS, TextNode.valueOf("007"));
        assertEquals("(\"C3_T\" IS NULL AND \"C3\" = ? AND LENGTH(\"C3\") = ?)", f.sql());
        assertEquals(List.of("007", 3), f.params());
    }

    @Test
    void stringAgainstNumberColumnMatchesNothing() {
        assertEquals(SqlFragment.FALSE, where("age", SearchType.EQUALS, TextNode.valueOf("30")));
        assertEquals(SqlFragment.FALSE, where("age", SearchType.GREATER_THAN, TextNode.valueOf("30")));
    }

    @Test
    void booleanEqualsOnTextColumnUsesTheBooleanTag() {
        SqlFragment f = where("mixed", SearchType.EQUALS, BooleanNode.TRUE);
        assertEquals("(COALESCE(\"C3_T\", 's') = 'b' AND \"C3\" = ?)", f.sql());
        assertEquals(List.of("true"), f.params());
    }

    @Test
    void primaryKeyEqualsUsesTheTypeTaggedKeyColumn() {
        SqlFragment f = where("id", SearchType.EQUALS, IntNode.valueOf(3));
        assertEquals("K = ?", f.sql());
        assertEquals(List.of(ValueCodec.encodeKey(IntNode.valueOf(3))), f.params());
    }

    @Test
    void equalsNullIsNullAndMatchesEverythingOnAnAttributeWithoutColumn() {
        assertEquals("\"C2\" IS NULL", where("age", SearchType.EQUALS, NullNode.instance).sql());
        assertEquals(SqlFragment.TRUE, where("declared", SearchType.EQUALS, NullNode.instance));
        assertEquals(SqlFragment.FALSE, where("declared", SearchType.EQUALS, IntNode.valueOf(1)));
    }

    @Test
    void notEqualSkipsNullsAndNegatesATwoValuedEquality() {
        SqlFragment f = where("mixed", SearchType.NOT_EQUAL, IntNode.valueOf(1));
        assertEquals("(\"C3\" IS NOT NULL AND NOT ((COALESCE(\"C3_T\", 's') = 'n' AND \"C3\" = ?)))", f.sql());
        assertEquals(List.of("1"), f.params());
    }

    @Test
    void rangeOnTextColumnComparesNumbersAsNumbers() {
        SqlFragment f = where("mixed", SearchType.GREATER_THAN, IntNode.valueOf(9));
        assertEquals("(COALESCE(\"C3_T\", 's') = 'n' AND CASE WHEN \"C3_T\" = 'n' THEN CARAVAN.TO_NUMBER(\"C3\") END > ?)",
                f.sql());
        assertEquals(List.of(9.0), f.params());
    }

    @Test
    void textComparatorsEscapeLikeWildcardsAndSearchOnlyStrings() {
        SqlFragment f = where("mixed", SearchType.CONTAINS, TextNode.valueOf("50%_\\"));
        assertEquals("(\"C3_T\" IS NULL AND \"C3\" LIKE ? ESCAPE '\\')", f.sql());
        assertEquals(List.of("%50\\%\\_\\\\%"), f.params());
        assertEquals(List.of("B%"), where("mixed", SearchType.STARTS_WITH, TextNode.valueOf("B")).params());
        assertEquals(List.of("%on"), where("mixed", SearchType.ENDS_WITH, TextNode.valueOf("on")).params());
        assertEquals(SqlFragment.FALSE, where("age", SearchType.CONTAINS, TextNode.valueOf("3")));
    }

    @Test
    void betweenIsInclusiveAndNoFilterForANonArray() {
        SqlFragment f = where("age", SearchType.BETWEEN, HarperJson.array().add(25).add(35));
        assertEquals("(\"C2\" >= ? AND \"C2\" <= ?)", f.sql());
        assertEquals(List.of(25.0, 35.0), f.params());
        assertEquals(SqlFragment.TRUE, where("age", SearchType.BETWEEN, IntNode.valueOf(25)));
    }

    @Test
    void groupsNestWithParametersInTextOrder() {
        Condition c = new Condition.Group(false, List.of(
                new Condition.Comparison("age", SearchType.GREATER_THAN_EQUAL, IntNode.valueOf(30)),
                new Condition.Group(true, List.of(
                        new Condition.Comparison("mixed", SearchType.EQUALS, TextNode.valueOf("Paris")),
                        new Condition.Comparison("mixed", SearchType.EQUALS, TextNode.valueOf("Boston"))))));
        SqlFragment f = new ConditionSql(TABLE).where(c);
        assertEquals("(\"C2\" >= ? AND ((\"C3_T\" IS NULL AND \"C3\" = ? AND LENGTH(\"C3\") = ?)"
                + " OR (\"C3_T\" IS NULL AND \"C3\" = ? AND LENGTH(\"C3\") = ?)))", f.sql());
        assertEquals(List.of(30.0, "Paris", 5, "Boston", 6), f.params());
    }

    @Test
    void valuesAreBoundNeverWrittenIntoTheSql() {
        SqlFragment f = where("mixed", SearchType.EQUALS, TextNode.valueOf("O'Brien; DROP TABLE x"));
        assertFalse(f.sql().contains("Brien"));
        assertTrue(f.params().contains("O'Brien; DROP TABLE x"));
    }

    @Test
    void timestampsAreNumberColumns() {
        assertEquals("CT > ?", where("__createdtime__", SearchType.GREATER_THAN, IntNode.valueOf(0)).sql());
    }

    @Test
    void unknownAttributeIsRejected() {
        UnknownAttributeException e = assertThrows(UnknownAttributeException.class,
                () -> where("nope", SearchType.EQUALS, IntNode.valueOf(1)));
        assertEquals("unknown attribute 'nope'", e.getMessage());
    }

    @Test
    void rangeAgainstNullIsABadRequest() {
        HarperException e = assertThrows(HarperException.class,
                () -> where("age", SearchType.GREATER_THAN, NullNode.instance));
        assertEquals(400, e.status());
        assertEquals("Search condition for age must have a value", e.getMessage());
    }
}
