package dev.caravan.search;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.core.HarperException;
import dev.caravan.store.ColumnKind;
import dev.caravan.store.JsNumber;
import dev.caravan.store.TableMeta;
import dev.caravan.store.ValueCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates a condition tree into a Derby WHERE clause over the store layout, values always bound.
 * Comparisons are type-strict: a number only meets numbers, a string only strings (Harper: "30" never
 * matches 30, observed §4), so a TEXT column is tested on its type tag first. Derby compares VARCHARs
 * blank-padded ('a' = 'a '), so string equality also compares lengths.
 */
public final class ConditionSql {
    private static final String NUMBER_TAG = "'n'";
    private static final String BOOLEAN_TAG = "'b'";

    private final TableMeta table;

    public ConditionSql(TableMeta table) {
        this.table = table;
    }

    public SqlFragment where(Condition condition) {
        if (condition instanceof Condition.Group group) {
            List<SqlFragment> parts = new ArrayList<>();
            for (Condition c : group.conditions()) {
                parts.add(where(c));
            }
            return group.or() ? SqlFragment.or(parts) : SqlFragment.and(parts);
        }
        return comparison((Condition.Comparison) condition);
    }

    private SqlFragment comparison(Condition.Comparison c) {
        SqlAttribute attribute = SqlAttribute.of(table, c.attribute());
        JsonNode value = c.value();
        boolean isNull = value == null || value.isNull();
        return switch (c.type()) {
            case EQUALS -> isNull ? isNull(attribute) : equalTo(attribute, value);
            case NOT_EQUAL -> isNull ? isNotNull(attribute) : notEqualTo(attribute, value);
            case BETWEEN -> between(attribute, value);
            default -> {
                if (isNull) {
                    throw HarperException.badRequest("Search condition for " + c.attribute() + " must have a value");
                }
                yield switch (c.type()) {
                    case CONTAINS -> like(attribute, "%" + escapeLike(textOf(value)) + "%", value);
                    case STARTS_WITH -> like(attribute, escapeLike(textOf(value)) + "%", value);
                    case ENDS_WITH -> like(attribute, "%" + escapeLike(textOf(value)), value);
                    case GREATER_THAN -> range(attribute, ">", value);
                    case GREATER_THAN_EQUAL -> range(attribute, ">=", value);
                    case LESS_THAN -> range(attribute, "<", value);
                    case LESS_THAN_EQUAL -> range(attribute, "<=", value);
                    default -> throw new IllegalStateException("unhandled comparator " + c.type());
                };
            }
        };
    }

    /** equals null matches null and absent values; an attribute without a column is null everywhere. */
    private static SqlFragment isNull(SqlAttribute a) {
        return a.kind() == ColumnKind.NONE ? SqlFragment.TRUE : SqlFragment.of(a.value() + " IS NULL");
    }

    private static SqlFragment isNotNull(SqlAttribute a) {
        return a.kind() == ColumnKind.NONE ? SqlFragment.FALSE : SqlFragment.of(a.value() + " IS NOT NULL");
    }

    /** Two-valued (never UNKNOWN) for a non-null column, so notEqualTo can negate it. */
    private static SqlFragment equalTo(SqlAttribute a, JsonNode value) {
        if (a.primaryKey() && ValueCodec.isKeyType(value)) {
            return keyEqualTo(value);
        }
        if (value.isNumber()) {
            return switch (a.kind()) {
                case NUMBER -> SqlFragment.of(a.value() + " = ?", value.doubleValue());
                case TEXT -> SqlFragment.of("(" + tagIs(a, NUMBER_TAG) + " AND " + a.value() + " = ?)",
                        JsNumber.text(value.doubleValue()));
                default -> SqlFragment.FALSE;
            };
        }
        if (value.isTextual()) {
            return a.kind() == ColumnKind.TEXT
                    ? SqlFragment.of("(" + a.tag() + " IS NULL AND " + a.value() + " = ? AND LENGTH(" + a.value()
                            + ") = ?)", value.textValue(), value.textValue().length())
                    : SqlFragment.FALSE;
        }
        if (value.isBoolean()) {
            return switch (a.kind()) {
                case BOOLEAN -> SqlFragment.of(a.value() + " = ?", value.booleanValue());
                case TEXT -> SqlFragment.of("(" + tagIs(a, BOOLEAN_TAG) + " AND " + a.value() + " = ?)",
                        value.booleanValue() ? "true" : "false");
                default -> SqlFragment.FALSE;
            };
        }
        return SqlFragment.FALSE; // Harper finds no record equal to an array or object
    }

