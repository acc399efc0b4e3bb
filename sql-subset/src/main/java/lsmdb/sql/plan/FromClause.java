package lsmdb.sql.plan;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import lsmdb.sql.catalog.Index;
import lsmdb.sql.exec.Basic;
import lsmdb.sql.exec.IndexScan;
import lsmdb.sql.exec.Joins;
import lsmdb.sql.exec.KeyAccess;
import lsmdb.sql.exec.Lookup;
import lsmdb.sql.exec.Node;
import lsmdb.sql.exec.Sort;
import lsmdb.sql.exec.SystemTables;
import lsmdb.sql.exec.TableScan;
import lsmdb.sql.expr.ColumnRef;
import lsmdb.sql.expr.Conditions;
import lsmdb.sql.expr.Expr;

/**
 * Plans the FROM clause and WHERE of one SELECT block: where each condition goes (on one source, at a join, or
 * above the joins when an outer join makes pushing it unsafe), each source's access path and read order, and the
 * join operators that combine the sources.
 */
final class FromClause {
    private final Query.Select s;
    private final List<Query.Source> sources;
    private final List<List<Expr>> local = new ArrayList<>();
    private final List<List<Expr>> atJoin = new ArrayList<>();
    private final List<Expr> late = new ArrayList<>();
    private boolean keyOrdered;
    private Node joined;
    /** The order sources are joined in: FROM order unless {@link #reorderable()}. */
    private int[] order;
    private boolean reordered;

    /** The slots the block reads when it is one table and that can be told; else null (see ColumnUse). */
    private final BitSet used;

    FromClause(Query.Select s) {
        this(s, null);
    }

    FromClause(Query.Select s, BitSet used) {
        this.s = s;
        this.used = used;
        this.sources = s.sources();
        int n = sources.size();
        boolean[] nullable = new boolean[n];
        boolean anyOuter = false;
        for (int j = 1; j < n; j++) {
            Query.JoinKind kind = s.joins().get(j - 1).kind();
            if (kind == Query.JoinKind.LEFT) {
                nullable[j] = true;
                anyOuter = true;
            } else if (kind == Query.JoinKind.RIGHT) {
                for (int i = 0; i < j; i++) {
                    nullable[i] = true;
                }
                anyOuter = true;
            }
        }
        for (int i = 0; i < n; i++) {
            local.add(new ArrayList<>());
            atJoin.add(new ArrayList<>());
        }
        if (!anyOuter && reorderable()) {
            order = placeForReordering();
            joined = join();
            if (!late.isEmpty()) {
                joined = new Basic.Filter(joined, Exprs.and(late));
            }
            return;
        }
        order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (Expr c : s.where()) {
            BitSet from = sourcesOf(c);
            if (Exprs.correlatedSubquery(c) || from.isEmpty()) {
                late.add(c);
            } else if (from.cardinality() == 1 && !nullable[from.nextSetBit(0)]) {
                local.get(from.nextSetBit(0)).add(c);
            } else if (!anyOuter) {
                atJoin.get(from.length() - 1).add(c);
            } else {
                late.add(c);
            }
        }
        for (int j = 1; j < n; j++) {
            Query.Join join = s.joins().get(j - 1);
            for (Expr c : join.on()) {
                BitSet from = sourcesOf(c);
                if (!Exprs.correlatedSubquery(c) && from.cardinality() == 1 && from.get(j)
                        && join.kind() != Query.JoinKind.RIGHT) {
                    local.get(j).add(c);
                } else {
                    atJoin.get(j).add(c);
                }
            }
        }
        joined = join();
        if (!late.isEmpty()) {
            joined = new Basic.Filter(joined, Exprs.and(late));
        }
    }

    /** The joined sources, filtered by every condition of the block. */
    Node joined() {
        return joined;
    }

    /** Whether {@link #joined()} already delivers the block's ORDER BY (no sort needed). */
    boolean keyOrdered() {
        return keyOrdered;
    }

