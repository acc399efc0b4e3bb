package lsmdb.sql.plan;

import java.util.ArrayList;
import java.util.List;
import lsmdb.sql.SqlType;
import lsmdb.sql.exec.Basic;
import lsmdb.sql.exec.KeyAccess;
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
 */
final class KeyCarried {

    private KeyCarried() {
    }

    /** The filter of {@code conjuncts} over {@code scan}; keyed when the scan's bounds carry some of them. */
    static Node filter(TableScan scan, List<Expr> conjuncts, Expr predicate) {
        KeyAccess a = scan.access();
        int[] keys = scan.table().keySlots();
        if (a.alternatives().size() != 1 || a.eqCount() >= keys.length || (a.lower() == null && a.upper() == null)) {
            return new Basic.Filter(scan, predicate);
        }
        List<Expr> rest = new ArrayList<>(conjuncts);
        List<Expr> eq = a.alternatives().get(0);
        for (int j = 0; j < a.eqCount(); j++) {
            if (!integral(scan, keys[j]) || !remove(rest, scan.offset() + keys[j], eq.get(j), CompareOp.EQ)) {
                return new Basic.Filter(scan, predicate);
            }
        }
        int slot = scan.offset() + keys[a.eqCount()];
        if (!integral(scan, keys[a.eqCount()])) {
            return new Basic.Filter(scan, predicate);
        }
        boolean carried = true;
        if (a.lower() != null) {
            carried = remove(rest, slot, a.lower(), a.lowerInclusive() ? CompareOp.GE : CompareOp.GT);
        }
        if (a.upper() != null) {
            carried &= remove(rest, slot, a.upper(), a.upperInclusive() ? CompareOp.LE : CompareOp.LT);
        }
        if (!carried) {
            // a bound from BETWEEN or LIKE: leave the whole predicate to the filter
            return new Basic.Filter(scan, predicate);
        }
        return Basic.Filter.keyed(scan, predicate, Exprs.and(rest));
    }

    private static boolean integral(TableScan scan, int keySlot) {
        SqlType t = scan.table().slots().get(keySlot).type();
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
