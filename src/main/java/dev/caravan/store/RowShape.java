package dev.caravan.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The attributes a search returns, in order, with the SQL select list that fetches them and the
 * decoding of a result row back into a Harper record.
 */
public final class RowShape {
    private final TableMeta table;
    private final List<String> attributes;
    private final List<Column> columns = new ArrayList<>();
    private final String selectList;
    private final boolean everyAttribute;

    private RowShape(TableMeta table, List<String> attributes, boolean everyAttribute) {
        this.table = table;
        this.attributes = attributes;
        this.everyAttribute = everyAttribute;
        StringBuilder sql = new StringBuilder("K, CT, UT");
        for (String a : attributes) {
            Column column = table.isTimestamp(a) || a.equals(table.primaryKey()) ? null : table.attribute(a);
            columns.add(column);
            if (column != null && column.hasColumn()) {
                sql.append(", ").append(ValueCodec.selectList(column));
            }
        }
        this.selectList = sql.toString();
    }

    /** The shape for get_attributes: ["*"] means every attribute in Harper's order. */
    public static RowShape of(TableMeta table, JsonNode getAttributes) {
        List<String> names = new ArrayList<>();
        boolean all = false;
        for (JsonNode a : getAttributes) {
            if ("*".equals(a.asText())) {
                all = true;
            } else {
                names.add(a.asText());
            }
        }
        if (all) {
            return all(table);
        }
        for (String n : names) {
            if (!table.hasAttribute(n)) {
                throw new UnknownAttributeException(n);
            }
        }
        return new RowShape(table, names, false);
    }

    /** The shape of named attributes, each known to exist (a restricted role's readable ones, docs/harper-observed.md §8). */
    public static RowShape named(TableMeta table, List<String> attributes) {
        return new RowShape(table, List.copyOf(attributes), false);
    }

    public static RowShape all(TableMeta table) {
        return new RowShape(table, table.allAttributeNames(), true);
    }

    public List<String> attributes() {
        return attributes;
    }

    /** The CSV export's columns: the requested order, or Harper's sorted "*" order (contract §8). */
    public List<String> exportColumns() {
        return everyAttribute ? table.exportColumnNames() : attributes;
    }

    /** Select list starting with K, CT, UT; pass it to {@link #read}. */
    public String selectList() {
        return selectList;
    }

    public TableMeta table() {
        return table;
    }

    public ObjectNode read(ResultSet rs) throws SQLException {
        ObjectNode record = HarperJson.object();
        String key = rs.getString(1);
        double created = rs.getDouble(2);
        double updated = rs.getDouble(3);
        int index = 4;
        for (int i = 0; i < attributes.size(); i++) {
            String name = attributes.get(i);
            Column column = columns.get(i);
            JsonNode value;
            if (name.equals(table.primaryKey())) {
                value = ValueCodec.decodeKey(key);
            } else if (TableMeta.CREATED_TIME.equals(name)) {
                value = JsNumber.node(created);
            } else if (TableMeta.UPDATED_TIME.equals(name)) {
                value = JsNumber.node(updated);
            } else if (column == null || !column.hasColumn()) {
                value = NullNode.instance;
            } else {
                value = ValueCodec.read(rs, index, column);
                index += ValueCodec.width(column);
            }
            record.set(name, value);
        }
        return record;
    }
}
