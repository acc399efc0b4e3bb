package lsmdb.sql.expr;

import lsmdb.sql.SqlType;

/**
 * Slot {@code index} of the row {@code depth} queries out: 0 is the current query's row, 1 the enclosing query's
 * (a correlated reference), and so on.
 */
public record ColumnRef(int depth, int index, String name, SqlType type) implements Expr {

    @Override
    public Object eval(Env env) {
        Env e = env;
        for (int d = depth; d > 0; d--) {
            e = e.outer;
        }
        return e.row[index];
    }

    /** Two references are the same when they read the same slot, however they were spelled. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ColumnRef c && c.depth == depth && c.index == index;
    }

    @Override
    public int hashCode() {
        return depth * 31 + index;
    }

    @Override
    public String toString() {
        return name;
    }
}
