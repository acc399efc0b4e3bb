package lsmdb.sql.exec;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import lsmdb.sql.expr.ColumnRef;
import lsmdb.sql.expr.Env;
import lsmdb.sql.expr.Expr;
import lsmdb.sql.types.Comparison;
import lsmdb.sql.types.DecimalOrder;

/**
 * ORDER BY: a full sort, or with {@code limit} set a top-N that keeps only limit + offset rows in a bounded heap.
 * Rows that compare equal keep their input order (the sort is stable). A sort whose rows outgrow maxQueryMemory
 * writes them out in sorted runs and merges those ({@link SortRuns}); a short top-N holds its few rows.
 */
public record Sort(Node input, List<SortKey> keys, Expr limit, Expr offset, Order order) implements Node {

    /** The sort with its keys' arrays ({@link Order}) made once with the plan, not by every execution. */
    public Sort(Node input, List<SortKey> keys, Expr limit, Expr offset) {
        this(input, keys, limit, offset, new Order(keys, input));
    }

    /** A top-N keeping at most this many rows keeps them in a sorted array instead of a heap. */
    static final int SMALL_TOP = 64;

    /** NULLs sort first ascending and last descending unless {@code nullsFirst} says otherwise. */
    public record SortKey(Expr expr, boolean descending, Boolean nullsFirst) {
        boolean nullFirst() {
            return nullsFirst != null ? nullsFirst : !descending;
        }

        @Override
        public String toString() {
            return expr + (descending ? " DESC" : "") + (nullsFirst == null ? "" : nullsFirst ? " NULLS FIRST"
                    : " NULLS LAST");
        }
    }

    record Keyed(Object[] key, Object[] row, long seq) {
    }

    /** Carries a comparison failure out of a Comparator. */
    static final class Failed extends RuntimeException {
        Failed(SQLException e) {
            super(e);
        }
    }

    @Override
    public Cursor open(Env env) throws SQLException {
        ExecContext ctx = (ExecContext) env.context;
        long lim = limit == null ? -1 : Basic.count(limit, env, -1);
        long off = Basic.count(offset, env, 0);
        long keep = lim < 0 ? -1 : lim + off;
        Env local = order.keysAreColumns() ? null : new Env(env.params, env.outer, env.context); // keys read in place
        int[] slots = keep >= 0 && keep <= SMALL_TOP ? order.projectSlots : null;
        // one array refilled per row, as a query's result reads them: the lookup's compiled next() then meets the
        // same branch here as under index_point, and only the rows that enter the top are copied
        Cursor projected = slots != null && ((Basic.Project) input).input() instanceof Basic.Filter f
                ? f.openExactProjected(env, slots, true) : null;
        if (projected != null) {
            // an exact index lookup gives the output rows themselves: ranked as they come, the kept ones handed out
            try (Cursor in = projected) {
                return smallTop(in, local, ctx, (int) keep, order, (int) Math.min(off, keep), true);
            } catch (Failed f) {
                throw (SQLException) f.getCause();
            }
        }
        if (slots != null) {
            // a short LIMIT over plain columns: the project's input rows are ranked, and only the kept ones projected
            try (Cursor in = ((Basic.Project) input).input().open(env)) {
                return projected(smallTop(in, local, ctx, (int) keep, order.throughProject, (int) Math.min(off, keep),
                        false), slots);
            } catch (Failed f) {
                throw (SQLException) f.getCause();
            }
        }
        try (Cursor in = input.open(env)) {
            if (keep >= 0 && keep <= SMALL_TOP) {
                return smallTop(in, local, ctx, (int) keep, order, (int) Math.min(off, keep), false);
            } else if (keep >= 0) {
                return heapTop(in, local, ctx, keep, off, lim);
            }
            return SortRuns.sortAll(in, local, ctx, order, off, lim, new ArrayList<>());
        } catch (Failed f) {
            throw (SQLException) f.getCause();
        }
    }

