package lsmdb.sql.plan;

import java.util.ArrayList;
import java.util.List;
import lsmdb.sql.SqlType;
import lsmdb.sql.catalog.Table;
import lsmdb.sql.exec.Basic;
import lsmdb.sql.exec.IndexScan;
import lsmdb.sql.exec.KeyAccess;
import lsmdb.sql.exec.Lookup;
import lsmdb.sql.exec.Node;
import lsmdb.sql.exec.TableScan;
import lsmdb.sql.expr.ColumnRef;
import lsmdb.sql.expr.Conditions;
import lsmdb.sql.expr.Conditions.CompareOp;
import lsmdb.sql.expr.Expr;

/**
 * The conditions a primary-key range scan's bounds carry: comparisons of an integer key column with the very value
 * expression the scan's access was built from. On an integer key, equality and order are the key's, so when this
 * execution's values convert into the key without loss the scan reads exactly the rows they select, and the filter
 * above it need not check them again ({@link Basic.Filter#keyed}). Point lookups are left alone: they return one row.
 * The same holds for an index range over integer index columns.
 */
final class KeyCarried {

    private KeyCarried() {
    }

    /** The filter of {@code conjuncts} over {@code scan}; keyed when the scan's bounds carry some of them. */
    static Node filter(TableScan scan, List<Expr> conjuncts, Expr predicate) {
        KeyAccess a = scan.access();
        int[] keys = scan.table().keySlots();
        if (a.eqCount() >= keys.length || (a.lower() == null && a.upper() == null)) {
            return new Basic.Filter(scan, predicate);
        }
        List<Expr> rest = rest(scan.table(), keys, scan.offset(), a, conjuncts);
        return rest == null ? new Basic.Filter(scan, predicate) : Basic.Filter.keyed(scan, predicate, Exprs.and(rest));
    }

    /**
     * The filter of {@code conjuncts} over a primary-key point {@code scan} that is a join's probe side, keyed when
     * the point carries the equalities, so an exact execution hands the looked-up row on unchecked (the join reads
     * it straight from the scan); null when the scan is no such point. Only for joins: a one-table point query keeps
     * its plain filter, which the point paths ({@code PointUpdate}, statement shortcuts) look for.
     */
    static Basic.Filter keyedPoint(TableScan scan, List<Expr> conjuncts, Expr predicate) {
        KeyAccess a = scan.access();
        if (predicate == null || a.eqCount() < scan.table().keySlots().length || a.lower() != null
                || a.upper() != null) {
            return null;
        }
        List<Expr> rest = rest(scan.table(), scan.table().keySlots(), scan.offset(), a, conjuncts);
        return rest == null ? null : Basic.Filter.keyed(scan, predicate, Exprs.and(rest));
    }

    /**
     * The filter of {@code conjuncts} over an index scan: keyed when the index range carries some of them, so an
     * exact execution checks only the others (none for {@code WHERE customer_id = ?} on an index of it).
     */
    static Node filter(IndexScan scan, List<Expr> conjuncts, Expr predicate) {
        List<Expr> rest = rest(scan.table().table(), scan.index().slots(), scan.table().offset(), scan.access(),
                conjuncts);
        return rest == null ? new Basic.Filter(scan, predicate) : Basic.Filter.keyed(scan, predicate, Exprs.and(rest));
    }

    /** The conjuncts (the very objects) the index range of {@code scan} carries; empty when none. */
    static List<Expr> carried(IndexScan scan, List<Expr> conjuncts) {
        List<Expr> rest = rest(scan.table().table(), scan.index().slots(), scan.table().offset(), scan.access(),
                conjuncts);
        List<Expr> carried = new ArrayList<>();
        if (rest != null) {
            for (Expr c : conjuncts) {
                if (!Exprs.containsSame(rest, c)) {
                    carried.add(c);
                }
            }
        }
        return carried;
    }

