package dev.caravan.search;

/** Harper SQL identifiers: backticks quote names (`order`, `obs`.`t1`). */
final class Identifiers {
    private Identifiers() {
    }

    static boolean isBackticked(String name) {
        return name.length() >= 2 && name.startsWith("`") && name.endsWith("`");
    }

    /** A double-quoted name is a string literal to Harper, not an identifier (observed §5). */
    static boolean isDoubleQuoted(String name) {
        return name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"");
    }

    static String unquote(String name) {
        if (isBackticked(name) || isDoubleQuoted(name)) {
            return name.substring(1, name.length() - 1);
        }
        return name;
    }
}
