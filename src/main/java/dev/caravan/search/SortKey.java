package dev.caravan.search;

/** One attribute of a sort order, as in Harper's sort {attribute, descending, next}. */
public record SortKey(String attribute, boolean descending) {
}
