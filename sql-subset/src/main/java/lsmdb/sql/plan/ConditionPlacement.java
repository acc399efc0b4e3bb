package lsmdb.sql.plan;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import lsmdb.sql.expr.Expr;

/**
 * Where each condition of one SELECT block's WHERE and ON clauses is checked: on one source (pushed down to its
 * access path), at the join that brings in the last source it reads, or above all joins (late) when an outer join
 * makes pushing it unsafe or it reads no source. Inner joins of tables are also given a join order here.
 */
final class ConditionPlacement {
    private final Query.Select s;
    private final List<Query.Source> sources;
    /** Per source: the conditions on it alone. */
    final List<List<Expr>> local = new ArrayList<>();
    /** Per source: the conditions checked at the join that brings it in. */
    final List<List<Expr>> atJoin = new ArrayList<>();
    /** Conditions checked above all joins. */
    final List<Expr> late = new ArrayList<>();
    /** The order sources are joined in: FROM order unless {@link #reordered}. */
    final int[] order;
    /** Whether {@link #order} was chosen by {@link JoinOrder}, every join then an inner one. */
    final boolean reordered;

    ConditionPlacement(Query.Select s) {
        this.s = s;
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
        reordered = !anyOuter && reorderable();
        if (reordered) {
            order = placeForReordering();
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
        return chosen;
    }

    /** The sources (by position in FROM) whose slots {@code e} reads. */
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
}
