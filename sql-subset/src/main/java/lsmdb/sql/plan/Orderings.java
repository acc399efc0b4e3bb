package lsmdb.sql.plan;

import java.util.ArrayList;
import java.util.List;
import lsmdb.sql.exec.Basic;
import lsmdb.sql.exec.IndexScan;
import lsmdb.sql.exec.Joins;
import lsmdb.sql.exec.KeyAccess;
import lsmdb.sql.exec.Node;
import lsmdb.sql.exec.SemiJoin;
import lsmdb.sql.exec.TableScan;
import lsmdb.sql.expr.ColumnRef;
import lsmdb.sql.expr.Expr;

/**
 * Which block slots a plan's rows arrive sorted by: a table's key or an index's columns when a scan reads them in
 * order, carried up through filters and joins (which emit their probe side's rows in its order, each with its matches
 * together). Used to group without hashing.
 */
final class Orderings {

    /**
     * @param slots the slots the rows are sorted by, most significant first (ascending or all descending)
     * @param fixed how many leading slots hold one value only (equalities on them)
     */
    record Order(List<Integer> slots, int fixed) {
    }

    private Orderings() {
    }

    /** The order of {@code n}'s rows, or null when none is known. */
    static Order of(Node n) {
        if (n instanceof Basic.Filter f) {
            return of(f.input());
        }
        if (n instanceof Joins.Index j) {
            return of(j.probe());
        }
        if (n instanceof Joins.Hash j) {
            return of(j.probe());
        }
        if (n instanceof Joins.NestedLoop j) {
            return of(j.probe());
        }
        if (n instanceof SemiJoin j) {
            return of(j.probe());
        }
        if (n instanceof lsmdb.sql.exec.LookupSemiJoin j) {
            return of(j.probe());
        }
        if (n instanceof TableScan t) {
            return order(t.table().keySlots(), t.offset(), t.access());
        }
        if (n instanceof IndexScan ix) {
            return order(ix.index().slots(), ix.table().offset(), ix.access());
        }
        return null;
    }

    private static Order order(int[] columns, int offset, KeyAccess access) {
        List<Integer> slots = new ArrayList<>();
        for (int c : columns) {
            slots.add(offset + c);
        }
        // with an IN list on the last equality column its values come in key order, one after another
        int fixed = access.alternatives().size() == 1 ? access.eqCount() : access.eqCount() - 1;
        return new Order(slots, fixed);
    }

    /** Whether rows in this order have each group of {@code groups} (block columns only) together. */
    static boolean groupsTogether(Order order, List<Expr> groups) {
        if (order == null || groups.isEmpty()) {
            return false;
        }
        List<Integer> groupSlots = new ArrayList<>();
        for (Expr g : groups) {
            if (!(g instanceof ColumnRef c) || c.depth() != 0 || !order.slots().contains(c.index())) {
                return false;
            }
            groupSlots.add(c.index());
        }
        int last = 0;
        for (int s : groupSlots) {
            last = Math.max(last, order.slots().indexOf(s));
        }
        for (int j = order.fixed(); j < last; j++) {
            if (!groupSlots.contains(order.slots().get(j))) {
                return false;
            }
        }
        return true;
    }
}
