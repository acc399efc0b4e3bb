package lsmdb.sql.exec;

import java.sql.SQLException;
import lsmdb.sql.expr.Env;

/**
 * An index join's probe side that is a primary-key point with no other condition ({@code FROM orders o JOIN customers
 * c ON c.id = o.customer_id WHERE o.id = ?}): its row is read with one point get, not through a filter over a scan
 * cursor, so an execution makes no cursor and asks no cursor twice. Found once with the plan ({@link #of}).
 */
record PointProbe(TableScan scan) {

    /** The probe of {@code probe} when it is this shape, else null. */
    static PointProbe of(Node probe) {
        TableScan ts = keyPoint(probe);
        return ts == null ? null : new PointProbe(ts);
    }

    /**
     * The scan under {@code probe} when {@code probe} is a keyed filter with no other condition over a whole-key
     * point of a scan that tests nothing else (no LIKE prefix), else null: the shape of this probe and of
     * {@link KeyOnlyProbe}'s.
     */
    static TableScan keyPoint(Node probe) {
        if (!(probe instanceof Basic.Filter f) || !f.keyed() || f.rest() != null
                || !(f.input() instanceof TableScan ts) || ts.likePrefix() != null) {
            return null;
        }
        KeyAccess a = ts.access();
        boolean point = a.alternatives().size() == 1 && a.eqCount() == ts.table().keySlots().length
                && a.lower() == null && a.upper() == null;
        return point ? ts : null;
    }

    /**
     * This execution's probe row (block width), null when there is none, {@link TableScan#NOT_ONE_KEY} when the
     * bound does not convert into the key exactly (then the filter must be opened and check it).
     */
    Object[] row(ExecContext ctx, Env env) throws SQLException {
        Object[] row = scan.exactRow(ctx, new Env(env.params, env.outer, env.context));
        if (row != null && row != TableScan.NOT_ONE_KEY) {
            ctx.tick();
        }
        return row;
    }
}
