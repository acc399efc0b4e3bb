package lsmdb.sql.plan;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import lsmdb.sql.exec.Basic;
import lsmdb.sql.exec.IndexScan;
import lsmdb.sql.exec.KeyAccess;
import lsmdb.sql.exec.Lookup;
import lsmdb.sql.exec.Node;
import lsmdb.sql.exec.SystemTables;
import lsmdb.sql.exec.TableScan;
import lsmdb.sql.expr.ColumnRef;
import lsmdb.sql.expr.Expr;

/**
 * The plan of one source of a SELECT block read on its own (not by a join's lookup): a system view, a derived
 * table, or a table through its best access path — building only the columns the block reads, stepping over rows a
 * prefix LIKE rules out, in key or index order when that gives the ORDER BY — with its own conditions on top.
 */
final class SourceAccess {
    private final Query.Select s;
    private final List<Query.Source> sources;
    /** Per source: the conditions on it alone. */
    private final List<List<Expr>> local;
    /** The slots the block reads when it is one table and that can be told; else null (see ColumnUse). */
    private final BitSet used;
    private boolean keyOrdered;

    SourceAccess(Query.Select s, List<List<Expr>> local, BitSet used) {
        this.s = s;
        this.sources = s.sources();
        this.local = local;
        this.used = used;
    }

    /** Whether a source planned so far is read in the block's ORDER BY order. */
    boolean keyOrdered() {
        return keyOrdered;
    }

    /** Source {@code i} with its own conditions. */
    Node source(int i, boolean reverse) {
        Query.Source src = sources.get(i);
        if (src.system() != null) {
            return Planner.filter(new SystemTables.Scan(src.system(), src.alias(), src.offset(), s.width()),
                    local.get(i));
        }
        if (src.table() == null) {
            return Planner.filter(new Basic.Place(Planner.plan(src.derived()), src.alias(), src.offset(), s.width()), local.get(i));
        }
        KeyAccess access = AccessPaths.choose(src.table(), src.offset(), local.get(i), Exprs::rowFree);
        if (i == 0 && sources.size() == 1) {
            ReadOrder readOrder = new ReadOrder(s);
            Boolean order = readOrder.of(src.table().keySlots(), src.offset(), access);
            if (order != null) {
                keyOrdered = true;
                TableScan scan = new TableScan(src.table(), src.alias(), access, order, src.offset(), s.width());
                return Planner.filter(likePrefixed(used != null && sources.size() == 1 ? scan.projected(used) : scan,
                        local.get(i)), local.get(i));
            }
            IndexScan ordered = access.isFull() ? readOrder.orderingIndex(src, local.get(0)) : null;
            if (ordered != null) {
                keyOrdered = true;
                return Planner.filter(projected(ordered, used), local.get(i));
            }
        }
        Lookup l = Planner.access(src.table(), src.indexes(), src.alias(), src.offset(), s.width(), local.get(i),
                Exprs::rowFree, reverse);
        if (l instanceof IndexScan ix && sources.size() == 1 && used != null && ix.covers(used)) {
            l = ix.asIndexOnly(); // every slot the block reads is in the index entry: no row fetched
        } else {
            l = projected(l, used);
        }
        Node filtered = Planner.filter(likePrefixed(l, local.get(i)), local.get(i));
        if (sources.size() > 1 && l instanceof TableScan ts) {
            Basic.Filter point = KeyCarried.keyedPoint(ts, local.get(i), Exprs.and(local.get(i)));
            if (point != null) {
                return point; // a join's key point: its row reaches the join unchecked
            }
        }
        if (filtered instanceof Basic.Filter f && f.keyed() && f.input() instanceof IndexScan ix && !ix.indexOnly()
                && sources.size() == 1 && used != null) {
            IndexScan exact = withoutCarriedColumns(ix, local.get(i));
            return exact == null ? f : f.withExactInput(exact);
        }
        return filtered;
    }

    /** {@code l} building only the columns {@code used} (when known: not null). */
    static Lookup projected(Lookup l, BitSet used) {
        if (used == null) {
            return l;
        }
        if (l instanceof TableScan ts) {
            return ts.projected(used);
        }
        IndexScan ix = (IndexScan) l;
        return ix.indexOnly() ? ix : new IndexScan(ix.table().projected(used), ix.index(), ix.access(), false);
    }

    /**
     * {@code ix} building only the slots the block reads outside the conditions its range carries (which an exact
     * execution does not check again); null when that is every slot it builds already, or cannot be told.
     */
    private IndexScan withoutCarriedColumns(IndexScan ix, List<Expr> conds) {
        List<Expr> carried = KeyCarried.carried(ix, conds);
        List<Expr> where = new ArrayList<>();
        for (Expr c : s.where()) {
            if (!Exprs.containsSame(carried, c)) {
                where.add(c);
            }
        }
        if (where.size() + carried.size() != s.where().size()) {
            return null; // a carried condition is not one of the block's as it stands: keep every column
        }
        BitSet narrow = ColumnUse.of(s.withWhere(List.copyOf(where)));
        if (narrow == null || narrow.equals(used)) {
            return null;
        }
        return new IndexScan(ix.table().projected(narrow), ix.index(), ix.access(), false);
    }

    /** A table scan that steps over rows a prefix LIKE among {@code conds} (its filter) rules out. */
    private static Lookup likePrefixed(Lookup l, List<Expr> conds) {
        if (!(l instanceof TableScan ts)) {
            return l;
        }
        for (Expr c : conds) {
            if (c instanceof lsmdb.sql.expr.Like like && !like.not() && like.escape() == null
                    && like.operand() instanceof ColumnRef r && r.depth() == 0
                    && r.type() == lsmdb.sql.SqlType.VARCHAR && Exprs.rowFree(like.pattern())) {
                int column = r.index() - ts.offset();
                if (column >= 0 && column < ts.table().columns().size() && !ts.table().inKey()[column]) {
                    return ts.withLikePrefix(new TableScan.LikePrefix(column, like.pattern()));
                }
            }
        }
        return l;
    }
}
