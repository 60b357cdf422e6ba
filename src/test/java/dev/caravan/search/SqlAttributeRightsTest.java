package dev.caravan.search;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.auth.Access;
import dev.caravan.auth.User;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import dev.caravan.store.Column;
import dev.caravan.store.ColumnKind;
import dev.caravan.store.TableMeta;
import java.util.List;
import java.util.Map;
import net.sf.jsqlparser.statement.select.PlainSelect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The translator checks every column a SELECT references against the role's attribute rights (docs/harper-observed.md §8). */
class SqlAttributeRightsTest {
    /** obs.t1: id, name, age; obs.t2: id, t1_id. */
    private static final TableMeta PEOPLE = new TableMeta("a", "obs", "t1", "id", "D1", "T1", 1, Map.of(
            "id", new Column("id", "C1", ColumnKind.NUMBER, 1),
            "name", new Column("name", "C2", ColumnKind.TEXT, 2),
            "age", new Column("age", "C3", ColumnKind.NUMBER, 3)));
    private static final TableMeta ORDERS = new TableMeta("b", "obs", "t2", "id", "D1", "T2", 1, Map.of(
            "id", new Column("id", "C5", ColumnKind.NUMBER, 5),
            "t1_id", new Column("t1_id", "C6", ColumnKind.NUMBER, 6)));

    /** t1: name readable, age nothing (the key inherits read); t2 unrestricted. */
    private static final Access ROLE = access("{'super_user':false,'obs':{'tables':{"
            + "'t1':{'read':true,'insert':false,'update':false,'delete':false,'attribute_permissions':["
            + "{'attribute_name':'name','read':true,'insert':false,'update':false},"
            + "{'attribute_name':'age','read':false,'insert':false,'update':false}]},"
            + "'t2':{'read':true,'insert':false,'update':false,'delete':false,'attribute_permissions':[]}}}}");

    private static Access access(String permission) {
        try {
            ObjectNode p = (ObjectNode) HarperJson.parse(permission.replace('\'', '"'));
            return new Access(new User("u", true, new User.Role("r", "r", p, 1, 1)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static SqlTranslator.DerbyQuery translate(String sql) {
        SqlTranslator translator = new SqlTranslator((db, table) -> table.equals("t1") ? PEOPLE : ORDERS, ROLE::attributes);
        return translator.select((PlainSelect) SqlSyntax.parse(sql));
    }

    private static String deniedItems(String sql) {
        HarperException e = assertThrows(HarperException.class, () -> translate(sql));
        assertEquals(403, e.status());
        return e.body().path("invalid_schema_items").toString();
    }

    @Test
    void starSelectsOnlyTheReadableAttributesKeyLast() {
        assertEquals(List.of("name", "id"),
                translate("SELECT * FROM obs.t1").columns().stream().map(SqlTranslator.OutputColumn::key).toList());
        assertEquals("SELECT Q1.\"C2\", Q1.\"C2_T\", Q1.K FROM \"D1\".\"T1\" Q1", translate("SELECT a.* FROM obs.t1 a").sql());
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT age FROM obs.t1", "SELECT name FROM obs.t1 WHERE age > 1",
            "SELECT MAX(age) AS m FROM obs.t1", "SELECT name, age AS a FROM obs.t1 ORDER BY a",
            "SELECT name FROM obs.t1 GROUP BY name, age", "SELECT name FROM obs.t1 ORDER BY age + 1",
            "SELECT name FROM obs.t1 GROUP BY name HAVING MIN(age) > 1",
            "SELECT p.name FROM obs.t1 p JOIN obs.t2 o ON p.age = o.t1_id"})
    void everyReferenceToADeniedColumnIsRefused(String sql) {
        assertEquals("[\"Attribute 'age' does not exist on 'obs.t1'\"]", deniedItems(sql));
    }

    @Test
    void readableColumnsAndTheUnrestrictedTablePass() {
        assertDoesNotThrow(() -> translate("SELECT p.name, o.t1_id FROM obs.t1 p JOIN obs.t2 o ON p.id = o.t1_id WHERE p.id = 4"));
    }

    @Test
    void harpersChargesAreKept() {
        assertEquals("[\"Attribute '*' does not exist on 'obs.t1'\"]", deniedItems("SELECT COUNT(*) AS n FROM obs.t1"));
        assertEquals("[\"Attribute 't1_id' does not exist on 'obs.t1'\"]",
                deniedItems("SELECT t1_id FROM obs.t1 p JOIN obs.t2 o ON p.id = o.t1_id"));
        assertEquals("[\"Attribute 'age' does not exist on 'obs.t1'\",\"Attribute 'nope' does not exist on 'obs.t1'\"]",
                deniedItems("SELECT age, nope FROM obs.t1"));
    }
}
