package dev.caravan.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.auth.TablePermission;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import dev.caravan.core.HarperNames;
import dev.caravan.operations.OperationRegistry;
import dev.caravan.operations.OperationRequest;
import dev.caravan.store.AttributeDeclaration;
import dev.caravan.store.Catalog;
import dev.caravan.store.Column;
import dev.caravan.store.JsNumber;
import dev.caravan.store.Store;
import dev.caravan.store.TableMeta;
import dev.caravan.store.TableStats;
import java.util.List;
import java.util.Map;

/** Databases, tables and attributes: create, drop, describe (Harper's texts, docs/harper-observed.md §2). */
public class SchemaOperations {
    private final Catalog catalog;
    private final Tables tables;
    private final Store store;

    public SchemaOperations(Tables tables, Store store) {
        this.catalog = tables.catalog();
        this.tables = tables;
        this.store = store;
    }

    public void register(OperationRegistry registry) {
        registry.register("create_database", this::createDatabase)
                .register("create_schema", this::createDatabase)
                .register("drop_database", this::dropDatabase)
                .register("drop_schema", this::dropDatabase)
                .register("create_table", this::createTable)
                .register("drop_table", this::dropTable)
                .register("describe_all", this::describeAll)
                .register("describe_database", this::describeDatabase)
                .register("describe_schema", this::describeDatabase)
                .register("describe_table", this::describeTable)
                .register("create_attribute", this::createAttribute)
                .register("drop_attribute", this::dropAttribute);
    }

    private JsonNode createDatabase(OperationRequest request) {
        request.access().requireDatabaseStructure("createSchema");
        String name = emptyGivenName(request);
        if (name != null && name.isEmpty()) {
            throw HarperException.badRequest("'database' is not allowed to be empty");
        }
        requireDatabaseName(request);
        String database = request.database();
        if (!catalog.createDatabase(database)) {
            throw HarperException.badRequest("database '" + database + "' already exists");
        }
        return HarperJson.message("database '" + database + "' successfully created");
    }

    /**
     * The database a create names, when it names one: Harper's name rules (contract §1.3), as for tables.
     * An empty database field gives way to schema, then to 'data', as OperationRequest.database() says.
     */
    private static void requireDatabaseName(OperationRequest request) {
        for (String field : new String[] {"database", "schema"}) {
            JsonNode given = request.field(field);
            if (given != null && !(given.isTextual() && given.textValue().isEmpty())) {
                HarperNames.requireSchemaName("Database", given);
                return;
            }
        }
    }

    /** The database/schema field as given ("" included), or null when absent. */
    private static String emptyGivenName(OperationRequest request) {
        JsonNode given = request.field("database") != null ? request.field("database") : request.field("schema");
        return given != null && given.isTextual() ? given.textValue() : null;
    }

    private JsonNode dropDatabase(OperationRequest request) {
        request.access().requireDatabaseStructure("dropSchema");
        if (request.field("database") == null && request.field("schema") == null) {
            throw HarperException.badRequest("'database' is required");
        }
        String database = request.database();
        if (!catalog.dropDatabase(database)) {
            throw HarperException.notFound("database '" + database + "' does not exist");
        }
        return HarperJson.message("successfully deleted '" + database + "'");
    }

    private JsonNode createTable(OperationRequest request) {
        if (!request.access().structureGranted(request.operation(), request.database())) {
            request.access().requireSuperUser("createTable");
        }
        String table = request.text("table");
        if (table == null) {
            throw HarperException.badRequest("'table' is required");
        }
        String primaryKey = request.text("primary_key") != null ? request.text("primary_key") : request.text("hash_attribute");
        if (primaryKey == null) {
            throw HarperException.badRequest("'primary_key' is required");
        }
        requireDatabaseName(request);
        HarperNames.requireSchemaName("Table", request.field("table"));
        HarperNames.requireSchemaName("Primary key", request.field(request.text("primary_key") != null
                ? "primary_key" : "hash_attribute"));
        List<AttributeDeclaration> declared = AttributeDeclarations.of(request.field("attributes"), primaryKey);
        String database = request.database();
        if (catalog.createTable(database, table, primaryKey, declared).isEmpty()) {
            throw HarperException.badRequest("Table '" + table + "' already exists in '" + database + "'");
        }
        return HarperJson.message("table '" + database + "." + table + "' successfully created.");
    }

    private JsonNode dropTable(OperationRequest request) {
        if (!request.access().structureGranted(request.operation(), request.database())) {
            request.access().requireSuperUser("dropTable");
        }
        TableMeta table = tables.requireUnchecked(request, 404);
        catalog.dropTable(table.database(), table.name());
        return HarperJson.message("successfully deleted table '" + table.qualifiedName() + "'");
    }

