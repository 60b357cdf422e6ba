package dev.caravan.search;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.auth.AttributePermissions;
import dev.caravan.auth.TablePermission;
import dev.caravan.core.HarperException;
import dev.caravan.operations.OperationRegistry;
import dev.caravan.operations.OperationRequest;
import dev.caravan.ops.Tables;
import dev.caravan.store.RowShape;
import dev.caravan.store.Store;
import dev.caravan.store.TableMeta;
import dev.caravan.store.UnknownAttributeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * search_by_hash / search_by_id, search_by_value and search_by_conditions, with Harper's validation
 * messages and statuses (docs/harper-observed.md §4, contract §13). Without get_attributes,
 * search_by_value and search_by_conditions return every attribute.
 */
public class SearchOperations {
    private final Tables tables;
    private final Store store;

    public SearchOperations(Tables tables, Store store) {
        this.tables = tables;
        this.store = store;
    }

    public void register(OperationRegistry registry) {
        registry.register("search_by_hash", request -> byHash(request).collect())
                .register("search_by_id", request -> byHash(request).collect())
                .register("search_by_value", request -> byValue(request).collect())
                .register("search_by_conditions", request -> byConditions(request).collect());
    }

    /** A search of one of the three kinds, not yet run: what an export checks and then streams. */
    public RecordQuery query(OperationRequest request) {
        return switch (request.operation()) {
            case "search_by_hash" -> byHash(request);
            case "search_by_value" -> byValue(request);
            case "search_by_conditions" -> byConditions(request);
            default -> throw new IllegalArgumentException("not a search operation: " + request.operation());
        };
    }

    private RecordQuery byHash(OperationRequest request) {
        JsonNode ids = request.field("hash_values") != null ? request.field("hash_values") : request.field("ids");
        JsonNode getAttributes = request.field("get_attributes");
        RequestProblems problems = new RequestProblems();
        if (ids == null) {
            problems.add("'hash_values' is required");
        } else if (!ids.isArray()) {
            problems.add("'hash_values' must be an array");
        }
        if (getAttributes == null) {
            problems.add("'get_attributes' is required");
        }
        problems.checkGetAttributes(getAttributes, "item");
        problems.throwIfAny(500);
        TableMeta table = readableTable(request);
        return new TableQuery(store, table, () -> {
            RowShape shape = shape(request, table, getAttributes, 500, List.of());
            return (c, sink) -> HashSearch.find(c, shape, ids, sink);
        });
    }

    private RecordQuery byValue(OperationRequest request) {
        String attribute = firstText(request, "search_attribute", "attribute");
        boolean hasValue = request.body().has("search_value") || request.body().has("value");
        JsonNode value = request.body().has("search_value") ? request.body().get("search_value")
                : request.body().get("value");
        JsonNode getAttributes = request.field("get_attributes");
        RequestProblems problems = new RequestProblems();
        if (attribute == null) {
            problems.add("'attribute' is required");
        }
        if (!hasValue) {
            problems.add("'value' is required");
        }
        problems.checkGetAttributes(getAttributes, "items");
        Page page = problems.page(request);
        problems.throwIfAny(500);
        if (value.isNull()) {
            throw HarperException.serverError("'value' must not be null; use search_by_conditions to find null values");
        }
        if (value.isContainerNode()) {
            throw HarperException.serverError("Unable to serialize object as a key: " + value);
        }
        boolean descending = request.body().path("desc").asBoolean(false);
        TableMeta table = readableTable(request);
        Optional<Condition> condition = ValueSearch.condition(attribute, value);
        return new TableQuery(store, table, () -> valueSelect(table, attribute, condition, descending,
                shape(request, table, getAttributes, 500, List.of(attribute)), page)::stream);
    }

    /** A value search's SELECT; "*" is a scan in primary-key order, any other value follows the attribute's index. */
    private static Select valueSelect(TableMeta table, String attribute, Optional<Condition> condition,
                                      boolean descending, RowShape shape, Page page) {
        try {
            SqlFragment where = condition.map(new ConditionSql(table)::where).orElse(SqlFragment.TRUE);
            String orderBy = condition.isEmpty() ? OrderBy.byPrimaryKey(table, descending)
                    : OrderBy.of(table, List.of(new SortKey(attribute, descending)), descending);
            return new Select(shape, where, orderBy, page);
        } catch (UnknownAttributeException e) {
            throw HarperException.serverError(e.getMessage());
        }
    }

