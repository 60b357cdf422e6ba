package dev.caravan.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.auth.AttributePermissions;
import dev.caravan.auth.TablePermission;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import dev.caravan.core.HarperNames;
import dev.caravan.ops.RecordOperations;
import dev.caravan.ops.TypedRecords;
import dev.caravan.store.RecordWriter;
import dev.caravan.store.Store;
import dev.caravan.store.TableMeta;
import dev.caravan.store.TableWrites;
import dev.caravan.store.TxClock;
import dev.caravan.store.WriteAction;
import dev.caravan.store.WriteResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;

/**
 * SQL INSERT, UPDATE and DELETE, written through RecordWriter so they behave and answer exactly like
 * the insert, update and delete operations (docs/harper-observed.md §5). UPDATE and DELETE first find
 * the matching rows with a translated SELECT, then write them in their own transaction.
 */
final class SqlWrites {
    private final Store store;
    private final TableWrites writes;
    private final RecordWriter writer;
    private final TxClock clock;

    SqlWrites(Store store, TableWrites writes, RecordWriter writer, TxClock clock) {
        this.store = store;
        this.writes = writes;
        this.writer = writer;
        this.clock = clock;
    }

    JsonNode insert(Insert insert, TableMeta table, AttributePermissions permissions) {
        List<ObjectNode> records = InsertValues.records(insert);
        permissions.requireWrite(records, TablePermission.INSERT);
        for (ObjectNode record : records) {
            record.fieldNames().forEachRemaining(HarperNames::checkAttribute);
            if (record.path(table.primaryKey()).isBoolean()) {
                throw HarperException.badRequest("Invalid primary key type: boolean");
            }
        }
        TypedRecords.check(table, WriteAction.INSERT, records);
        WriteResult result = writes.inTransaction(table,
                c -> writer.write(c, table, WriteAction.INSERT, records, clock.next()));
        return RecordOperations.answer(WriteAction.INSERT, records.size(), result);
    }

    JsonNode update(Update update, TableMeta table, AttributePermissions permissions, SqlTranslator translator) {
        if (isPresent(update.getJoins()) || update.getFromItem() != null || isPresent(update.getStartJoins())) {
            throw HarperException.badRequest("SQL UPDATE of one table only: " + update);
        }
        Map<String, Expression> values = new LinkedHashMap<>();
        for (UpdateSet set : update.getUpdateSets()) {
            if (set.getColumns().size() != set.getValues().size()) {
                throw HarperException.badRequest("SQL UPDATE SET needs one value per column: " + set);
            }
            for (int i = 0; i < set.getColumns().size(); i++) {
                String attribute = ExpressionTranslator.attributeName(set.getColumns().get(i));
                HarperNames.checkAttribute(attribute);
                if (attribute.equals(table.primaryKey())) {
                    throw HarperException.badRequest("SQL UPDATE cannot change the primary key '" + attribute + "'");
                }
                values.put(attribute, set.getValues().get(i));
            }
        }
        permissions.require(values.keySet(), TablePermission.UPDATE);
        List<ObjectNode> records = matching(table, translator, update.getTable(), update.getWhere(), values);
        TypedRecords.check(table, WriteAction.UPDATE, records);
        WriteResult result = records.isEmpty() ? nothing()
                : writes.inTransaction(table, c -> writer.write(c, table, WriteAction.UPDATE, records, clock.next()));
        return RecordOperations.answer(WriteAction.UPDATE, records.size(), result);
    }

    JsonNode delete(Delete delete, TableMeta table, SqlTranslator translator) {
        if (isPresent(delete.getJoins()) || isPresent(delete.getUsingList()) || isPresent(delete.getTables())) {
            throw HarperException.badRequest("SQL DELETE from one table only: " + delete);
        }
        List<JsonNode> keys = new ArrayList<>();
        for (ObjectNode row : matching(table, translator, delete.getTable(), delete.getWhere(), Map.of())) {
            keys.add(row.get(table.primaryKey()));
        }
        WriteResult result = keys.isEmpty() ? nothing()
                : writes.inTransaction(table, c -> writer.delete(c, table, keys));
        ObjectNode out = HarperJson.object();
        out.put("message", RecordOperations.deletedMessage(result.written(), keys.size()));
        out.set("deleted_hashes", array(result.writtenKeys()));
        out.set("skipped_hashes", array(result.skippedKeys()));
        return out;
    }

    private List<ObjectNode> matching(TableMeta table, SqlTranslator translator, net.sf.jsqlparser.schema.Table target,
                                      Expression where, Map<String, Expression> values) {
        return SchemaReadLocks.holding(List.of(table), () -> {
            SqlTranslator.DerbyQuery query = translator.matching(target, where, values);
            List<ObjectNode> rows = new java.util.ArrayList<>();
            store.inTransaction(c -> {
                SqlResultReader.read(c, query, List.of(), rows::add);
                return null;
            });
            return rows;
        });
    }

    private static boolean isPresent(List<?> list) {
        return list != null && !list.isEmpty();
    }

    private static WriteResult nothing() {
        return new WriteResult(List.of(), List.of(), List.of());
    }

    private static ArrayNode array(List<JsonNode> values) {
        ArrayNode out = HarperJson.array();
        values.forEach(out::add);
        return out;
    }

    /** The records of INSERT INTO t (a, b) VALUES (..), (..): literal values only. */
    static final class InsertValues {
        private InsertValues() {
        }

        static List<ObjectNode> records(Insert insert) {
            ExpressionList<Column> columns = insert.getColumns();
            if (columns == null || columns.isEmpty()) {
                throw HarperException.badRequest("SQL INSERT needs a column list: INSERT INTO db.table (a, b) VALUES (1, 2)");
            }
            // getValues() casts whatever follows the column list, so INSERT ... SELECT is refused before it
            if (!(insert.getSelect() instanceof net.sf.jsqlparser.statement.select.Values)) {
                throw HarperException.badRequest("SQL INSERT supports VALUES only, not INSERT ... SELECT");
            }
            List<ObjectNode> records = new ArrayList<>();
            for (ExpressionList<?> row : rows(insert.getValues().getExpressions())) {
                if (row.size() != columns.size()) {
                    throw HarperException.badRequest("SQL INSERT has " + columns.size() + " columns but " + row.size()
                            + " values: " + row);
                }
                ObjectNode record = HarperJson.object();
                for (int i = 0; i < columns.size(); i++) {
                    record.set(ExpressionTranslator.attributeName(columns.get(i)), value(row.get(i)));
                }
                records.add(record);
            }
            return records;
        }

        /** VALUES (1, 'a') parses as one parenthesised list, VALUES (1), (2) as a list of them. */
        private static List<ExpressionList<?>> rows(ExpressionList<?> values) {
            List<ExpressionList<?>> rows = new ArrayList<>();
            if (values instanceof ParenthesedExpressionList<?>) {
                rows.add(values);
                return rows;
            }
            for (Expression e : values) {
                if (!(e instanceof ExpressionList<?> row)) {
                    rows.add(new ExpressionList<>(e));
                } else {
                    rows.add(row);
                }
            }
            return rows;
        }

        private static JsonNode value(Expression e) {
            JsonNode value = SqlLiterals.toJson(e);
            if (value == null) {
                throw HarperException.badRequest("SQL INSERT takes literal values: " + e);
            }
            return value;
        }
    }
}
