package lsmdb.sql.exec;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lsmdb.sql.expr.Env;
import lsmdb.sql.expr.Expr;

/**
 * Joins of rows that share one block layout: the probe side's rows are read once, each merged with the matching
 * rows of the other side (whose slots are {@code [from, to)}). With {@code outer} set, a probe row without a match
 * is kept with the other side's slots NULL (LEFT JOIN when the probe side is the left one, RIGHT JOIN otherwise).
 */
public final class Joins {

    private Joins() {
    }

    /** Every pair, filtered by the condition. */
    public record NestedLoop(Node probe, Node other, Expr condition, boolean outer, int from, int to, String kind)
            implements Node {
        @Override
        public Cursor open(Env env) throws SQLException {
            // past maxQueryMemory the other side's later rows wait in a file, read again for each probe row
            SpilledRows rows = new SpilledRows((ExecContext) env.context, "a nested loop join");
            Cursor probeRows;
            try {
                try (Cursor c = other.open(env)) {
                    for (Object[] r; (r = c.next()) != null; ) {
                        rows.add(r);
                    }
                }
                probeRows = probe.open(env);
            } catch (SQLException | RuntimeException e) {
                rows.close();
                throw e;
            }
            List<Object[]> held = rows.held();
            return new JoinCursor(probeRows, condition, outer, new Env(env.params, env.outer, env.context),
                    from, to) {
                @Override
                List<Object[]> candidates(Object[] probeRow) throws SQLException {
                    if (held != null) {
                        return held;
                    }
                    setStream(rows.read());
                    return List.of();
                }

                @Override
                Object[] nextProbe() throws SQLException {
                    Object[] row = super.nextProbe();
                    if (row == null) {
                        rows.close(); // past the last probe row: the statement's later operators have the budget
                    }
                    return row;
                }

                @Override
                public void close() {
                    super.close();
                    rows.close();
                }
            };
        }

        @Override
        public int width() {
            return probe.width();
        }

        @Override
        public void explain(List<String> out, int depth) {
            out.add(Node.indent(depth) + kind + " NESTED LOOP" + (condition == null ? "" : " ON " + condition));
            probe.explain(out, depth + 1);
            other.explain(out, depth + 1);
        }
    }

    /**
     * Equi-join: the other side hashed on its keys, probed with the probe side's. NULL keys match nothing. Past
     * maxQueryMemory both sides are partitioned to temporary files and joined a partition at a time
     * ({@link GraceHashJoin}).
     */
    public record Hash(Node probe, Node other, List<Expr> probeKeys, List<Expr> otherKeys, Expr condition,
                       boolean outer, int from, int to, String kind) implements Node {
        @Override
        public Cursor open(Env env) throws SQLException {
            Env local = new Env(env.params, env.outer, env.context);
            ExecContext ctx = (ExecContext) env.context;
            Map<List<Object>, List<Object[]>> table = new HashMap<>();
            long held = 0;
            Cursor probeRows;
            try {
                try (Cursor c = other.open(env)) {
                    for (Object[] r; (r = c.next()) != null; ) {
                        long bytes = ExecContext.footprint(r);
                        if (!ctx.tryReserve(bytes)) {
                            ctx.release(bytes);
                            long given = held;
                            held = 0; // GraceHashJoin gives them back, also should it fail
                            return GraceHashJoin.open(this, env, local, table, given, r, c);
                        }
                        held += bytes;
                        ctx.tick();
                        List<Object> k = keys(otherKeys, local, r);
                        if (k != null) {
                            table.computeIfAbsent(k, x -> new ArrayList<>(1)).add(r);
                        }
                    }
                }
                probeRows = probe.open(env);
            } catch (SQLException | RuntimeException e) {
                ctx.release(held); // the table is dropped with the failure: so is its count
                throw e;
            }
            return new HashJoinRows(this, probeRows, local, table, ctx, held);
        }

        /** The hash key of {@code exprs} over {@code row}; null when one is NULL (it matches nothing). */
        static List<Object> keys(List<Expr> exprs, Env local, Object[] row) throws SQLException {
            local.row = row;
            Object[] k = new Object[exprs.size()];
            for (int i = 0; i < k.length; i++) {
                Object v = exprs.get(i).eval(local);
                if (v == null) {
                    return null;
                }
                k[i] = lsmdb.sql.types.Comparison.groupKey(v);
            }
            return java.util.Arrays.asList(k);
        }

        @Override
        public int width() {
            return probe.width();
        }

        @Override
        public void explain(List<String> out, int depth) {
            out.add(Node.indent(depth) + kind + " HASH JOIN ON " + probeKeys + " = " + otherKeys);
            probe.explain(out, depth + 1);
            other.explain(out, depth + 1);
        }
    }

