package lsmdb.sql.plan;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import lsmdb.sql.exec.Basic;
import lsmdb.sql.exec.IndexScan;
import lsmdb.sql.exec.Joins;
import lsmdb.sql.exec.KeyAccess;
import lsmdb.sql.exec.Lookup;
import lsmdb.sql.exec.Node;
import lsmdb.sql.exec.TableScan;
import lsmdb.sql.expr.Conditions;
import lsmdb.sql.expr.Expr;

/**
 * Plans the FROM clause and WHERE of one SELECT block: the join operators that combine its sources, once
 * {@link ConditionPlacement} has said where each condition goes and in what order the sources join, with each
 * source's own access path and read order from {@link SourceAccess}.
 */
final class FromClause {
    private final Query.Select s;
    private final List<Query.Source> sources;
    private final ConditionPlacement placed;
    private final SourceAccess paths;
    private final Node joined;

    /** The slots the block reads when it is one table and that can be told; else null (see ColumnUse). */
    private final BitSet used;

    FromClause(Query.Select s) {
        this(s, null);
    }

    FromClause(Query.Select s, BitSet used) {
        this.s = s;
        this.used = used;
        this.sources = s.sources();
        this.placed = new ConditionPlacement(s);
        this.paths = new SourceAccess(s, placed.local, used);
        Node acc = join();
        if (!placed.late.isEmpty()) {
            acc = new Basic.Filter(acc, Exprs.and(placed.late));
        }
        joined = acc;
    }

    /** The joined sources, filtered by every condition of the block. */
    Node joined() {
        return joined;
    }

    /** Whether {@link #joined()} already delivers the block's ORDER BY (no sort needed). */
    boolean keyOrdered() {
        return paths.keyOrdered();
    }

    /**
     * The sources in {@link ConditionPlacement#order}, each joined to those before it: by an index join when its
     * conditions give a key or index lookup from the joined columns, else by a hash join on equalities, else by a
     * nested loop.
     */
    private Node join() {
        int[] order = placed.order;
        Node acc = paths.source(order[0], false);
        BitSet joinedSlots = new BitSet();
        joinedSlots.set(sources.get(order[0]).offset(), sources.get(order[0]).offset() + sources.get(order[0]).width());
        for (int k = 1; k < sources.size(); k++) {
            int j = order[k];
            Query.Source src = sources.get(j);
            Query.JoinKind kind = placed.reordered ? Query.JoinKind.INNER : s.joins().get(j - 1).kind();
            List<Expr> conds = placed.atJoin.get(j);
            String name = kind == Query.JoinKind.CROSS ? "INNER" : kind.name();
            int off = src.offset();
            BitSet left = (BitSet) joinedSlots.clone();
            joinedSlots.set(off, off + src.width());
            if (kind != Query.JoinKind.RIGHT && src.table() != null) {
                List<Expr> candidates = new ArrayList<>(conds);
                candidates.addAll(placed.local.get(j));
                java.util.function.Predicate<Expr> fromLeft =
                        e -> !Exprs.correlatedSubquery(e) && JoinOrder.isSubset(Exprs.slots(e), left);
                Lookup lookup = SourceAccess.projected(Planner.access(src.table(), src.indexes(), src.alias(), off,
                        s.width(), candidates, fromLeft, false), used);
                KeyAccess access = lookup instanceof IndexScan ix ? ix.access() : ((TableScan) lookup).access();
                if (access.eqCount() > 0 && access.alternatives().size() == 1) {
                    List<Expr> check = KeyCarried.uncarriedByLookup(lookup, candidates,
                            r -> left.get(r.index()) && isTableColumn(r.index()));
                    lookup = withoutCarried(lookup, candidates, check);
                    acc = new Joins.Index(acc, lookup, Exprs.and(check), kind == Query.JoinKind.LEFT, name);
                    continue;
                }
            }
            Node right = paths.source(j, false);
            List<Expr> leftKeys = new ArrayList<>();
            List<Expr> rightKeys = new ArrayList<>();
            for (Expr c : conds) {
                if (c instanceof Conditions.Compare cmp && cmp.op() == Conditions.CompareOp.EQ
                        && !Exprs.correlatedSubquery(c)) {
                    BitSet l = Exprs.slots(cmp.left());
                    BitSet r = Exprs.slots(cmp.right());
                    if (before(l, left) && within(r, off, src.width())) {
                        leftKeys.add(cmp.left());
                        rightKeys.add(cmp.right());
                    } else if (before(r, left) && within(l, off, src.width())) {
                        leftKeys.add(cmp.right());
                        rightKeys.add(cmp.left());
                    }
                }
            }
            boolean rightPreserved = kind == Query.JoinKind.RIGHT;
            Node probe = rightPreserved ? right : acc;
            Node other = rightPreserved ? acc : right;
            int from = rightPreserved ? 0 : off;
            int to = rightPreserved ? off : off + src.width();
            boolean outer = kind == Query.JoinKind.LEFT || kind == Query.JoinKind.RIGHT;
            Expr cond = Exprs.and(conds);
            if (!leftKeys.isEmpty()) {
                acc = new Joins.Hash(probe, other, rightPreserved ? rightKeys : leftKeys,
                        rightPreserved ? leftKeys : rightKeys, cond, outer, from, to, name);
            } else {
                acc = new Joins.NestedLoop(probe, other, cond, outer, from, to, name);
            }
        }
        return acc;
    }