    /**
     * The conjuncts left once those that {@code a}'s bounds over the integer columns {@code keys} (table columns at
     * {@code offset} in the block) carry are taken out; null when the bounds carry none of them or a bound is not
     * one of the conjuncts (BETWEEN, LIKE, an IN list), so all must still be checked.
     */
    private static List<Expr> rest(Table t, int[] keys, int offset, KeyAccess a, List<Expr> conjuncts) {
        if (a.alternatives().size() != 1 || (a.eqCount() == 0 && a.lower() == null && a.upper() == null)) {
            return null;
        }
        List<Expr> rest = new ArrayList<>(conjuncts);
        List<Expr> eq = a.alternatives().get(0);
        for (int j = 0; j < a.eqCount(); j++) {
            if (!integral(t, keys[j]) || !remove(rest, offset + keys[j], eq.get(j), CompareOp.EQ)) {
                return null;
            }
        }
        if (a.lower() == null && a.upper() == null) {
            return rest;
        }
        if (a.eqCount() >= keys.length || !integral(t, keys[a.eqCount()])) {
            return null;
        }
        int slot = offset + keys[a.eqCount()];
        boolean carried = true;
        if (a.lower() != null) {
            carried = remove(rest, slot, a.lower(), a.lowerInclusive() ? CompareOp.GE : CompareOp.GT);
        }
        if (a.upper() != null) {
            carried &= remove(rest, slot, a.upper(), a.upperInclusive() ? CompareOp.LE : CompareOp.LT);
        }
        // a bound from BETWEEN or LIKE: leave the whole predicate to the filter
        return carried ? rest : null;
    }

    /**
     * The conditions of an index join left to check per joined row once {@code lookup}'s key equalities are taken
     * out: an equality of an integer key column with a column of {@code known} rows (see below) whose integer type
     * fits in the key's, so every value of it converts into the key exactly and the lookup finds exactly the rows
     * it selects (a NULL finds none, as the comparison would pass none). Other values (a parameter, a DECIMAL column)
     * may not convert, and the lookup then reads wider; their conditions stay.
     *
     * @param known whether a column reference reads a table column of the rows the lookup is made from, whose
     *              values have its type
     */
    static List<Expr> uncarriedByLookup(Lookup lookup, List<Expr> conds, java.util.function.Predicate<ColumnRef> known) {
        TableScan scan = lookup instanceof IndexScan ix ? ix.table() : (TableScan) lookup;
        Table t = scan.table();
        int[] keys = lookup instanceof IndexScan ix ? ix.index().slots() : t.keySlots();
        KeyAccess a = lookup instanceof IndexScan ix ? ix.access() : scan.access();
        if (a.alternatives().size() != 1) {
            return conds;
        }
        List<Expr> rest = new ArrayList<>(conds);
        List<Expr> eq = a.alternatives().get(0);
        for (int j = 0; j < a.eqCount(); j++) {
            int keyRank = integerRank(t.slots().get(keys[j]).type());
            if (keyRank > 0 && eq.get(j) instanceof ColumnRef v && v.depth() == 0 && known.test(v)
                    && integerRank(v.type()) > 0 && integerRank(v.type()) <= keyRank) {
                remove(rest, scan.offset() + keys[j], v, CompareOp.EQ);
            }
        }
        return rest;
    }

    /** 1 to 4 for TINYINT to BIGINT (each holds every value of a lower one), 0 for other types. */
    private static int integerRank(SqlType t) {
        return t == SqlType.TINYINT ? 1 : t == SqlType.SMALLINT ? 2 : t == SqlType.INTEGER ? 3
                : t == SqlType.BIGINT ? 4 : 0;
    }

    private static boolean integral(Table table, int keySlot) {
        SqlType t = table.slots().get(keySlot).type();
        return t == SqlType.BIGINT || t == SqlType.INTEGER || t == SqlType.SMALLINT || t == SqlType.TINYINT;
    }

    /** Removes from {@code rest} the one comparison {@code slot op value} (either way round); whether there was one. */
    private static boolean remove(List<Expr> rest, int slot, Expr value, CompareOp op) {
        for (int i = 0; i < rest.size(); i++) {
            if (rest.get(i) instanceof Conditions.Compare c) {
                boolean direct = isSlot(c.left(), slot) && c.right() == value && c.op() == op;
                boolean flipped = isSlot(c.right(), slot) && c.left() == value && c.op() == op.flip();
                if (direct || flipped) {
                    rest.remove(i);
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isSlot(Expr e, int slot) {
        return e instanceof ColumnRef c && c.depth() == 0 && c.index() == slot;
    }
}