    private static SqlFragment keyEqualTo(JsonNode value) {
        String key;
        try {
            key = ValueCodec.encodeKey(value);
        } catch (IllegalArgumentException tooLong) {
            return SqlFragment.FALSE;
        }
        return SqlFragment.of(TableMeta.KEY_COLUMN + " = ?", key);
    }

    /** Harper's not_equal skips records whose value is null or absent (observed §4). */
    private static SqlFragment notEqualTo(SqlAttribute a, JsonNode value) {
        SqlFragment equal = equalTo(a, value);
        if (a.primaryKey() && ValueCodec.isKeyType(value)) {
            return SqlFragment.of("NOT (" + equal.sql() + ")", equal.params().toArray());
        }
        if (a.kind() == ColumnKind.NONE) {
            return SqlFragment.FALSE;
        }
        return SqlFragment.of("(" + a.value() + " IS NOT NULL AND NOT (" + equal.sql() + "))",
                equal.params().toArray());
    }

    /** Only strings are searched by text; a number or boolean value is searched as its text. */
    private static SqlFragment like(SqlAttribute a, String pattern, JsonNode value) {
        if (a.kind() != ColumnKind.TEXT || value.isContainerNode()) {
            return SqlFragment.FALSE;
        }
        return SqlFragment.of("(" + a.tag() + " IS NULL AND " + a.value() + " LIKE ? ESCAPE '\\')", pattern);
    }

    private static SqlFragment range(SqlAttribute a, String operator, JsonNode value) {
        if (value.isNumber()) {
            return switch (a.kind()) {
                case NUMBER -> SqlFragment.of(a.value() + " " + operator + " ?", value.doubleValue());
                case TEXT -> SqlFragment.of("(" + tagIs(a, NUMBER_TAG) + " AND " + TextNumberFunction.numberOf(a)
                        + " " + operator + " ?)", value.doubleValue());
                default -> SqlFragment.FALSE;
            };
        }
        if (value.isTextual()) {
            return a.kind() == ColumnKind.TEXT
                    ? SqlFragment.of("(" + a.tag() + " IS NULL AND " + a.value() + " " + operator + " ?)",
                            value.textValue())
                    : SqlFragment.FALSE;
        }
        if (value.isBoolean()) {
            return switch (a.kind()) {
                case BOOLEAN -> SqlFragment.of(a.value() + " " + operator + " ?", value.booleanValue());
                case TEXT -> SqlFragment.of("(" + tagIs(a, BOOLEAN_TAG) + " AND " + a.value() + " " + operator
                        + " ?)", value.booleanValue() ? "true" : "false");
                default -> SqlFragment.FALSE;
            };
        }
        return SqlFragment.FALSE;
    }

    /** Inclusive [low, high]; Harper applies no filter when the value is not an array (observed §4). */
    private static SqlFragment between(SqlAttribute a, JsonNode value) {
        if (value == null || !value.isArray()) {
            return SqlFragment.TRUE;
        }
        List<SqlFragment> bounds = new ArrayList<>();
        JsonNode low = value.path(0);
        JsonNode high = value.path(1);
        if (!low.isMissingNode() && !low.isNull()) {
            bounds.add(range(a, ">=", low));
        }
        if (!high.isMissingNode() && !high.isNull()) {
            bounds.add(range(a, "<=", high));
        }
        return SqlFragment.and(bounds);
    }

    /** A tag test that is never UNKNOWN: strings have no tag. */
    private static String tagIs(SqlAttribute a, String tag) {
        return "COALESCE(" + a.tag() + ", 's') = " + tag;
    }

    static String textOf(JsonNode value) {
        if (value.isNumber()) {
            return JsNumber.text(value.doubleValue());
        }
        return value.asText();
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
