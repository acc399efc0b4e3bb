package lsmdb.e2e.slt;

/** How a query's values are ordered before they are compared or hashed. */
enum SortMode {
    /** Values in the order the database returned them. */
    NOSORT,
    /** Rows sorted as strings, column by column. */
    ROWSORT,
    /** Every value sorted on its own, ignoring rows. */
    VALUESORT;

    static SortMode parse(String word) {
        return switch (word) {
            case "nosort" -> NOSORT;
            case "rowsort" -> ROWSORT;
            case "valuesort" -> VALUESORT;
            default -> throw new IllegalArgumentException("unknown sort mode " + word);
        };
    }
}