    private RecordQuery byConditions(OperationRequest request) {
        TableMeta table = conditionsTable(request);
        JsonNode operator = request.field("operator");
        JsonNode conditions = request.field("conditions");
        JsonNode getAttributes = request.field("get_attributes");
        RequestProblems problems = new RequestProblems();
        if (!ConditionParser.isValidOperator(operator)) {
            problems.add(ConditionParser.OPERATOR_CHOICES);
            if (!operator.isTextual()) {
                problems.add("'operator' must be a string");
            }
        }
        if (conditions != null && conditions.isArray() && conditions.isEmpty()) {
            problems.add("'conditions' must contain at least 1 items");
        }
        problems.checkGetAttributes(getAttributes, "items");
        Page page = problems.page(request);
        problems.throwIfAny(400);
        if (conditions == null) {
            throw HarperException.serverError("'conditions' is required");
        }
        if (!conditions.isArray()) {
            throw HarperException.serverError("'conditions' must be an array");
        }
        Condition condition = ConditionParser.parse(operator, conditions);
        List<SortKey> sort = sortKeys(request.field("sort"));
        List<String> searched = new ArrayList<>(condition.attributes());
        sort.forEach(key -> searched.add(key.attribute()));
        return new TableQuery(store, table,
                () -> conditionsSelect(table, condition, sort, shape(request, table, getAttributes, 400, searched), page)::stream);
    }

    private static Select conditionsSelect(TableMeta table, Condition condition, List<SortKey> sort, RowShape shape,
                                           Page page) {
        SqlFragment where = new ConditionSql(table).where(condition);
        for (SortKey key : sort) {
            if (!table.hasAttribute(key.attribute())) {
                throw HarperException.notFound(key.attribute() + " is not a defined attribute");
            }
        }
        List<SortKey> order = sort.isEmpty() ? List.of(new SortKey(condition.firstAttribute(), false)) : sort;
        return new Select(shape, where, OrderBy.of(table, order, false), page);
    }

    /** The table a search reads: 403 for a table outside the user's role comes before 404 (observed §6). */
    private TableMeta readableTable(OperationRequest request) {
        String name = request.text("table");
        if (name != null) {
            request.access().requireTable(request.database(), name, TablePermission.READ);
        }
        return tables.require(request, 404);
    }

    /** search_by_conditions answers a missing table with 400 "Table x not found" (observed §4). */
    private TableMeta conditionsTable(OperationRequest request) {
        String name = request.text("table");
        if (name == null) {
            throw HarperException.badRequest("'table' is required");
        }
        String database = request.database();
        request.access().requireTable(database, name, TablePermission.READ);
        if (!tables.catalog().hasDatabase(database)) {
            throw HarperException.notFound("database '" + database + "' does not exist");
        }
        return tables.catalog().table(database, name)
                .orElseThrow(() -> HarperException.badRequest("Table " + name + " not found"));
    }

    /** Harper's sort {attribute, descending, next: {...}} as a list of keys. */
    private static List<SortKey> sortKeys(JsonNode sort) {
        List<SortKey> keys = new ArrayList<>();
        for (JsonNode s = sort; s != null && !s.isNull() && !s.isMissingNode(); s = s.get("next")) {
            JsonNode attribute = s.get("attribute");
            if (attribute == null || attribute.isNull() || attribute.asText().isEmpty()) {
                throw HarperException.badRequest("Sort requires an attribute");
            }
            keys.add(new SortKey(attribute.asText(), s.path("descending").asBoolean(false)));
        }
        return keys;
    }

    /**
     * The role's view of the table (docs/harper-observed.md §8): for a role with attribute restrictions
     * "*" and a missing get_attributes (where Harper returns the whole stored record) are the readable
     * attributes, and every searched, sorted or named attribute needs read.
     */
    private static RowShape shape(OperationRequest request, TableMeta table, JsonNode getAttributes, int unknownStatus,
                                  List<String> searched) {
        AttributePermissions permissions = request.access().attributes(table);
        if (!permissions.isRestricted()) {
            return shape(table, getAttributes, unknownStatus);
        }
        List<String> returned = new ArrayList<>();
        if (getAttributes == null || "*".equals(getAttributes.get(0).asText())) {
            returned.addAll(permissions.readable());
        } else {
            getAttributes.forEach(a -> returned.add(a.asText()));
        }
        List<String> read = new ArrayList<>(searched);
        read.addAll(returned);
        permissions.require(read, TablePermission.READ);
        if (returned.isEmpty()) {
            throw HarperException.serverError("'get_attributes' must contain at least 1 item"); // Harper's answer, observed §8
        }
        return RowShape.named(table, returned);
    }

    /** Without get_attributes every attribute; an unknown one answers with the operation's status. */
    private static RowShape shape(TableMeta table, JsonNode getAttributes, int unknownStatus) {
        if (getAttributes == null) {
            return RowShape.all(table);
        }
        try {
            return RowShape.of(table, getAttributes);
        } catch (UnknownAttributeException e) {
            throw new HarperException(unknownStatus, e.getMessage());
        }
    }

    private static String firstText(OperationRequest request, String name, String alternative) {
        String value = request.text(name);
        return value != null ? value : request.text(alternative);
    }
}
