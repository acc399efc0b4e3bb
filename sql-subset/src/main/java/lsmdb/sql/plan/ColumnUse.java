package lsmdb.sql.plan;

import java.lang.reflect.RecordComponent;
import java.util.BitSet;
import java.util.List;
import lsmdb.sql.exec.Aggregate;
import lsmdb.sql.exec.Sort;
import lsmdb.sql.expr.ColumnRef;
import lsmdb.sql.expr.Expr;

/**
 * Which slots of its rows a SELECT block reads (each FROM item's at its own offset), so an index that holds all of
 * them can answer alone and a table's reader builds only those columns. Conservative: null (cannot tell) for
 * subqueries of any kind and any expression that is not a record built from expressions.
 */
final class ColumnUse {

    private ColumnUse() {
    }

    static BitSet of(Query.Select s) {
        if (s.subqueries() != null && !s.subqueries().isEmpty()) {
            return null;
        }
        BitSet used = new BitSet();
        for (Query.Join j : s.joins()) {
            if (!all(j.on(), used)) {
                return null;
            }
        }
        // an aggregated block's outputs and HAVING read the aggregate's rows, not the table's: still walked (to
        // find what cannot be told), but their slots are not the table's
        BitSet above = s.aggregated() ? new BitSet() : used;
        boolean known = all(s.where(), used) && all(s.outputs(), above) && all(s.groupBy(), used)
                && walk(s.having(), above) && walk(s.limit(), used) && walk(s.offset(), used);
        for (Aggregate.Call c : s.calls()) {
            known &= walk(c.arg(), used);
        }
        // order keys refer to output slots (Query.Select), not the table's: the outputs are walked above, and each
        // is still walked here only to find what cannot be told
        BitSet outputSlots = new BitSet();
        for (Sort.SortKey k : s.order()) {
            known &= walk(k.expr(), outputSlots);
        }
        return known ? used : null;
    }

    private static boolean all(List<Expr> exprs, BitSet used) {
        for (Expr e : exprs) {
            if (!walk(e, used)) {
                return false;
            }
        }
        return true;
    }

    private static boolean walk(Object o, BitSet used) {
        if (o == null) {
            return true;
        }
        if (o instanceof ColumnRef c) {
            if (c.depth() == 0) {
                used.set(c.index());
            }
            return true;
        }
        if (o instanceof List<?> list) {
            for (Object x : list) {
                if (!walk(x, used)) {
                    return false;
                }
            }
            return true;
        }
        if (!(o instanceof Expr)) {
            return true; // a type, a name, an operator: no slot
        }
        Class<?> k = o.getClass();
        if (!k.isRecord() || k.getName().startsWith("lsmdb.sql.exec.Subqueries")) {
            return false;
        }
        for (RecordComponent rc : k.getRecordComponents()) {
            Object v;
            try {
                rc.getAccessor().setAccessible(true);
                v = rc.getAccessor().invoke(o);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return false;
            }
            if (v instanceof lsmdb.sql.exec.Node) {
                return false; // a plan inside an expression: a subquery
            }
            if ((v instanceof Expr || v instanceof List<?>) && !walk(v, used)) {
                return false;
            }
        }
        return true;
    }
}
