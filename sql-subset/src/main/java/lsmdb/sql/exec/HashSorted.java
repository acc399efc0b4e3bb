package lsmdb.sql.exec;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import lsmdb.sql.SqlType;
import lsmdb.sql.expr.ColumnRef;

/**
 * How a grouping or DISTINCT that outgrew its hash table brings equal rows together: its records lead with hashes
 * (and tags), and are sorted by those leading columns with ORDER BY's external sort, spilling past the budget.
 */
final class HashSorted {

    private HashSorted() {
    }

    /** The records of {@code in} in the order of their first {@code keys} columns (never NULL), ties in input order. */
    static Cursor rows(Cursor in, ExecContext ctx, int keys) throws SQLException {
        List<Sort.SortKey> order = new ArrayList<>();
        for (int i = 0; i < keys; i++) {
            order.add(new Sort.SortKey(new ColumnRef(0, i, "#" + i, SqlType.INTEGER), false, null));
        }
        return SortRuns.sortAll(in, null, ctx, new Sort.Order(order, null), 0, -1, new ArrayList<>());
    }
}