    private JsonNode describeAll(OperationRequest request) {
        ObjectNode all = HarperJson.object();
        for (String db : catalog.databaseNames()) {
            ObjectNode described = describeTables(request, db);
            if (request.access().isSuperUser() || !described.isEmpty()) {
                all.set(db, described);
            }
        }
        return all;
    }

    private JsonNode describeDatabase(OperationRequest request) {
        String database = request.database();
        request.access().requireDatabase(database);
        if (!catalog.hasDatabase(database)) {
            throw HarperException.notFound("database '" + database + "' does not exist");
        }
        return describeTables(request, database);
    }

    private ObjectNode describeTables(OperationRequest request, String database) {
        ObjectNode out = HarperJson.object();
        for (Map.Entry<String, TableMeta> e : catalog.tables(database).entrySet()) {
            if (request.access().knowsTable(database, e.getKey())) {
                out.set(e.getKey(), describe(e.getValue(), request.access().isSuperUser()));
            }
        }
        return out;
    }

    private JsonNode describeTable(OperationRequest request) {
        TableMeta table = tables.require(request, 404);
        request.access().requireTable(table.database(), table.name(), TablePermission.READ);
        return describe(table, request.access().isSuperUser());
    }

    /** Harper's describe_table body; non-super users see no attribute list, as in Harper. */
    private ObjectNode describe(TableMeta table, boolean showAttributes) {
        ObjectNode out = HarperJson.object();
        out.put("schema", table.database());
        out.put("name", table.name());
        if (table.attribute(table.primaryKey()) != null) {
            out.put("hash_attribute", table.primaryKey());
        }
        out.put("audit", true);
        out.put("schema_defined", table.schemaDefined());
        ArrayNode attributes = out.putArray("attributes");
        if (showAttributes) {
            for (String name : table.allAttributeNames()) {
                Column column = table.attribute(name);
                if (column == null && !table.isTimestamp(name)) {
                    continue; // a dropped primary key
                }
                describeAttribute(attributes.addObject(), table, name, column);
            }
        }
        TableStats.Stats stats = TableStats.of(store, table);
        out.putArray("sources");
        out.put("record_count", stats.recordCount());
        if (stats.lastUpdated() != null) {
            out.set("last_updated_record", JsNumber.node(stats.lastUpdated()));
        }
        return out;
    }

    /**
     * One entry of describe_table's attributes. A declared attribute shows its type and nullable as
     * Harper's typed tables do (observed §9), without "indexed"; others are as for an untyped table.
     */
    private static void describeAttribute(ObjectNode a, TableMeta table, String name, Column column) {
        a.put("attribute", name);
        boolean declared = column != null && (column.type() != null || column.nullable() != null);
        if (column != null && column.type() != null) {
            a.put("type", column.type().harperName());
        }
        if (name.equals(table.primaryKey())) {
            a.put("is_primary_key", true);
        } else if (!declared) {
            a.put("indexed", true);
        }
        if (column != null && column.nullable() != null) {
            a.put("nullable", column.nullable());
        }
    }

    private JsonNode createAttribute(OperationRequest request) {
        TableMeta table = attributeTable(request);
        String attribute = request.text("attribute");
        if (attribute == null) {
            throw HarperException.badRequest("Attribute name is required");
        }
        HarperNames.checkAttribute(attribute);
        if (!catalog.createAttribute(table, attribute)) {
            throw HarperException.badRequest("attribute '" + attribute + "' already exists in " + table.qualifiedName());
        }
        return HarperJson.message("attribute '" + table.qualifiedName() + "." + attribute + "' successfully created.");
    }

    /** Harper's createAttribute is no super-user operation: structure users, or insert permission on the table. */
    private TableMeta attributeTable(OperationRequest request) {
        if (request.access().structureGranted(request.operation(), request.database())) {
            return tables.requireUnchecked(request, 404);
        }
        TableMeta table = tables.require(request, 404);
        request.access().requireTable(table.database(), table.name(), TablePermission.INSERT);
        return table;
    }

    private JsonNode dropAttribute(OperationRequest request) {
        if (!request.access().structureGranted(request.operation(), request.database())) {
            request.access().requireSuperUser("dropAttribute");
        }
        TableMeta table = tables.requireUnchecked(request, 404);
        String attribute = request.text("attribute");
        if (attribute == null) {
            throw HarperException.badRequest("'attribute' is required");
        }
        if (table.isTimestamp(attribute)) {
            throw HarperException.badRequest("cannot drop internal timestamp attribute: " + attribute);
        }
        if (attribute.equals(table.primaryKey())) {
            // Harper lets this through and leaves a table without a key; Caravan keeps the key.
            throw HarperException.badRequest("cannot drop the primary key attribute: " + attribute);
        }
        catalog.dropAttribute(table, attribute);
        return HarperJson.message("successfully deleted attribute '" + attribute + "'");
    }
}
