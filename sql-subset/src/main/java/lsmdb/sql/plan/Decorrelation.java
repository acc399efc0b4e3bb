package lsmdb.sql.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lsmdb.sql.SqlType;
import lsmdb.sql.exec.LookupSemiJoin;
import lsmdb.sql.exec.Node;
import lsmdb.sql.exec.SemiJoin;
import lsmdb.sql.exec.Subqueries;
import lsmdb.sql.expr.ColumnRef;
import lsmdb.sql.expr.Conditions;
import lsmdb.sql.expr.Expr;

/**
 * Turns a correlated [NOT] EXISTS / [NOT] IN conjunct of WHERE into a hash semi- or anti-join, so the subquery runs
 * once instead of once per outer row (an uncorrelated [NOT] IN too: it ran once already, but as a join EXPLAIN
 * shows its plan). Only one shape qualifies: a plain SELECT over tables (no aggregation, LIMIT or
 * derived tables) whose only references to the outer block are equalities {@code inner column = outer column}
 * between columns that hash as they compare. A subquery whose correlation reaches its table's key or an index runs
 * per row instead, as a lookup semi-join: one index lookup per outer row, nothing held in memory.
 */
final class Decorrelation {

    private Decorrelation() {
    }

    /** A semi-join ready to be put over the block's rows. */
    record Rewrite(Node build, List<Expr> probeKeys, SemiJoin.Mode mode, String description, Expr perRow) {
        Node over(Node probe) {
            if (perRow != null) {
                return new LookupSemiJoin(probe, perRow, build, mode != SemiJoin.Mode.SEMI);
            }
            return new SemiJoin(probe, build, probeKeys, mode, description);
        }
    }

    /** The semi-join replacing {@code conjunct} of {@code outer}'s WHERE, or null when it keeps its per-row form. */
    static Rewrite semiJoin(Expr conjunct, Query.Select outer) {
        Map<Expr, Query> subqueries = outer.subqueries();
        boolean in;
        boolean not = false;
        Expr operand = null;
        Expr sub = conjunct;
        // NOT over a subquery predicate is the negated predicate, also in three-valued logic
        while (sub instanceof Conditions.Not n) {
            sub = n.operand();
            not = !not;
        }
        if (sub instanceof Subqueries.Exists x && x.correlated()) {
            in = false;
            not ^= x.not();
        } else if (sub instanceof Subqueries.In i) {
            in = true;
            not ^= i.not();
            operand = i.operand();
            if (Exprs.correlatedSubquery(operand)) {
                return null;
            }
        } else {
            return null;
        }
        if (!(subqueries.get(sub) instanceof Query.Select q) || !plain(q)) {
            return null;
        }
        List<Expr> local = new ArrayList<>();
        List<Expr> innerKeys = new ArrayList<>();
        List<Expr> outerKeys = new ArrayList<>();
        for (Expr c : q.where()) {
            if (maxDepth(c) == 0) {
                local.add(c);
            } else if (!correlation(c, innerKeys, outerKeys)) {
                return null;
            }
        }
        if (innerKeys.isEmpty() && (!in || outer.sources().size() > 1)) {
            // an uncorrelated EXISTS is one value per statement already; an uncorrelated IN over joins is better
            // left as a filter, pushed down to its table
            return null;
        }
        SemiJoin.Mode mode = !not ? SemiJoin.Mode.SEMI : in ? SemiJoin.Mode.NULL_AWARE_ANTI : SemiJoin.Mode.ANTI;
        if (reachesKeyOrIndex(q, local, q.where())) {
            Node perRowPlan = sub instanceof Subqueries.Exists x ? x.plan() : ((Subqueries.In) sub).plan();
            return new Rewrite(perRowPlan, List.of(), mode, conjunct.toString(), conjunct);
        }
        List<Expr> buildOutputs = new ArrayList<>(innerKeys);
        List<Expr> probeKeys = new ArrayList<>(outerKeys);
        if (in) {
            Expr value = q.outputs().get(0);
            if (maxDepth(value) != 0 || !hashable(value, operand)) {
                return null;
            }
            buildOutputs.add(value);
            probeKeys.add(operand);
        }
        Node build = Planner.plan(q.reshaped(List.copyOf(local), List.copyOf(buildOutputs)));
        return new Rewrite(build, List.copyOf(probeKeys), mode, conjunct.toString(), null);
    }