    /**
     * A top-N of {@code keep} rows, more than {@link #SMALL_TOP}, in a bounded heap; past the budget a full sort of
     * them all, spilling. The heap's first {@code keep} rows are counted (a row replacing one is not).
     */
    private Cursor heapTop(Cursor in, Env local, ExecContext ctx, long keep, long off, long lim)
            throws SQLException {
        PriorityQueue<Keyed> heap = new PriorityQueue<>(order.reversed());
        long held = 0;
        try {
            long seq = 0;
            for (Object[] r; (r = in.next()) != null; ) {
                Keyed k = new Keyed(order.key(local, r), r, seq++);
                if (heap.size() < keep) {
                    long bytes = ExecContext.footprint(r);
                    held += bytes;
                    if (!ctx.tryReserve(bytes)) {
                        // the top is more rows than the budget holds: a full sort of them all, spilling; no row
                        // has left the heap yet, so it holds the input's first rows, and their bytes are the
                        // full sort's to give back
                        List<Keyed> seen = new ArrayList<>(heap);
                        seen.add(k);
                        held = 0;
                        return SortRuns.sortAll(in, local, ctx, order, off, lim, seen);
                    }
                    heap.add(k);
                } else if (order.compare(k, heap.peek()) < 0) {
                    heap.poll();
                    heap.add(k);
                }
                ctx.tick();
            }
            List<Keyed> rows = new ArrayList<>(heap);
            rows.sort(order);
            Cursor out = SortedRows.listed(rows, off, lim, ctx, held);
            held = 0; // the result's to give back
            return out;
        } finally {
            ctx.release(held); // a failed top-N's
        }
    }

    /** How many rows of the order are read: {@code skip + limit}, all when the limit is negative or that overflows. */
    static long end(long skip, long limit) {
        return limit < 0 || limit > Long.MAX_VALUE - skip ? Long.MAX_VALUE : skip + limit;
    }

    /**
     * The first {@code keep} rows in order, kept sorted in an array as they come (each new row placed after the rows
     * it does not sort before, so equal rows keep their input order): for a short LIMIT this is a few comparisons
     * per row and no heap, and the rows need no sort at the end. Sort keys that are columns of the row are read in
     * place, so such a top-N makes nothing per row. Returns the rows from {@code skip} on. With {@code copyKept}
     * the input refills one array for every row ({@link Node#openOneAtATime}), so a row is copied when it is kept.
     */
    private static Cursor smallTop(Cursor in, Env local, ExecContext ctx, int keep, Order order, int skip,
                                   boolean copyKept) throws SQLException {
        Object[][] rows = new Object[keep][];
        Object[][] keys = order.keysAreColumns() ? rows : new Object[keep][];
        int n = 0;
        long held = 0; // the kept rows' bytes (a row replacing one is not counted)
        try {
            for (Object[] r; keep > 0 && (r = in.next()) != null; ) {
                Object[] k = order.key(local, r);
                // a row equal to the last kept one sorts after it (input order), so it is out
                if (n == keep && order.compareKeys(k, keys[n - 1]) >= 0) {
                    ctx.tick();
                    continue;
                }
                int at = n == keep ? n - 1 : n;
                while (at > 0 && order.compareKeys(k, keys[at - 1]) < 0) {
                    at--;
                }
                if (n < keep) {
                    held += ctx.reserve(r);
                    n++;
                }
                System.arraycopy(rows, at, rows, at + 1, n - 1 - at);
                rows[at] = copyKept ? r.clone() : r;
                if (keys != rows) {
                    System.arraycopy(keys, at, keys, at + 1, n - 1 - at);
                    keys[at] = k;
                }
                ctx.tick();
            }
            Cursor out = SortedRows.of(rows, Math.min(skip, n), n, ctx, held);
            held = 0; // the result's to give back
            return out;
        } finally {
            ctx.release(held); // a failed top-N's
        }
    }

    /** The rows of {@code in} with only {@code slots} of each, in that order. */
    private static Cursor projected(Cursor in, int[] slots) {
        return new Cursor() {
            @Override
            public Object[] next() throws SQLException {
                Object[] r = in.next();
                if (r == null) {
                    return null;
                }
                Object[] out = new Object[slots.length];
                for (int i = 0; i < out.length; i++) {
                    out[i] = r[slots[i]];
                }
                return out;
            }

            @Override
            public void close() {
                in.close();
            }
        };
    }

