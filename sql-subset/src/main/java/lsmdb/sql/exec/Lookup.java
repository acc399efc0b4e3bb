package lsmdb.sql.exec;

import java.sql.SQLException;
import java.util.List;
import lsmdb.sql.expr.Env;

/** Reading a table's rows for key values computed from another row: the inner side of an index join. */
public interface Lookup extends Node {

    /**
     * The rows whose key matches the access path evaluated in {@code keyEnv} (whose row is the outer row), each in
     * the table's own layout (its slot i is the block's slot {@link #from()} + i): the join copies them into the
     * probe row, so they are not first placed in rows of the block's width.
     */
    List<Object[]> lookup(ExecContext ctx, Env keyEnv) throws SQLException;

    /**
     * {@link #lookup} for each of {@code outerRows[0, n)} into {@code out[0, n)}, in that order; an implementation may
     * read all of their keys at once. Leaves {@code keyEnv}'s row unspecified.
     */
    default void lookupAll(ExecContext ctx, Env keyEnv, Object[][] outerRows, int n, List<Object[]>[] out)
            throws SQLException {
        for (int i = 0; i < n; i++) {
            keyEnv.row = outerRows[i];
            out[i] = lookup(ctx, keyEnv);
        }
    }

    /** The slots of the looked-up table in the block's rows. */
    int from();

    int to();
}
