package dev.caravan.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperException;
import dev.caravan.store.TableMeta;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a role may do with each attribute of one table, as Harper 4.7.29 translates a role's
 * attribute_permissions (docs/harper-observed.md §8): none listed means no restriction; once any is
 * listed, an unlisted attribute (timestamps and new attributes included) has no right at all, and an
 * unlisted primary key has each right some listed attribute has.
 */
public final class AttributePermissions {
    /** Harper's text, with its typo. */
    static final String TIMESTAMP_WRITE =
            "Internal timestamp attributes - '__createdtime_' and '__updatedtime__' - cannot be inserted to or updated by HDB users.";
    private static final AttributePermissions UNRESTRICTED = new AttributePermissions(null, Map.of(), List.of());

    /** The rights on one attribute; a timestamp only ever has read. */
    record Grant(boolean read, boolean insert, boolean update) {
        static final Grant NONE = new Grant(false, false, false);

        /** Harper's "describe": an attribute the role holds nothing on is one that does not exist for it. */
        boolean visible() {
            return read || insert || update;
        }

        boolean lacks(TablePermission permission) {
            return switch (permission) {
                case READ -> !read;
                case INSERT -> !insert;
                case UPDATE -> !update;
                case DELETE -> false; // attribute_permissions have no delete right
            };
        }

        Grant or(Grant other) {
            return new Grant(read || other.read, insert || other.insert, update || other.update);
        }
    }

    private final TableMeta table;
    private final Map<String, Grant> grants;
    /** The readable attributes in Harper's order for "*". */
    private final List<String> readable;

    private AttributePermissions(TableMeta table, Map<String, Grant> grants, List<String> readable) {
        this.table = table;
        this.grants = grants;
        this.readable = readable;
    }

    public static AttributePermissions unrestricted() {
        return UNRESTRICTED;
    }

    /** The table's rights from a role's attribute_permissions array (null or empty: unrestricted). */
    static AttributePermissions of(TableMeta table, JsonNode attributePermissions) {
        if (attributePermissions == null || !attributePermissions.isArray() || attributePermissions.isEmpty()) {
            return UNRESTRICTED;
        }
        Map<String, Grant> listed = new HashMap<>();
        for (JsonNode p : attributePermissions) {
            String name = p.path("attribute_name").asText();
            boolean read = p.path("read").asBoolean(false);
            listed.putIfAbsent(name, table.isTimestamp(name) ? new Grant(read, false, false)
                    : new Grant(read, p.path("insert").asBoolean(false), p.path("update").asBoolean(false)));
        }
        String key = table.primaryKey();
        Grant keyGrant = listed.get(key);
        boolean keyListed = keyGrant != null;
        if (!keyListed) {
            keyGrant = Grant.NONE;
            for (Grant g : listed.values()) {
                keyGrant = keyGrant.or(g);
            }
        }
        // Harper's "*" order: the table's attribute order, an unlisted primary key moved to the end.
        Map<String, Grant> grants = new LinkedHashMap<>();
        for (String name : table.allAttributeNames()) {
            if (!name.equals(key) || keyListed) {
                grants.put(name, listed.getOrDefault(name, Grant.NONE));
            }
        }
        if (!keyListed) {
            grants.put(key, keyGrant);
        }
        List<String> readable = new ArrayList<>();
        grants.forEach((name, g) -> {
            if (g.read()) {
                readable.add(name);
            }
        });
        return new AttributePermissions(table, grants, List.copyOf(readable));
    }

    public boolean isRestricted() {
        return table != null;
    }

    /** What "*" means for the role; only meaningful when restricted. */
    public List<String> readable() {
        return readable;
    }

    /** Harper's checkAttributePerms: 403 unless the role holds every needed right on every attribute. */
    public void require(Collection<String> attributes, TablePermission... needed) {
        new AttributeDenials().check(this, attributes, needed).throwIfAny();
    }

    /** Every record key, in the order first met, needs the write's rights (insert, update, upsert, loads). */
    public void requireWrite(Iterable<ObjectNode> records, TablePermission... needed) {
        if (!isRestricted()) {
            return;
        }
        Set<String> keys = new LinkedHashSet<>();
        for (ObjectNode record : records) {
            for (Iterator<String> it = record.fieldNames(); it.hasNext();) {
                keys.add(it.next());
            }
        }
        require(keys, needed);
    }

    /** Adds what the attributes lack to denials; a written timestamp the role sees fails at once, as in Harper. */
    void collect(Collection<String> attributes, List<TablePermission> needed, AttributeDenials denials) {
        if (!isRestricted()) {
            return;
        }
        for (String attribute : new LinkedHashSet<>(attributes)) {
            Grant grant = grants.get(attribute);
            if (grant == null || !grant.visible()) {
                denials.missing("Attribute '" + attribute + "' does not exist on '" + table.qualifiedName() + "'");
                continue;
            }
            for (TablePermission p : needed) {
                if (table.isTimestamp(attribute) && p != TablePermission.READ) {
                    throw new HarperException(403, TIMESTAMP_WRITE);
                }
                if (grant.lacks(p)) {
                    denials.lacking(table.database(), table.name(), attribute, p);
                }
            }
        }
    }
}