    /** Inner joins of two or more tables, whose ON conditions are WHERE conditions in all but name. */
    private boolean reorderable() {
        if (sources.size() < 2) {
            return false;
        }
        for (Query.Source src : sources) {
            if (src.table() == null) {
                return false;
            }
        }
        for (Query.Join j : s.joins()) {
            for (Expr c : j.on()) {
                if (Exprs.correlatedSubquery(c)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Places every condition for a join order chosen by {@link JoinOrder}: one source's on that source, others at
     * the join that brings in the last source they read.
     */
    private int[] placeForReordering() {
        List<Expr> all = new ArrayList<>(s.where());
        for (Query.Join j : s.joins()) {
            all.addAll(j.on());
        }
        List<Expr> multi = new ArrayList<>();
        for (Expr c : all) {
            BitSet from = sourcesOf(c);
            if (Exprs.correlatedSubquery(c) || from.isEmpty()) {
                late.add(c);
            } else if (from.cardinality() == 1) {
                local.get(from.nextSetBit(0)).add(c);
            } else {
                multi.add(c);
            }
        }
        int[] chosen = JoinOrder.greedy(sources, local, multi, this::sourcesOf);
        int[] position = new int[chosen.length];
        for (int k = 0; k < chosen.length; k++) {
            position[chosen[k]] = k;
        }
        for (Expr c : multi) {
            BitSet from = sourcesOf(c);
            int last = 0;
            for (int i = from.nextSetBit(0); i >= 0; i = from.nextSetBit(i + 1)) {
                last = Math.max(last, position[i]);
            }
            atJoin.get(chosen[last]).add(c);
        }
        reordered = true;
        return chosen;
    }

    private BitSet sourcesOf(Expr e) {
        BitSet slots = Exprs.slots(e);
        BitSet out = new BitSet();
        for (int i = 0; i < sources.size(); i++) {
            Query.Source src = sources.get(i);
            if (slots.get(src.offset(), src.offset() + src.width()).cardinality() > 0) {
                out.set(i);
            }
        }
        return out;
    }

    private Node source(int i, boolean reverse) {
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
            Boolean order = orderBy(src.table().keySlots(), src.offset(), access);
            if (order != null) {
                keyOrdered = true;
                TableScan scan = new TableScan(src.table(), src.alias(), access, order, src.offset(), s.width());
                return Planner.filter(likePrefixed(used != null && sources.size() == 1 ? scan.projected(used) : scan,
                        local.get(i)), local.get(i));
            }
            IndexScan ordered = access.isFull() ? orderingIndex(src) : null;
            if (ordered != null) {
                keyOrdered = true;
                return Planner.filter(projected(ordered), local.get(i));
            }
        }
        Lookup l = Planner.access(src.table(), src.indexes(), src.alias(), src.offset(), s.width(), local.get(i),
                Exprs::rowFree, reverse);
        if (l instanceof IndexScan ix && sources.size() == 1 && used != null && ix.covers(used)) {
            l = ix.asIndexOnly(); // every slot the block reads is in the index entry: no row fetched
        } else {
            l = projected(l);
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

    /** A table scan that steps over rows a prefix LIKE among {@code conds} (its filter) rules out. */
    private Lookup likePrefixed(Lookup l, List<Expr> conds) {
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

    /** {@code l} building only the columns the block reads, when that is known. */
    private Lookup projected(Lookup l) {
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
     * An index whose order gives the ORDER BY read forwards (each sort key in its column's direction, NULLs first
     * for ASC and last for DESC columns, as the index keeps them), when it is the
     * index the conditions pick anyway, or when none narrows the scan and a LIMIT lets reading stop early. Not
     * descending: reading an index backwards would return rows with equal sort keys in another order than
     * sorting does.
     */
    private IndexScan orderingIndex(Query.Source src) {
        List<Expr> conds = local.get(0);
        Index narrowing = AccessPaths.bestIndex(src.indexes(), src.offset(), conds, Exprs::rowFree);
        for (Index ix : src.indexes()) {
            if (narrowing != null ? ix != narrowing : s.limit() == null) {
                continue;
            }
            KeyAccess access = AccessPaths.choose(ix.slots(), src.offset(), conds, Exprs::rowFree);
            if (Boolean.FALSE.equals(orderBy(ix.slots(), ix.descending(), src.offset(), access))
                    && defaultNulls()) {
                return new IndexScan(new TableScan(src.table(), src.alias(), KeyAccess.FULL, false, src.offset(),
                        s.width()), ix, access);
            }
        }
        return null;
    }

    /** Whether every sort key puts NULLs where an index column of its direction keeps them (first if ASC). */
    private boolean defaultNulls() {
        for (Sort.SortKey k : s.order()) {
            if (k.nullsFirst() != null && k.nullsFirst() == k.descending()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether reading the key columns {@code keys} (table columns, at {@code offset} in the block) forwards (false)
     * or backwards (true) gives the ORDER BY; null when neither does.
     */
    private Boolean orderBy(int[] keys, int offset, KeyAccess access) {
        return orderBy(keys, new boolean[keys.length], offset, access);
    }

    /** As above for key columns stored in the directions {@code desc} (true: descending). */
    private Boolean orderBy(int[] keys, boolean[] desc, int offset, KeyAccess access) {
        if (s.order().isEmpty() || s.aggregated() || s.distinct() || access.alternatives().size() > 1) {
            return null;
        }
        Boolean descending = null;
        int matched = -1;
        for (int start = 0; start <= Math.min(access.eqCount(), keys.length - 1) && matched < 0; start++) {
            matched = start;
            descending = null;
            for (int i = 0; i < s.order().size(); i++) {
                Sort.SortKey k = s.order().get(i);
                Expr out = k.expr() instanceof ColumnRef r && r.depth() == 0 ? s.outputs().get(r.index()) : null;
                boolean isKey = start + i < keys.length && out instanceof ColumnRef c && c.depth() == 0
                        && c.index() == offset + keys[start + i];
                boolean backwards = isKey && k.descending() != desc[start + i];
                if (!isKey || descending != null && descending != backwards) {
                    matched = -1;
                    break;
                }
                descending = backwards;
            }
        }
        return matched < 0 ? null : descending;
    }

    private Node join() {
        Node acc = source(order[0], false);
        BitSet joinedSlots = new BitSet();
        joinedSlots.set(sources.get(order[0]).offset(), sources.get(order[0]).offset() + sources.get(order[0]).width());
        for (int k = 1; k < sources.size(); k++) {
            int j = order[k];
            Query.Source src = sources.get(j);
            Query.JoinKind kind = reordered ? Query.JoinKind.INNER : s.joins().get(j - 1).kind();
            List<Expr> conds = atJoin.get(j);
            String name = kind == Query.JoinKind.CROSS ? "INNER" : kind.name();
            int off = src.offset();
            BitSet left = (BitSet) joinedSlots.clone();
            joinedSlots.set(off, off + src.width());
            if (kind != Query.JoinKind.RIGHT && src.table() != null) {
                List<Expr> candidates = new ArrayList<>(conds);
                candidates.addAll(local.get(j));
                java.util.function.Predicate<Expr> fromLeft =
                        e -> !Exprs.correlatedSubquery(e) && JoinOrder.isSubset(Exprs.slots(e), left);
                Lookup lookup = projected(Planner.access(src.table(), src.indexes(), src.alias(), off, s.width(),
                        candidates, fromLeft, false));
                KeyAccess access = lookup instanceof IndexScan ix ? ix.access() : ((TableScan) lookup).access();
                if (access.eqCount() > 0 && access.alternatives().size() == 1) {
                    List<Expr> check = KeyCarried.uncarriedByLookup(lookup, candidates,
                            r -> left.get(r.index()) && isTableColumn(r.index()));
                    lookup = withoutCarried(lookup, candidates, check);
                    acc = new Joins.Index(acc, lookup, Exprs.and(check), kind == Query.JoinKind.LEFT, name);
                    continue;
                }
            }
            Node right = source(j, false);
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
