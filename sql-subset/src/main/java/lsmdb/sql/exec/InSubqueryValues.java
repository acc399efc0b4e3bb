package lsmdb.sql.exec;

import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import lsmdb.sql.expr.Env;
import lsmdb.sql.types.Comparison;

/**
 * The values of an {@code IN (SELECT ...)} evaluated as an expression (one the planner leaves per row: under OR or
 * CASE, in a select list, over a join), hashed by their group keys and each counted against maxQueryMemory.
 *
 * <p>Past the budget the statement fails with 53200 rather than spilling: the set is probed once per outer row, in
 * the outer rows' order, so a set on disk would cost a file read per row; the IN conjuncts of WHERE that can be
 * partitioned with their outer rows are semi-joins, which do spill ({@link SpilledSemiJoin}).
 */
final class InSubqueryValues {

    private static final String WHAT = "the values of an IN (SELECT ...) evaluated per row (under OR or CASE, in a"
            + " select list, over a join or of a grouped subquery), which cannot spill as a semi-join would";

    private final Set<Object> keys = new HashSet<>();
    /** How many values are not strings: a string operand is compared with each ('1' = 1), not found by hash. */
    private int nonStrings;
    private boolean hasNull;
    private boolean empty = true;
    private long heldBytes;

    private InSubqueryValues() {
    }

    /** The first column of {@code plan}'s rows; 53200 (nothing left counted) when they outgrow the budget. */
    static InSubqueryValues load(Node plan, Env env) throws SQLException {
        ExecContext ctx = (ExecContext) env.context;
        InSubqueryValues values = new InSubqueryValues();
        boolean loaded = false;
        try (Cursor c = plan.open(env.nested())) {
            for (Object[] r; (r = c.next()) != null; ) {
                ctx.tick();
                values.add(r[0], ctx);
            }
            loaded = true;
            return values;
        } finally {
            if (!loaded) {
                values.release(ctx);
            }
        }
    }

    private void add(Object v, ExecContext ctx) throws SQLException {
        empty = false;
        if (v == null) {
            hasNull = true;
            return;
        }
        Object key = Comparison.groupKey(v);
        if (keys.contains(key)) {
            return;
        }
        long bytes = ExecContext.setEntryFootprint(v);
        ctx.reserve(bytes, WHAT);
        heldBytes += bytes;
        keys.add(key);
        if (!(key instanceof String)) {
            nonStrings++;
        }
    }

    /** Whether the subquery had no rows: then IN is false and NOT IN true, whatever the operand. */
    boolean empty() {
        return empty;
    }

    /** SQL's {@code v IN (values)} when there are values: TRUE, FALSE, or null for unknown. */
    Boolean contains(Object v) {
        if (v == null) {
            return null;
        }
        if (keys.contains(Comparison.groupKey(v))) {
            return Boolean.TRUE;
        }
        if (v instanceof String && nonStrings > 0) {
            for (Object x : keys) {
                if (!(x instanceof String) && compares(v, x)) {
                    return Boolean.TRUE;
                }
            }
        }
        return hasNull ? null : Boolean.FALSE;
    }

    private static boolean compares(Object v, Object x) {
        try {
            Object xv = x instanceof ByteBuffer b ? b.array() : x;
            return Comparison.compare(v, xv) == 0;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Gives back the budget the values hold: a correlated IN loads them anew for every outer row. */
    void release(ExecContext ctx) {
        ctx.release(heldBytes);
        heldBytes = 0;
    }
}