    /**
     * An index join's {@code lookup} building only the columns the block reads outside the conditions the lookup
     * carries (those of {@code conds} not in {@code check}, which the join does not check again): the join key of
     * each inner row is then not built. {@code lookup} itself when that narrows nothing or cannot be told.
     */
    private Lookup withoutCarried(Lookup lookup, List<Expr> conds, List<Expr> check) {
        if (used == null || lookup instanceof IndexScan ix && ix.indexOnly()) {
            return lookup;
        }
        List<Expr> carried = new ArrayList<>();
        for (Expr c : conds) {
            if (!Exprs.containsSame(check, c)) {
                carried.add(c);
            }
        }
        if (carried.isEmpty()) {
            return lookup;
        }
        List<Query.Join> joins = new ArrayList<>();
        for (Query.Join j : s.joins()) {
            joins.add(new Query.Join(j.kind(), withoutSame(j.on(), carried)));
        }
        BitSet narrow = ColumnUse.of(s.withJoins(joins, withoutSame(s.where(), carried)));
        if (narrow == null || narrow.equals(used)) {
            return lookup;
        }
        if (lookup instanceof TableScan ts) {
            return ts.projected(narrow);
        }
        IndexScan ix = (IndexScan) lookup;
        return new IndexScan(ix.table().projected(narrow), ix.index(), ix.access(), false);
    }

    /** {@code exprs} without the very expressions (not equal ones) in {@code drop}. */
    private static List<Expr> withoutSame(List<Expr> exprs, List<Expr> drop) {
        List<Expr> out = new ArrayList<>(exprs.size());
        for (Expr e : exprs) {
            if (!Exprs.containsSame(drop, e)) {
                out.add(e);
            }
        }
        return List.copyOf(out);
    }

    /** Whether block slot {@code slot} is a column of a table source (not of a derived table or system view). */
    private boolean isTableColumn(int slot) {
        for (Query.Source src : sources) {
            if (slot >= src.offset() && slot < src.offset() + src.width()) {
                return src.table() != null && src.system() == null;
            }
        }
        return false;
    }

    private static boolean before(BitSet slots, BitSet left) {
        return !slots.isEmpty() && JoinOrder.isSubset(slots, left);
    }

    private static boolean within(BitSet slots, int off, int width) {
        return !slots.isEmpty() && slots.nextSetBit(0) >= off && slots.length() <= off + width;
    }
}
