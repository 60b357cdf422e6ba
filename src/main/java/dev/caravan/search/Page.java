package dev.caravan.search;

/** offset and limit of a search; limit null = no limit. */
public record Page(long offset, Long limit) {
    public static final Page ALL = new Page(0, null);
}
