package lsmdb.sql.exec;

import java.sql.SQLException;
import java.util.List;
import lsmdb.sql.expr.Env;

/**
 * A physical operator: an immutable description, shared by every execution of a cached plan, that opens a
 * {@link Cursor} per execution. Rows are {@code Object[]}; inside one SELECT block every row has the block's full
 * width, each FROM item's columns at its own offset, so expressions never need renumbering as rows are joined.
 */
public interface Node {

    /**
     * Starts producing rows. {@code env} carries the parameters, the execution context and, for a subquery, the
     * enclosing query's environment as {@link Env#outer}; its own row is ignored.
     */
    Cursor open(Env env) throws SQLException;

    /**
     * {@link #open} for a caller that reads each row before asking for the next and keeps no row array (a query's
     * result rows): its cursor may then hand out one array again and again, refilled for every row.
     */
    default Cursor openOneAtATime(Env env) throws SQLException {
        return open(env);
    }

    /** Slots in each row produced. */
    int width();

    /** Appends this operator's EXPLAIN line and its inputs', indented by {@code depth}. */
    void explain(List<String> out, int depth);

    static String indent(int depth) {
        return "  ".repeat(depth);
    }
}
