package lsmdb.sql.exec;

import java.sql.SQLException;
import java.util.List;
import lsmdb.sql.expr.Env;
import lsmdb.sql.expr.Expr;
import lsmdb.sql.types.SqlValues;

/** The small row-at-a-time operators: filter, project, limit, a single empty row, and placing rows in a block. */
public final class Basic {

    private Basic() {
    }

    /**
     * Rows of {@code input} for which {@code predicate} is TRUE. When {@code keyed}, the input is a primary-key range
     * scan or an index scan whose bounds are some of the predicate's conditions: an execution whose bounds convert
     * into the key without loss ({@link KeyAccess#exactSpans}) reads exactly the rows those conditions select, so
     * only {@code rest}, the other conditions (null: none), is checked per row. {@code exactInput} (null: none) is the
     * index scan such an execution reads instead: the same range, not building the columns only the carried
     * conditions read ({@code WHERE customer_id = ?} then decodes no customer_id).
     */
    public record Filter(Node input, Expr predicate, Expr rest, boolean keyed, IndexScan exactInput) implements Node {

        public Filter(Node input, Expr predicate) {
            this(input, predicate, null, false, null);
        }

        /** A filter over {@code scan} that checks only {@code rest} when the scan's bounds are exact. */
        public static Filter keyed(TableScan scan, Expr predicate, Expr rest) {
            return new Filter(scan, predicate, rest, true, null);
        }

        /** A filter over an index scan that checks only {@code rest} when the index range is exact. */
        public static Filter keyed(IndexScan scan, Expr predicate, Expr rest) {
            return new Filter(scan, predicate, rest, true, null);
        }

        /** This keyed filter reading {@code exact} (the input's range, fewer columns) in exact executions. */
        public Filter withExactInput(IndexScan exact) {
            return new Filter(input, predicate, rest, keyed, exact);
        }

        /**
         * The rows of an execution whose index range is exact and that has no other condition, as rows of only
         * {@code output} (block slots), made straight from each decoded row ({@link IndexScan#openExact(Env, int[],
         * boolean)}, {@code oneAtATime} as there); null, with nothing opened, for any other filter or execution (then
         * {@link #open} reads it).
         */
        Cursor openExactProjected(Env env, int[] output, boolean oneAtATime) throws SQLException {
            if (!keyed || rest != null || !(input instanceof IndexScan scan)) {
                return null;
            }
            return (exactInput != null ? exactInput : scan).openExact(env, output, oneAtATime);
        }

        @Override
        public Cursor open(Env env) throws SQLException {
            Expr predicate = this.predicate;
            Cursor in = null;
            if (keyed) {
                // the spans computed once: exact, or null and opened in full below
                in = input instanceof IndexScan scan ? (exactInput != null ? exactInput : scan).openExact(env)
                        : ((TableScan) input).openExact(env);
                if (in != null) {
                    predicate = rest;
                    if (predicate == null) {
                        return in;
                    }
                }
            }
            Expr test = predicate;
            if (in == null) {
                in = input.open(env);
            }
            Cursor source = in;
            Env local = new Env(env.params, env.outer, env.context);
            return new Cursor() {
                @Override
                public Object[] next() throws SQLException {
                    for (Object[] r; (r = source.next()) != null; ) {
                        local.row = r;
                        if (SqlValues.isTrue(test.eval(local))) {
                            return r;
                        }
                    }
                    return null;
                }

                @Override
                public void close() {
                    source.close();
                }
            };
        }

        @Override
        public int width() {
            return input.width();
        }

        @Override
        public void explain(List<String> out, int depth) {
            out.add(Node.indent(depth) + "FILTER " + predicate);
            input.explain(out, depth + 1);
        }
    }

    /** One output row per input row: the expressions' values. */
    public record Project(Node input, List<Expr> exprs) implements Node {

        public Project {
            exprs = List.copyOf(exprs); // read in place by every execution
        }

        @Override
        public Cursor open(Env env) throws SQLException {
            return open(env, false);
        }

        @Override
        public Cursor openOneAtATime(Env env) throws SQLException {
            return open(env, true);
        }

        private Cursor open(Env env, boolean oneAtATime) throws SQLException {
            if (input instanceof Joins.Index join) {
                int[] slots = columnSlots();
                if (slots != null) {
                    return join.open(env, slots, oneAtATime); // no merged row between, nor (oneAtATime) a row per row
                }
            }
            if (input instanceof Filter filter) {
                int[] slots = columnSlots();
                Cursor projected = slots == null ? null : filter.openExactProjected(env, slots, oneAtATime);
                if (projected != null) {
                    return projected; // each output row made from the decoded row, no table-wide row per row
                }
            }
            Cursor in = input.open(env);
            Env local = new Env(env.params, env.outer, env.context);
            List<Expr> es = exprs;
            int n = es.size();
            boolean same = passesRowsThrough();
            return new Cursor() {
                @Override
                public Object[] next() throws SQLException {
                    Object[] r = in.next();
                    if (r == null) {
                        return null;
                    }
                    if (same && r.length == n) {
                        return r;
                    }
                    local.row = r;
                    Object[] out = new Object[n];
                    for (int i = 0; i < n; i++) {
                        out[i] = es.get(i).eval(local);
                    }
                    return out;
                }

                @Override
                public void close() {
                    in.close();
                }
            };
        }

        /** The slot each output reads when every output is a column of this block's row; else null. */
        int[] columnSlots() {
            int[] slots = new int[exprs.size()];
            for (int i = 0; i < slots.length; i++) {
                if (!(exprs.get(i) instanceof lsmdb.sql.expr.ColumnRef c) || c.depth() != 0) {
                    return null;
                }
                slots[i] = c.index();
            }
            return slots;
        }

