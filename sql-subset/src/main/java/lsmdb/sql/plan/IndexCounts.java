package lsmdb.sql.plan;

import java.util.List;
import lsmdb.sql.exec.Aggregate;
import lsmdb.sql.exec.Basic;
import lsmdb.sql.exec.IndexCount;
import lsmdb.sql.exec.IndexScan;
import lsmdb.sql.exec.KeyAccess;
import lsmdb.sql.exec.Node;
import lsmdb.sql.expr.ColumnRef;
import lsmdb.sql.expr.Conditions;
import lsmdb.sql.expr.Expr;

/**
 * Finds the aggregations that counting index entries answers ({@link IndexCount}): only COUNT(*), no GROUP BY, over
 * one index scan whose filter is exactly the equalities the scan's range is made of, on columns whose equality is
 * key equality.
 */
final class IndexCounts {

    private IndexCounts() {
    }

    /** {@code general} (the Aggregate) or an IndexCount that falls back on it. */
    static Node over(Node input, List<Expr> groupBy, List<Aggregate.Call> calls, Node general) {
        if (!groupBy.isEmpty() || calls.isEmpty()
                || !(input instanceof Basic.Filter f) || !(f.input() instanceof IndexScan scan)) {
            return general;
        }
        for (Aggregate.Call c : calls) {
            if (c.kind() != Aggregate.Kind.COUNT_STAR) {
                return general;
            }
        }
        KeyAccess a = scan.access();
        if (a.alternatives().size() != 1 || a.eqCount() == 0 || a.lower() != null || a.upper() != null) {
            return general;
        }
        List<Expr> conjuncts = f.predicate() instanceof Conditions.And and ? and.terms() : List.of(f.predicate());
        List<Expr> values = a.alternatives().get(0);
        if (conjuncts.size() != values.size()) {
            return general;
        }
        int[] slots = scan.index().slots();
        int offset = scan.table().offset();
        boolean[] matched = new boolean[conjuncts.size()];
        for (int i = 0; i < values.size(); i++) {
            if (!IndexCount.countable(scan.table().table().slots().get(slots[i]))) {
                return general;
            }
            int j = 0;
            while (j < conjuncts.size() && (matched[j] || !equates(conjuncts.get(j), offset + slots[i], values.get(i)))) {
                j++;
            }
            if (j == conjuncts.size()) {
                return general;
            }
            matched[j] = true;
        }
        return new IndexCount(scan, calls.size(), general);
    }

    /** Whether {@code c} is {@code column = value} or {@code value = column} (the very expression the range uses). */
    private static boolean equates(Expr c, int slot, Expr value) {
        if (!(c instanceof Conditions.Compare cmp) || cmp.op() != Conditions.CompareOp.EQ) {
            return false;
        }
        return isSlot(cmp.left(), slot) && cmp.right() == value || isSlot(cmp.right(), slot) && cmp.left() == value;
    }

    private static boolean isSlot(Expr e, int slot) {
        return e instanceof ColumnRef r && r.depth() == 0 && r.index() == slot;
    }
}
