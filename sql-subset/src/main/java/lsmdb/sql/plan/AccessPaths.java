package lsmdb.sql.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import lsmdb.sql.catalog.Index;
import lsmdb.sql.catalog.Table;
import lsmdb.sql.exec.KeyAccess;
import lsmdb.sql.expr.ColumnRef;
import lsmdb.sql.expr.Conditions;
import lsmdb.sql.expr.Conditions.CompareOp;
import lsmdb.sql.expr.Expr;
import lsmdb.sql.expr.Like;
import lsmdb.sql.SqlType;

/**
 * Chooses how to reach a table's rows from the conditions on it: equality on a prefix of the primary key (with an
 * IN list on the last of them), then a range on the next key column (from comparisons, BETWEEN, or a LIKE pattern's
 * fixed prefix). {@code usable} says which value expressions
 * can be computed before the table is read (constants and parameters for a scan; also the outer side's columns for
 * an index join).
 */
final class AccessPaths {

    private AccessPaths() {
    }

    static KeyAccess choose(Table t, int offset, List<Expr> conjuncts, Predicate<Expr> usable) {
        return choose(t.keySlots(), offset, conjuncts, usable);
    }

    /** The best secondary index for the conditions, or null when none is narrower than a full scan. */
    static Index bestIndex(List<Index> indexes, int offset, List<Expr> conjuncts, Predicate<Expr> usable) {
        Index best = null;
        int bestScore = 0;
        for (Index ix : indexes) {
            KeyAccess a = choose(ix.slots(), offset, conjuncts, usable);
            int score = a.eqCount() * 4 + (a.lower() != null ? 1 : 0) + (a.upper() != null ? 1 : 0)
                    - (a.alternatives().size() > 1 ? 1 : 0) + (ix.unique() && a.eqCount() == ix.slots().length ? 2 : 0);
            if (score > bestScore) {
                best = ix;
                bestScore = score;
            }
        }
        return best;
    }

    /** Access over the key columns at block slots {@code offset + keys[j]}. */
    static KeyAccess choose(int[] keys, int offset, List<Expr> conjuncts, Predicate<Expr> usable) {
        List<Expr> eq = new ArrayList<>();
        List<Expr> in = null;
        for (int j = 0; j < keys.length; j++) {
            int slot = offset + keys[j];
            Expr v = equality(conjuncts, slot, usable);
            if (v != null) {
                eq.add(v);
                continue;
            }
            in = inList(conjuncts, slot, usable);
            break;
        }
        List<List<Expr>> alternatives = new ArrayList<>();
        int eqCount = eq.size();
        if (in != null) {
            for (Expr value : in) {
                List<Expr> alt = new ArrayList<>(eq);
                alt.add(value);
                alternatives.add(List.copyOf(alt));
            }
            eqCount++;
        } else {
            alternatives.add(List.copyOf(eq));
        }
        Expr lower = null;
        Expr upper = null;
        boolean lowerInclusive = false;
        boolean upperInclusive = false;
        if (eqCount < keys.length) {
            int slot = offset + keys[eqCount];
            for (Expr c : conjuncts) {
                if (c instanceof Conditions.Between b && !b.not() && isSlot(b.operand(), slot)
                        && usable.test(b.low()) && usable.test(b.high())) {
                    if (lower == null) {
                        lower = b.low();
                        lowerInclusive = true;
                    }
                    if (upper == null) {
                        upper = b.high();
                        upperInclusive = true;
                    }
                    continue;
                }
                if (c instanceof Like like && !like.not() && isSlot(like.operand(), slot)
                        && ((ColumnRef) like.operand()).type() == SqlType.VARCHAR && usable.test(like.pattern())
                        && (like.escape() == null || usable.test(like.escape()))) {
                    if (lower == null) {
                        lower = new LikeBound(like.pattern(), like.escape(), false);
                        lowerInclusive = true;
                    }
                    if (upper == null) {
                        upper = new LikeBound(like.pattern(), like.escape(), true);
                        upperInclusive = false;
                    }
                    continue;
                }
                if (!(c instanceof Conditions.Compare cmp)) {
                    continue;
                }
                CompareOp op;
                Expr value;
                if (isSlot(cmp.left(), slot) && usable.test(cmp.right())) {
                    op = cmp.op();
                    value = cmp.right();
                } else if (isSlot(cmp.right(), slot) && usable.test(cmp.left())) {
                    op = cmp.op().flip();
                    value = cmp.left();
                } else {
                    continue;
                }
                switch (op) {
                    case GT, GE -> {
                        if (lower == null) {
                            lower = value;
                            lowerInclusive = op == CompareOp.GE;
                        }
                    }
                    case LT, LE -> {
                        if (upper == null) {
                            upper = value;
                            upperInclusive = op == CompareOp.LE;
                        }
                    }
                    default -> { }
                }
            }
        }
        return new KeyAccess(List.copyOf(alternatives), eqCount, lower, lowerInclusive, upper, upperInclusive);
    }

    private static boolean isSlot(Expr e, int slot) {
        return e instanceof ColumnRef c && c.depth() == 0 && c.index() == slot;
    }

    private static Expr equality(List<Expr> conjuncts, int slot, Predicate<Expr> usable) {
        for (Expr c : conjuncts) {
            if (c instanceof Conditions.Compare cmp && cmp.op() == CompareOp.EQ) {
                if (isSlot(cmp.left(), slot) && usable.test(cmp.right())) {
                    return cmp.right();
                }
                if (isSlot(cmp.right(), slot) && usable.test(cmp.left())) {
                    return cmp.left();
                }
            }
        }
        return null;
    }

    private static List<Expr> inList(List<Expr> conjuncts, int slot, Predicate<Expr> usable) {
        for (Expr c : conjuncts) {
            if (c instanceof Conditions.InList in && !in.not() && isSlot(in.operand(), slot)
                    && in.values().stream().allMatch(usable) && !in.values().isEmpty()) {
                return in.values();
            }
        }
        return null;
    }
}
