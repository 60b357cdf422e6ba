package dev.caravan.search;

import dev.caravan.store.ColumnKind;
import dev.caravan.store.TableMeta;
import java.util.ArrayList;
import java.util.List;

/**
 * ORDER BY in Harper's index order: null first, then booleans, numbers, strings, each in its own
 * order (a mixed TEXT column sorts by type rank, then number, then text). Ties fall back to the
 * primary key, numbers before strings, so every order is total and paging is stable.
 */
public final class OrderBy {
    private OrderBy() {
    }

    /** Sorted by the given attributes, then by primary key in keyDescending direction. */
    public static String of(TableMeta table, List<SortKey> keys, boolean keyDescending) {
        List<String> terms = new ArrayList<>();
        for (SortKey key : keys) {
            terms.addAll(terms(SqlAttribute.of(table, key.attribute()), key.descending()));
        }
        terms.addAll(primaryKeyTerms(table, keyDescending));
        return " ORDER BY " + String.join(", ", terms);
    }

    public static String byPrimaryKey(TableMeta table, boolean descending) {
        return of(table, List.of(), descending);
    }

    private static List<String> primaryKeyTerms(TableMeta table, boolean descending) {
        List<String> terms = new ArrayList<>();
        if (table.attribute(table.primaryKey()) != null) {
            terms.addAll(terms(SqlAttribute.of(table, table.primaryKey()), descending));
        }
        terms.add(TableMeta.KEY_COLUMN + (descending ? " DESC" : " ASC"));
        return terms;
    }

    static List<String> terms(SqlAttribute a, boolean descending) {
        String direction = descending ? " DESC NULLS LAST" : " ASC NULLS FIRST";
        if (a.kind() == ColumnKind.NONE) {
            return List.of();
        }
        if (a.kind() != ColumnKind.TEXT) {
            return List.of(a.value() + direction);
        }
        String typeRank = "CASE WHEN " + a.value() + " IS NULL THEN 0 WHEN " + a.tag() + " = 'j' THEN 1 WHEN "
                + a.tag() + " = 'b' THEN 2 WHEN " + a.tag() + " = 'n' THEN 3 ELSE 4 END";
        return List.of(typeRank + direction, TextNumberFunction.numberOf(a) + direction, a.value() + direction);
    }
}