    /**
     * The other side is a table reached through its key or an index: lookups built from each probe row's values.
     * {@code keyOnly} is the probe side made from its key when the join has that shape ({@link KeyOnlyProbe}), else
     * null; {@code point} the probe side read with one point get when it is a key point ({@link PointProbe}), else
     * null: both found once with the plan, not by every execution.
     */
    public record Index(Node probe, Lookup other, Expr condition, boolean outer, String kind, KeyOnlyProbe keyOnly,
                        PointProbe point) implements Node {

        public Index(Node probe, Lookup other, Expr condition, boolean outer, String kind) {
            this(probe, other, condition, outer, kind, KeyOnlyProbe.of(probe, other, outer), PointProbe.of(probe));
        }

        @Override
        public Cursor open(Env env) throws SQLException {
            return open(env, null, false);
        }

        /**
         * The joined rows, or with {@code output} set (block slots) only those slots of each: a projection of plain
         * columns above the join folded into it ({@link Basic.Project}); with {@code oneAtATime} too, all in one
         * array refilled for every row ({@link Node#openOneAtATime}). A probe side of at most one row known from this
         * execution's key ({@link KeyOnlyProbe}, {@link PointProbe}) is not opened as a cursor.
         */
        Cursor open(Env env, int[] output, boolean oneAtATime) throws SQLException {
            ExecContext ctx = (ExecContext) env.context;
            Object[] only = TableScan.NOT_ONE_KEY;
            byte[] mustExist = null;
            if (keyOnly != null) {
                byte[] probeKey = keyOnly.key(env);
                if (probeKey != KeyAccess.NOT_ONE_KEY) {
                    only = probeKey == null ? null : keyOnly.row(probeKey);
                    mustExist = probeKey;
                }
            } else if (point != null) {
                only = point.row(ctx, env);
            }
            if (only == TableScan.NOT_ONE_KEY) {
                return new IndexJoinCursor(this, ctx, env, probe.open(env), null, null, output, oneAtATime);
            }
            return new IndexJoinCursor(this, ctx, env, null, only, mustExist, output, oneAtATime);
        }

        @Override
        public int width() {
            return probe.width();
        }

        @Override
        public void explain(List<String> out, int depth) {
            out.add(Node.indent(depth) + kind + " INDEX JOIN" + (condition == null ? "" : " CHECKING " + condition));
            probe.explain(out, depth + 1);
            other.explain(out, depth + 1);
        }
    }

    /**
     * An index join's rows: each probe row's candidates looked up in the other side. A probe side of one row (given
     * at open, or found by reading two) is looked up alone: through the cursor an index query reads, or one key's
     * row; more probe rows are read a batch ahead and looked up together ({@link Lookup#lookupAll}).
     */
    private static final class IndexJoinCursor extends JoinCursor {
        /** Probe rows per batch of lookups: the first batch small (a LIMIT above may want few), later ones larger. */
        private static final int FIRST_BATCH = 16;
        private static final int MAX_BATCH = 64;

        private final Lookup other;
        private final ExecContext ctx;
        private final Env keyEnv;
        /** The probe rows, or null when the one probe row was given at open ({@link #only}). */
        private final Cursor probeCursor;
        /** The probe row given at open (null: none), read by the first {@link #nextProbe}. */
        private final Object[] only;
        /** A key whose row must exist for the probe row to ({@link KeyOnlyProbe}), else null. */
        private final byte[] mustExist;
        private Object[][] rows;
        private List<Object[]>[] found;
        private int have;
        private int at;
        private int batch = FIRST_BATCH;
        private boolean exhausted;

        IndexJoinCursor(Index join, ExecContext ctx, Env env, Cursor probeCursor, Object[] only, byte[] mustExist,
                        int[] output, boolean oneAtATime) {
            super(probeCursor, join.condition(), join.outer(), new Env(env.params, env.outer, env.context),
                    join.other().from(), join.other().to(), 0, output, oneAtATime);
            this.other = join.other();
            this.ctx = ctx;
            this.keyEnv = new Env(env.params, env.outer, env.context);
            this.probeCursor = probeCursor;
            this.only = only;
            this.mustExist = mustExist;
        }

        @Override
        List<Object[]> candidates(Object[] probeRow) throws SQLException {
            keyEnv.row = probeRow;
            return other.lookup(ctx, keyEnv);
        }

        /**
         * The next probe row, its candidates set up. One method, over C2's inlining limit (FreqInlineSize, 325 bytes
         * of bytecode; CompileUnitBoundaryTest): the per-row loop that calls it compiles without it, so the branches
         * one plan never takes (an index or a key lookup, a batch) cost only this unit when another plan takes them.
         */
        @Override
        @SuppressWarnings("unchecked")
        Object[] nextProbe() throws SQLException {
            if (at < have) {
                return fromBatch();
            }
            if (exhausted) {
                return null;
            }
            Object[] first = null;
            Object[] second = null;
            if (probeCursor == null) {
                first = only;
            } else if (rows == null) {
                first = probeCursor.next();
                second = first == null ? null : probeCursor.next();
            }
            if (rows == null && second == null) {
                // a probe of one row (given at open, or a key point) is looked up alone, no batch set up
                exhausted = true;
                if (first == null) {
                    return null;
                }
                keyEnv.row = first;
                if (other instanceof IndexScan ix) {
                    // streamed through the cursor an index query reads: no row list, no row per row
                    setStream(ix.lookupOneAtATime(ctx, keyEnv, mustExist));
                } else if (other instanceof TableScan ts) {
                    List<KeyAccess.Span> spans = ts.spans(keyEnv); // made once, for one row or the lookup
                    Object[] one = ts.onlyRow(ctx, spans);
                    if (one == TableScan.NOT_ONE_KEY) {
                        setCandidates(ts.lookup(ctx, spans));
                    } else {
                        setOnly(one); // one key's row, in no list
                    }
                } else {
                    setCandidates(other.lookup(ctx, keyEnv));
                }
                return first;
            }
            if (rows == null || rows.length < batch) {
                rows = new Object[batch][];
                found = new List[batch];
            }
            at = 0;
            have = 0;
            if (second != null) {
                rows[have++] = first;
                rows[have++] = second;
            }
            for (Object[] r; have < batch && (r = probeCursor.next()) != null; ) {
                rows[have++] = r;
            }
            exhausted = have < batch;
            if (have == 0) {
                return null;
            }
            other.lookupAll(ctx, keyEnv, rows, have, found);
            batch = Math.min(batch * 2, MAX_BATCH);
            return fromBatch();
        }

        /** The batch's next probe row, its candidates set up. */
        private Object[] fromBatch() {
            Object[] row = rows[at];
            setCandidates(found[at]);
            rows[at] = null;
            found[at++] = null;
            return row;
        }
    }
}