        /**
         * Whether every output is the input's slot of the same number and nothing else (SELECT k, v over a scan of
         * (k, v)): the input's rows are then the output rows as they are. Cursors never reuse a row array, so handing
         * the input's arrays on is as safe as copying them.
         */
        boolean passesRowsThrough() {
            if (exprs.size() != input.width()) {
                return false;
            }
            for (int i = 0; i < exprs.size(); i++) {
                if (!(exprs.get(i) instanceof lsmdb.sql.expr.ColumnRef c) || c.depth() != 0 || c.index() != i) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int width() {
            return exprs.size();
        }

        @Override
        public void explain(List<String> out, int depth) {
            out.add(Node.indent(depth) + "PROJECT " + exprs);
            input.explain(out, depth + 1);
        }
    }

    /** Skips {@code offset} rows, then passes at most {@code limit} (null: no limit). */
    public record Limit(Node input, Expr limit, Expr offset) implements Node {
        @Override
        public Cursor open(Env env) throws SQLException {
            long lim = count(limit, env, Long.MAX_VALUE);
            long off = count(offset, env, 0);
            Cursor in = input.open(env);
            return new Cursor() {
                long skipped;
                long passed;

                @Override
                public Object[] next() throws SQLException {
                    if (passed >= lim) {
                        return null;
                    }
                    while (skipped < off) {
                        if (in.next() == null) {
                            return null;
                        }
                        skipped++;
                    }
                    Object[] r = in.next();
                    if (r != null) {
                        passed++;
                    }
                    return r;
                }

                @Override
                public void close() {
                    in.close();
                }
            };
        }

        @Override
        public int width() {
            return input.width();
        }

        @Override
        public void explain(List<String> out, int depth) {
            out.add(Node.indent(depth) + "LIMIT " + (limit == null ? "ALL" : limit)
                    + (offset == null ? "" : " OFFSET " + offset));
            input.explain(out, depth + 1);
        }
    }

    /** LIMIT/OFFSET's value: a non-negative integer; NULL means none. */
    static long count(Expr e, Env env, long none) throws SQLException {
        if (e == null) {
            return none;
        }
        Object v = e.eval(env);
        if (v == null) {
            return none;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw lsmdb.sql.Errors.wrongType("LIMIT and OFFSET need whole numbers, not " + SqlValues.show(v));
        }
        if (n.doubleValue() < 0) {
            throw lsmdb.sql.Errors.outOfRange("LIMIT and OFFSET cannot be negative: " + SqlValues.show(v));
        }
        if (!fitsBigint(n)) { // longValue() would wrap it: OFFSET 2^64 + 1 skipping one row
            throw lsmdb.sql.Errors.outOfRange("LIMIT and OFFSET can be at most " + Long.MAX_VALUE + ", not "
                    + SqlValues.show(v));
        }
        return n.longValue();
    }

    private static boolean fitsBigint(Number n) {
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return true;
        }
        if (n instanceof java.math.BigInteger b) {
            return b.bitLength() < 64;
        }
        if (n instanceof java.math.BigDecimal d) {
            return d.compareTo(MAX_BIGINT) <= 0;
        }
        return n.doubleValue() < 0x1p63; // a DOUBLE or REAL: whole, as checked
    }

    private static final java.math.BigDecimal MAX_BIGINT = java.math.BigDecimal.valueOf(Long.MAX_VALUE);

    /** One row of {@code width} NULL slots: the FROM of a SELECT without FROM. */
    public record OneRow(int width) implements Node {
        @Override
        public Cursor open(Env env) {
            return new Cursor() {
                boolean done;

                @Override
                public Object[] next() {
                    if (done) {
                        return null;
                    }
                    done = true;
                    return new Object[width];
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public void explain(List<String> out, int depth) {
            out.add(Node.indent(depth) + "ONE ROW");
        }
    }

    /** Rows given as expressions: a VALUES list. */
    public record Values(List<List<Expr>> rows, int width) implements Node {
        @Override
        public Cursor open(Env env) {
            Env local = new Env(env.params, env.outer, env.context);
            return new Cursor() {
                int i;

                @Override
                public Object[] next() throws SQLException {
                    if (i >= rows.size()) {
                        return null;
                    }
                    List<Expr> r = rows.get(i++);
                    Object[] out = new Object[r.size()];
                    for (int c = 0; c < out.length; c++) {
                        out[c] = r.get(c).eval(local);
                    }
                    return out;
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public void explain(List<String> out, int depth) {
            out.add(Node.indent(depth) + "VALUES (" + rows.size() + " rows)");
        }
    }

    /** A derived table's rows placed at {@code offset} in rows of the enclosing block's width. */
    public record Place(Node input, String alias, int offset, int width) implements Node {
        @Override
        public Cursor open(Env env) throws SQLException {
            Cursor in = input.open(env);
            return new Cursor() {
                @Override
                public Object[] next() throws SQLException {
                    Object[] r = in.next();
                    if (r == null) {
                        return null;
                    }
                    Object[] out = new Object[width];
                    System.arraycopy(r, 0, out, offset, r.length);
                    return out;
                }

                @Override
                public void close() {
                    in.close();
                }
            };
        }

        @Override
        public void explain(List<String> out, int depth) {
            out.add(Node.indent(depth) + "SUBQUERY " + alias);
            input.explain(out, depth + 1);
        }
    }
}
