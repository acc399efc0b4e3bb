package lsmdb.sql.plan;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import lsmdb.sql.catalog.Index;
import lsmdb.sql.exec.KeyAccess;
import lsmdb.sql.expr.Expr;

/**
 * A greedy order for inner joins of tables: start with the table its own conditions narrow most, then repeatedly add
 * the table that is cheapest to reach from those joined so far, preferring one found by a key or index lookup on
 * the joined columns over a hash join, and either over a cross product. There are no table statistics, so the
 * estimates are rough and relative: a point lookup on the key or a unique index finds one row, other equalities on
 * a key or index prefix a few, a range a quarter of the table, a scan all of it ({@link #TABLE_ROWS}), and each
 * other condition on the table halves it.
 */
final class JoinOrder {

    /** The assumed size of every table. */
    static final double TABLE_ROWS = 1_000_000;
    /** Rows an equality on a key or index prefix (not the whole unique key) is taken to find. */
    static final double PREFIX_ROWS = 10;

    private JoinOrder() {
    }

    /**
     * @param local   each source's own conditions
     * @param joins   conditions over two or more sources
     * @param sourcesOf the sources a condition reads
     * @return source indexes in join order
     */
    static int[] greedy(List<Query.Source> sources, List<List<Expr>> local, List<Expr> joins,
                        Function<Expr, BitSet> sourcesOf) {
        int n = sources.size();
        int[] order = new int[n];
        BitSet chosen = new BitSet();
        int first = 0;
        double best = Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            double rows = rows(sources.get(i), local.get(i), Exprs::rowFree);
            if (rows < best) {
                best = rows;
                first = i;
            }
        }
        order[0] = first;
        chosen.set(first);
        double rowsSoFar = best;
        for (int k = 1; k < n; k++) {
            int next = -1;
            double nextCost = Double.MAX_VALUE;
            double nextRows = 0;
            for (int j = 0; j < n; j++) {
                if (chosen.get(j)) {
                    continue;
                }
                Query.Source src = sources.get(j);
                List<Expr> reachable = new ArrayList<>(local.get(j));
                boolean connected = false;
                for (Expr c : joins) {
                    BitSet from = sourcesOf.apply(c);
                    if (from.get(j)) {
                        BitSet others = (BitSet) from.clone();
                        others.clear(j);
                        if (isSubset(others, chosen)) {
                            reachable.add(c);
                            connected = true;
                        }
                    }
                }
                BitSet chosenSlots = slotsOf(sources, chosen);
                Predicate<Expr> known = e -> !Exprs.correlatedSubquery(e) && isSubset(Exprs.slots(e), chosenSlots);
                double perRow = lookupRows(src, reachable, known);
                double cost;
                double rows;
                if (perRow >= 0) {
                    cost = rowsSoFar * (1 + perRow);
                    rows = rowsSoFar * perRow;
                } else {
                    double own = rows(src, local.get(j), Exprs::rowFree);
                    cost = connected ? rowsSoFar + own * 2 : rowsSoFar * own * 4;
                    rows = connected ? Math.max(rowsSoFar, own) : rowsSoFar * own;
                }
                if (cost < nextCost) {
                    next = j;
                    nextCost = cost;
                    nextRows = rows;
                }
            }
            order[k] = next;
            chosen.set(next);
            rowsSoFar = Math.max(1, nextRows);
        }
        return order;
    }

    /** Rows of {@code src} its conditions leave, reading them by the best key or index access. */
    private static double rows(Query.Source src, List<Expr> conds, Predicate<Expr> usable) {
        double byAccess = TABLE_ROWS;
        int used = 0;
        KeyAccess key = AccessPaths.choose(src.table(), src.offset(), conds, usable);
        byAccess = Math.min(byAccess, accessRows(key, src.table().keySlots().length, true));
        for (Index ix : src.indexes()) {
            KeyAccess a = AccessPaths.choose(ix.slots(), src.offset(), conds, usable);
            byAccess = Math.min(byAccess, accessRows(a, ix.slots().length, ix.unique()));
        }
        if (byAccess < TABLE_ROWS) {
            used = 1;
        }
        return Math.max(1, byAccess * Math.pow(0.5, Math.max(0, conds.size() - used)));
    }

    /** Rows one lookup finds when the source is reached by its key or an index from known values; -1 if not. */
    private static double lookupRows(Query.Source src, List<Expr> conds, Predicate<Expr> known) {
        double best = -1;
        KeyAccess key = AccessPaths.choose(src.table(), src.offset(), conds, known);
        if (key.eqCount() > 0 && key.alternatives().size() == 1) {
            best = accessRows(key, src.table().keySlots().length, true);
        }
        for (Index ix : src.indexes()) {
            KeyAccess a = AccessPaths.choose(ix.slots(), src.offset(), conds, known);
            if (a.eqCount() > 0 && a.alternatives().size() == 1) {
                double r = accessRows(a, ix.slots().length, ix.unique());
                best = best < 0 ? r : Math.min(best, r);
            }
        }
        return best;
    }

    private static double accessRows(KeyAccess a, int keyColumns, boolean unique) {
        if (a.eqCount() == keyColumns && unique) {
            return a.alternatives().size();
        }
        if (a.eqCount() > 0) {
            return PREFIX_ROWS * a.alternatives().size();
        }
        return a.lower() != null || a.upper() != null ? TABLE_ROWS / 4 : TABLE_ROWS;
    }

    private static BitSet slotsOf(List<Query.Source> sources, BitSet which) {
        BitSet out = new BitSet();
        for (int i = which.nextSetBit(0); i >= 0; i = which.nextSetBit(i + 1)) {
            out.set(sources.get(i).offset(), sources.get(i).offset() + sources.get(i).width());
        }
        return out;
    }

    static boolean isSubset(BitSet a, BitSet b) {
        BitSet rest = (BitSet) a.clone();
        rest.andNot(b);
        return rest.isEmpty();
    }
}
