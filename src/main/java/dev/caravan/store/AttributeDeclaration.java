package dev.caravan.store;

/**
 * One attribute of create_table's attributes list: its name, its type (null: declared without one, as
 * create_attribute does) and its nullability (null when not given).
 */
public record AttributeDeclaration(String name, DeclaredType type, Boolean nullable) {
}