    /**
     * The sort keys of one execution as arrays, with the rows' order: the per-row key evaluation and each comparison
     * read fields, not the record's list through an interface call.
     */
    static final class Order implements Comparator<Keyed> {
        private final Expr[] exprs;
        private final boolean[] descending;
        private final boolean[] nullFirst;
        /** Where key i is in a key array: its column when every key is a column of the row (rows are their own keys). */
        private final int[] at;
        private final boolean columns;
        /**
         * With every key a column and the input a projection of plain columns: the projection's input slot of each
         * output slot, so a short top-N ranks the projection's input rows; else null. Made with the plan.
         */
        final int[] projectSlots;
        /** With {@link #projectSlots}: this order read from the projection's input rows. */
        final Order throughProject;

        Order(List<SortKey> keys, Node input) {
            int n = keys.size();
            exprs = new Expr[n];
            descending = new boolean[n];
            nullFirst = new boolean[n];
            at = new int[n];
            boolean cols = true;
            for (int i = 0; i < n; i++) {
                SortKey sk = keys.get(i);
                exprs[i] = sk.expr();
                descending[i] = sk.descending();
                nullFirst[i] = sk.nullFirst();
                cols &= sk.expr() instanceof ColumnRef c && c.depth() == 0;
            }
            columns = cols;
            for (int i = 0; i < n; i++) {
                at[i] = cols ? ((ColumnRef) exprs[i]).index() : i;
            }
            projectSlots = cols && input instanceof Basic.Project p ? p.columnSlots() : null;
            throughProject = projectSlots == null ? null : through(projectSlots);
        }

        private Order(Expr[] exprs, boolean[] descending, boolean[] nullFirst, int[] at) {
            this.exprs = exprs;
            this.descending = descending;
            this.nullFirst = nullFirst;
            this.at = at;
            this.columns = true;
            this.projectSlots = null;
            this.throughProject = null;
        }

        boolean keysAreColumns() {
            return columns;
        }

        /** This order of column keys read from rows whose output slot i is their slot {@code slots[i]}. */
        Order through(int[] slots) {
            int[] moved = new int[at.length];
            for (int i = 0; i < at.length; i++) {
                moved[i] = slots[at[i]];
            }
            return new Order(exprs, descending, nullFirst, moved);
        }

        /** The row's sort keys: the row itself when they are its columns, else their values in an array. */
        Object[] key(Env local, Object[] row) throws SQLException {
            if (columns) {
                return row;
            }
            local.row = row;
            Object[] k = new Object[exprs.length];
            for (int i = 0; i < k.length; i++) {
                k[i] = exprs[i].eval(local);
            }
            return k;
        }

        @Override
        public int compare(Keyed a, Keyed b) {
            int c = compareKeys(a.key(), b.key());
            return c != 0 ? c : Long.compare(a.seq(), b.seq());
        }

        /**
         * The order of two rows' keys (from {@link #key}); 0 when they tie. One key (the usual ORDER BY) is compared
         * without the loop, whose test for a tie would be a branch only equal keys take ({@link DecimalOrder}).
         */
        int compareKeys(Object[] ka, Object[] kb) {
            if (at.length == 1) {
                return compareKey(0, ka[at[0]], kb[at[0]]);
            }
            for (int i = 0; i < at.length; i++) {
                int c = compareKey(i, ka[at[i]], kb[at[i]]);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }

        /** The order of two values of key {@code i}, its direction and NULL placement applied. */
        private int compareKey(int i, Object x, Object y) {
            if (x == null || y == null) {
                return x == y ? 0 : (x == null) == nullFirst[i] ? -1 : 1;
            }
            int c;
            if (x instanceof BigDecimal a && y instanceof BigDecimal b) {
                c = DecimalOrder.compare(a, b);
            } else {
                try {
                    c = Comparison.compare(x, y);
                } catch (SQLException e) {
                    throw new Failed(e);
                }
            }
            return descending[i] ? -c : c;
        }
    }

    @Override
    public int width() {
        return input.width();
    }

    @Override
    public void explain(List<String> out, int depth) {
        out.add(Node.indent(depth) + (limit == null ? "SORT " : "TOP-N " + limit + " ") + keys);
        input.explain(out, depth + 1);
    }
}
