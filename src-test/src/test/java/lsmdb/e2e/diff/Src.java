package lsmdb.e2e.diff;

/** A table as a query names it: with an alias (joins, subqueries) or without (single-table queries use {@code {k}}). */
record Src(TableModel table, String alias) {

    /** Column {@code i} as the query writes it. */
    String col(int i) {
        if (alias == null) {
            return i == 0 ? "{k}" : table.columns().get(i);
        }
        return alias + "." + table.columns().get(i);
    }

    /** Column {@code i} qualified, as a subquery refers to it (the key plain: no {@code {k}} inside a subquery). */
    String qualified(int i) {
        return (alias == null ? table.name() : alias) + "." + table.columns().get(i);
    }

    ColumnType type(int i) {
        return table.types().get(i);
    }

    int width() {
        return table.columns().size();
    }

    /** {@code t0 a}, or {@code t0}. */
    String from() {
        return alias == null ? table.name() : table.name() + " " + alias;
    }
}
