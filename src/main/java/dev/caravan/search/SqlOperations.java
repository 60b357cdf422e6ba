package dev.caravan.search;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.auth.AttributePermissions;
import dev.caravan.auth.TablePermission;
import dev.caravan.core.HarperException;
import dev.caravan.operations.OperationRegistry;
import dev.caravan.operations.OperationRequest;
import dev.caravan.ops.Tables;
import dev.caravan.store.Catalog;
import dev.caravan.store.RecordWriter;
import dev.caravan.store.Store;
import dev.caravan.store.StoreException;
import dev.caravan.store.TableMeta;
import dev.caravan.store.TableWrites;
import dev.caravan.store.TxClock;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.update.Update;

/** The sql operation: SELECT, INSERT, UPDATE and DELETE over Harper tables (docs/harper-observed.md §5). */
public class SqlOperations {
    private final Catalog catalog;
    private final Store store;
    private final Tables tables;
    private final SqlWrites writes;

    public SqlOperations(Catalog catalog, Store store, TableWrites tableWrites, RecordWriter writer, TxClock clock) {
        this.catalog = catalog;
        this.store = store;
        this.tables = new Tables(catalog);
        this.writes = new SqlWrites(store, tableWrites, writer, clock);
    }

    public void register(OperationRegistry registry) {
        registry.register("sql", this::sql);
    }

    private JsonNode sql(OperationRequest request) {
        String sql = sqlText(request);
        Statement statement = SqlSyntax.parse(sql);
        return withSqlErrors(sql, () -> run(request, statement, sql));
    }

    /**
     * A checked SELECT, not yet run: what an export streams. Syntax, permissions, tables and columns are
     * checked now, with the operation's own errors.
     */
    public RecordQuery selectQuery(OperationRequest request) {
        String sql = sqlText(request);
        Statement statement = SqlSyntax.parse(sql);
        if (!(statement instanceof PlainSelect select)) {
            throw HarperException.badRequest("An export's sql must be a SELECT: " + sql);
        }
        return select(request, select, sql);
    }

    private static String sqlText(OperationRequest request) {
        String sql = request.text("sql");
        if (sql == null || sql.isEmpty()) {
            throw HarperException.badRequest("The 'sql' parameter is missing from the request body");
        }
        return sql;
    }

    /** The sql operation's answers to a reserved word or a statement the engine refuses. */
    private <T> T withSqlErrors(String sql, Supplier<T> work) {
        try {
            return work.get();
        } catch (ExpressionTranslator.ReservedWordException e) {
            throw SqlSyntax.reservedWord(sql, e.word());
        } catch (StoreException e) {
            throw storeRefused(e);
        }
    }

    private JsonNode run(OperationRequest request, Statement statement, String sql) {
        if (statement instanceof PlainSelect select) {
            return select(request, select, sql).collect();
        }
        if (statement instanceof Insert insert) {
            TableMeta table = SqlTranslator.resolve(writing(request, TablePermission.INSERT), insert.getTable());
            return writes.insert(insert, table, request.access().attributes(table));
        }
        if (statement instanceof Update update) {
            SqlTranslator.TableResolver resolver = writing(request, TablePermission.UPDATE);
            TableMeta table = SqlTranslator.resolve(resolver, update.getTable());
            return writes.update(update, table, request.access().attributes(table), translator(resolver, request));
        }
        if (statement instanceof Delete delete) {
            SqlTranslator.TableResolver resolver = writing(request, TablePermission.DELETE);
            return writes.delete(delete, SqlTranslator.resolve(resolver, delete.getTable()), translator(resolver, request));
        }
        // Harper: 500 "unsupported SQL type drop in SQL: [object Object]" (asked of HarperDB 4.7.29).
        String type = sql.strip().split("\\s+")[0].toLowerCase(Locale.ROOT);
        throw HarperException.serverError("unsupported SQL type " + type + " in SQL: " + sql);
    }

    /** Resolves the tables now; translating (its errors included) happens under the locks, at check or run. */
    private RecordQuery select(OperationRequest request, PlainSelect select, String sql) {
        if (select.getWithItemsList() != null) {
            throw HarperException.badRequest("SQL WITH is not supported");
        }
        SqlTranslator.TableResolver resolver = reading(request);
        List<TableMeta> read = new ArrayList<>();
        for (var table : SqlTranslator.tablesOf(select)) {
            read.add(SqlTranslator.resolve(resolver, table));
        }
        return new RecordQuery() {
            @Override
            public void check() {
                withSqlErrors(sql, () -> SchemaReadLocks.holding(read, () -> translator(resolver, request).select(select)));
            }

            @Override
            public void run(RecordSink sink) {
                withSqlErrors(sql, () -> SchemaReadLocks.holding(read, () -> {
                    SqlTranslator.DerbyQuery query = translator(resolver, request).select(select);
                    List<String> columns = isStarOverOneTable(select, read)
                            ? starExportColumns(read.get(0), request.access().attributes(read.get(0)))
                            : query.columns().stream().map(SqlTranslator.OutputColumn::key).toList();
                    return store.inTransaction(c -> {
                        SqlResultReader.read(c, query, columns, sink);
                        return null;
                    });
                }));
            }
        };
    }

    /** The translator of a statement, which checks the role's attribute rights on every column it references. */
    private static SqlTranslator translator(SqlTranslator.TableResolver resolver, OperationRequest request) {
        return new SqlTranslator(resolver, request.access()::attributes);
    }

    /** A restricted role exports only the attributes it may read (observed §8). */
    private static List<String> starExportColumns(TableMeta table, AttributePermissions permissions) {
        List<String> columns = table.exportColumnNames();
        return permissions.isRestricted() ? columns.stream().filter(permissions.readable()::contains).toList() : columns;
    }

    /** `SELECT * FROM one table` exports its columns in Harper's sorted "*" order (contract §8). */
    private static boolean isStarOverOneTable(PlainSelect select, List<TableMeta> read) {
        return read.size() == 1 && select.getSelectItems().size() == 1
                && select.getSelectItems().get(0).getExpression() instanceof AllColumns;
    }

    /** SELECT needs read permission first (403 names an unknown table), then a missing table is 404 (observed §5, §6). */
    private SqlTranslator.TableResolver reading(OperationRequest request) {
        return (database, table) -> {
            request.access().requireTable(database, table, TablePermission.READ);
            return tables.require(database, table, 404);
        };
    }

    /** INSERT into a missing table is 400 like the insert operation; UPDATE / DELETE are 500 `table db.t does not exist`. */
    private SqlTranslator.TableResolver writing(OperationRequest request, TablePermission permission) {
        return (database, table) -> {
            request.access().requireTable(database, table, permission);
            if (permission == TablePermission.INSERT) {
                return tables.require(database, table, 400);
            }
            return catalog.table(database, table).orElseThrow(
                    () -> HarperException.serverError("table " + database + "." + table + " does not exist"));
        };
    }

    /**
     * The engine refused the translated SQL (a column outside GROUP BY, a type clash): a 500 with the
     * engine's reason, as Harper answers 500 for SQL it cannot run. Other store failures stay unexpected.
     */
    private RuntimeException storeRefused(StoreException e) {
        if (e.getCause() instanceof SQLException s && s.getSQLState() != null
                && (s.getSQLState().startsWith("42") || s.getSQLState().startsWith("22"))) {
            return HarperException.serverError(store.dialect().refusalReason(s));
        }
        return e;
    }
}