    /** A SELECT whose rows do not depend on anything but its WHERE: tables only, no grouping, limits or subqueries. */
    private static boolean plain(Query.Select q) {
        if (q.aggregated() || q.limit() != null || q.offset() != null || q.sources().isEmpty()) {
            return false;
        }
        for (Query.Source src : q.sources()) {
            if (src.table() == null && src.system() == null) {
                return false;
            }
        }
        for (Query.Join j : q.joins()) {
            for (Expr c : j.on()) {
                if (maxDepth(c) != 0 || Exprs.correlatedSubquery(c)) {
                    return false;
                }
            }
        }
        for (Expr c : q.where()) {
            if (Exprs.correlatedSubquery(c)) {
                return false;
            }
        }
        return true;
    }

    /** Reads {@code inner = outer} (either way round) into the key lists; false for any other correlated shape. */
    private static boolean correlation(Expr c, List<Expr> innerKeys, List<Expr> outerKeys) {
        if (!(c instanceof Conditions.Compare cmp) || cmp.op() != Conditions.CompareOp.EQ
                || !(cmp.left() instanceof ColumnRef l) || !(cmp.right() instanceof ColumnRef r)) {
            return false;
        }
        ColumnRef inner = l.depth() == 0 && r.depth() == 1 ? l : r.depth() == 0 && l.depth() == 1 ? r : null;
        if (inner == null) {
            return false;
        }
        ColumnRef outer = inner == l ? r : l;
        if (!hashable(inner, outer)) {
            return false;
        }
        innerKeys.add(inner);
        outerKeys.add(new ColumnRef(0, outer.index(), outer.name(), outer.type()));
        return true;
    }

    /** Whether equal values of the two columns always have equal hash keys ({@code Comparison.groupKey}). */
    private static boolean hashable(Expr a, Expr b) {
        if (!(a instanceof ColumnRef x) || !(b instanceof ColumnRef y) || x.type() == null || y.type() == null) {
            return false;
        }
        return family(x.type()).equals(family(y.type()));
    }

    private static String family(SqlType t) {
        return switch (t) {
            case INTEGER, BIGINT, DECIMAL -> "exact";
            default -> t.name();
        };
    }

    /** Whether the correlated form would reach a single inner table through its key or an index. */
    private static boolean reachesKeyOrIndex(Query.Select q, List<Expr> local, List<Expr> all) {
        if (q.sources().size() != 1 || q.sources().get(0).table() == null) {
            return false;
        }
        Query.Source src = q.sources().get(0);
        if (AccessPaths.choose(src.table(), src.offset(), all, Exprs::rowFree).eqCount()
                > AccessPaths.choose(src.table(), src.offset(), local, Exprs::rowFree).eqCount()) {
            return true;
        }
        for (lsmdb.sql.catalog.Index ix : src.indexes()) {
            if (AccessPaths.choose(ix.slots(), src.offset(), all, Exprs::rowFree).eqCount()
                    > AccessPaths.choose(ix.slots(), src.offset(), local, Exprs::rowFree).eqCount()) {
                return true;
            }
        }
        return false;
    }

    /** The deepest enclosing block {@code e} refers to: 0 for none. */
    static int maxDepth(Expr e) {
        int d = e instanceof ColumnRef c ? c.depth() : 0;
        for (Expr child : Exprs.children(e)) {
            d = Math.max(d, maxDepth(child));
        }
        return d;
    }
}
