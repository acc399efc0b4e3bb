package lsmdb.sql.plan;

import java.util.ArrayList;
import java.util.List;
import lsmdb.sql.catalog.Index;
import lsmdb.sql.catalog.Table;
import lsmdb.sql.exec.IndexScan;
import lsmdb.sql.exec.Lookup;
import lsmdb.sql.exec.Aggregate;
import lsmdb.sql.exec.Basic;
import lsmdb.sql.exec.KeyAccess;
import lsmdb.sql.exec.KeyRangeRows;
import lsmdb.sql.exec.Node;
import lsmdb.sql.exec.SetOps;
import lsmdb.sql.exec.Sort;
import lsmdb.sql.exec.StreamAggregate;
import lsmdb.sql.exec.TableScan;
import lsmdb.sql.expr.ColumnRef;
import lsmdb.sql.expr.Conditions;
import lsmdb.sql.expr.Expr;

/**
 * Turns a bound {@link Query} into physical operators. Conditions go as low as they may: onto a table's key (point
 * lookups and ranges) and into its scan's filter, into join conditions, or above the joins when an outer join makes
 * pushing them unsafe. Inner joins of tables run in the order {@link JoinOrder} picks, others left to right in FROM
 * order; each picks an index join when the joined table's key or index is fixed by the rows before it, a hash join
 * for other equalities, and nested loops otherwise. Correlated [NOT] EXISTS / IN become semi-joins where
 * {@link Decorrelation} allows; GROUP BY streams when rows arrive grouped ({@link Orderings}). An ORDER BY that the
 * key or index order already gives needs no sort.
 */
public final class Planner {

    private Planner() {
    }

    public static Node plan(Query q) {
        return q instanceof Query.Select s ? select(s) : union((Query.Union) q);
    }

    /**
     * {@link #plan} for a statement's own result rows (not a subquery or a FOR UPDATE read): a query that reads
     * columns of one primary-key range up to a LIMIT becomes a {@link KeyRangeRows}, whose rows the driver reads
     * straight from the engine's range.
     */
    public static Node result(Query q) {
        Node root = plan(q);
        KeyRangeRows range = KeyRangeRows.of(root);
        return range != null ? range : root;
    }

    /** The rows of {@code t} (at offset 0) that satisfy every conjunct, for UPDATE and DELETE. */
    public static Node tableRows(Table t, List<Index> indexes, List<Expr> conjuncts) {
        return filter(access(t, indexes, null, 0, t.width(), conjuncts, Exprs::rowFree, false), conjuncts);
    }

    /** The cheapest way to the rows of {@code t} that the conjuncts allow: its key, one of its indexes, or a scan. */
    static Lookup access(Table t, List<Index> indexes, String alias, int offset, int width,
                                 List<Expr> conjuncts, java.util.function.Predicate<Expr> usable, boolean reverse) {
        KeyAccess key = AccessPaths.choose(t, offset, conjuncts, usable);
        if (key.isFull() && !indexes.isEmpty()) {
            Index ix = AccessPaths.bestIndex(indexes, offset, conjuncts, usable);
            if (ix != null) {
                return new IndexScan(new TableScan(t, alias, KeyAccess.FULL, false, offset, width), ix,
                        AccessPaths.choose(ix.slots(), offset, conjuncts, usable));
            }
        }
        return new TableScan(t, alias, key, reverse, offset, width);
    }

    /** Whether running {@code root} reads the engine once: one table, one point lookup or one key range. */
    public static boolean readsOnce(Node root) {
        Node n = root;
        for (;;) {
            if (n instanceof TableScan t) {
                return t.access().alternatives().size() == 1;
            } else if (n instanceof KeyRangeRows k) {
                n = k.general();
            } else if (n instanceof Basic.Project p) {
                n = p.input();
            } else if (n instanceof Basic.Filter f) {
                n = f.input();
            } else if (n instanceof Basic.Limit l) {
                n = l.input();
            } else if (n instanceof Sort s) {
                n = s.input();
            } else if (n instanceof SetOps.Distinct d) {
                n = d.input();
            } else if (n instanceof Aggregate a) {
                n = a.input();
            } else if (n instanceof StreamAggregate a) {
                n = a.input();
            } else {
                return false;
            }
        }
    }

    static Node filter(Node n, List<Expr> conjuncts) {
        Expr p = Exprs.and(conjuncts);
        if (p != null && n instanceof TableScan scan) {
            return KeyCarried.filter(scan, conjuncts, p);
        }
        if (p != null && n instanceof IndexScan scan) {
            return KeyCarried.filter(scan, conjuncts, p);
        }
        return p == null ? n : new Basic.Filter(n, p);
    }

    private static Node union(Query.Union u) {
        Node node = plan(u.parts().get(0));
        for (int i = 1; i < u.parts().size(); i++) {
            node = new SetOps.UnionAll(List.of(node, plan(u.parts().get(i))));
            if (!u.all().get(i - 1)) {
                node = new SetOps.Distinct(node);
            }
        }
        return order(node, u.order(), u.limit(), u.offset());
    }

    private static Node order(Node node, List<Sort.SortKey> keys, Expr limit, Expr offset) {
        if (!keys.isEmpty()) {
            return new Sort(node, keys, limit, offset);
        }
        return limit == null && offset == null ? node : new Basic.Limit(node, limit, offset);
    }

    private static Node select(Query.Select s) {
        int n = s.sources().size();
        Node node;
        boolean keyOrdered = false;
        if (n == 0) {
            node = filter(new Basic.OneRow(s.width()), s.where());
        } else {
            List<Expr> kept = new ArrayList<>();
            List<Decorrelation.Rewrite> semiJoins = new ArrayList<>();
            for (Expr c : s.where()) {
                Decorrelation.Rewrite r = Decorrelation.semiJoin(c, s);
                if (r == null) {
                    kept.add(c);
                } else {
                    semiJoins.add(r);
                }
            }
            FromClause p = semiJoins.isEmpty() ? new FromClause(s, ColumnUse.of(s))
                    : new FromClause(s.withWhere(List.copyOf(kept)));
            keyOrdered = p.keyOrdered();
            node = p.joined();
            for (Decorrelation.Rewrite r : semiJoins) {
                node = r.over(node);
            }
        }
        if (s.aggregated()) {
            Node input = node;
            node = Orderings.groupsTogether(Orderings.of(node), s.groupBy())
                    ? new StreamAggregate(node, s.groupBy(), s.calls())
                    : new Aggregate(node, s.groupBy(), s.calls());
            node = IndexCounts.over(input, s.groupBy(), s.calls(), node);
            if (s.having() != null) {
                node = new Basic.Filter(node, s.having());
            }
        }
        node = new Basic.Project(node, s.outputs());
        if (s.distinct()) {
            node = new SetOps.Distinct(node);
        }
        node = keyOrdered ? order(node, List.of(), s.limit(), s.offset()) : order(node, s.order(), s.limit(), s.offset());
        if (s.visible() < s.outputs().size()) {
            List<Expr> visible = new ArrayList<>();
            for (int i = 0; i < s.visible(); i++) {
                visible.add(new ColumnRef(0, i, s.columns().get(i).name(), s.columns().get(i).type()));
            }
            node = new Basic.Project(node, visible);
        }
        return node;
    }
}
