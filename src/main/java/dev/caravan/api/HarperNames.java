package dev.caravan.api;

/** Harper's rules for database, table and attribute names (spec §1.3, §3.3). */
public final class HarperNames {
    public static final int MAX_LENGTH = 250;

    private HarperNames() {
    }

    /** Printable ASCII (0x20-0x7E) without '/' and '`'. */
    public static boolean isAllowed(String name) {
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch < 0x20 || ch > 0x7E || ch == '/' || ch == '`') {
                return false;
            }
        }
        return true;
    }

    /** Checks an attribute name of a record written through insert/update/upsert. */
    public static void checkAttribute(String name) {
        if (name.isEmpty() || "null".equals(name) || "undefined".equals(name)) {
            throw ApiException.badRequest("Invalid attribute name: '" + name + "'");
        }
        if (!isAllowed(name)) {
            throw ApiException.badRequest("Attribute names cannot include backticks or forward slashes");
        }
        if (name.length() > MAX_LENGTH) {
            throw ApiException.badRequest("transaction aborted due to attribute name " + name
                    + " being too long. Attribute names cannot be longer than 250 bytes.");
        }
    }
}
