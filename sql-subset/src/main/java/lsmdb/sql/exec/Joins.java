package lsmdb.sql.exec;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lsmdb.sql.expr.Env;
import lsmdb.sql.expr.Expr;
import lsmdb.sql.types.SqlValues;

/**
 * Joins of rows that share one block layout: the probe side's rows are read once, each merged with the matching
 * rows of the other side (whose slots are {@code [from, to)}). With {@code outer} set, a probe row without a match
 * is kept with the other side's slots NULL (LEFT JOIN when the probe side is the left one, RIGHT JOIN otherwise).
 */
public final class Joins {

    private Joins() {
    }

    /** The probe row with slots [from, to) taken from {@code other}, whose slot {@code otherFrom} holds slot from. */
    static Object[] merge(Object[] probe, Object[] other, int otherFrom, int from, int to) {
        Object[] out = probe.clone();
        System.arraycopy(other, otherFrom, out, from, to - from);
        return out;
    }

    /** Emits merged rows of each probe row, pulling candidates from a per-probe-row source. */
    private abstract static class JoinCursor implements Cursor {
        private final Cursor probe;
        private final Expr condition;
        private final boolean outer;
        private final Env local;
        private final int from;
        private final int to;
        /** Where a candidate's slots start: {@code from} for rows of the block's width, 0 for a table's own rows. */
        private final int candidateFrom;
        /** The block slots each output row is made of (a projection folded in); null: the merged rows themselves. */
        private final int[] output;
        /** With {@link #output}, for a caller that keeps no row ({@link Node#openOneAtATime}): the one output row. */
        private final Object[] reused;
        /** With {@link #output}: the merged row the condition reads, refilled per candidate and never handed out. */
        private Object[] scratch;
        private Object[] current;
        private boolean matched;
        private List<Object[]> candidates;
        private int next;
        /**
         * The current probe row's candidates when they stream from a cursor rather than sit in {@link #candidates}:
         * each row read, copied out and dropped before the next (the cursor may refill one array). Null otherwise.
         */
        private Cursor stream;
        /** The current probe row's one candidate not yet read when it was looked up alone ({@link #setOnly}). */
        private Object[] only;

        JoinCursor(Cursor probe, Expr condition, boolean outer, Env local, int from, int to) {
            this(probe, condition, outer, local, from, to, from, null, false);
        }

        JoinCursor(Cursor probe, Expr condition, boolean outer, Env local, int from, int to, int candidateFrom,
                   int[] output, boolean oneAtATime) {
            this.probe = probe;
            this.reused = oneAtATime && output != null ? new Object[output.length] : null;
            this.condition = condition;
            this.outer = outer;
            this.local = local;
            this.from = from;
            this.to = to;
            this.candidateFrom = candidateFrom;
            this.output = output;
        }

        abstract List<Object[]> candidates(Object[] probeRow) throws SQLException;

        /** The next probe row (null after the last), its candidates left in {@link #candidates}. */
        Object[] nextProbe() throws SQLException {
            Object[] row = probe.next();
            if (row != null) {
                candidates = candidates(row);
            }
            return row;
        }

        void setCandidates(List<Object[]> c) {
            candidates = c;
        }

        /** The current probe row's only candidate is {@code row} (null: none), held in no list. */
        void setOnly(Object[] row) {
            candidates = List.of();
            only = row;
        }

        /** The current probe row's candidates are {@code c}'s rows, read as they are needed ({@link #stream}). */
        void setStream(Cursor c) {
            candidates = List.of();
            stream = c;
        }

        /** The current probe row's next candidate; null after its last. */
        private Object[] nextCandidate() throws SQLException {
            if (only != null) {
                Object[] row = only;
                only = null;
                return row;
            }
            if (stream != null) {
                Object[] row = stream.next();
                if (row == null) {
                    stream.close();
                    stream = null;
                }
                return row;
            }
            return next < candidates.size() ? candidates.get(next++) : null;
        }

        @Override
        public Object[] next() throws SQLException {
            if (output != null) {
                return nextProjected();
            }
            for (;;) {
                if (current == null) {
                    current = nextProbe();
                    if (current == null) {
                        return null;
                    }
                    matched = false;
                    next = 0;
                }
                for (Object[] candidate; (candidate = nextCandidate()) != null; ) {
                    ((ExecContext) local.context).tick();
                    Object[] row = merge(current, candidate, candidateFrom, from, to);
                    local.row = row;
                    if (condition == null || SqlValues.isTrue(condition.eval(local))) {
                        matched = true;
                        return row;
                    }
                }
                Object[] unmatched = current;
                current = null;
                if (outer && !matched) {
                    return unmatched;
                }
            }
        }

        /**
         * {@link #next} with the projection folded in: each candidate is laid into one scratch row over its probe
         * row, and only the output slots are copied out, so no merged row is made per candidate.
         */
        private Object[] nextProjected() throws SQLException {
            for (;;) {
                if (current == null) {
                    current = nextProbe();
                    if (current == null) {
                        return null;
                    }
                    if (scratch == null) {
                        scratch = new Object[current.length];
                    }
                    System.arraycopy(current, 0, scratch, 0, current.length);
                    local.row = scratch;
                    matched = false;
                    next = 0;
                }
                for (Object[] candidate; (candidate = nextCandidate()) != null; ) {
                    ((ExecContext) local.context).tick();
                    System.arraycopy(candidate, candidateFrom, scratch, from, to - from);
                    if (condition == null || SqlValues.isTrue(condition.eval(local))) {
                        matched = true;
                        return project(scratch);
                    }
                }
                current = null;
                if (outer && !matched) {
                    java.util.Arrays.fill(scratch, from, to, null);
                    return project(scratch);
                }
            }
        }

        private Object[] project(Object[] row) {
            Object[] out = reused != null ? reused : new Object[output.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = row[output[i]];
            }
            return out;
        }

        @Override
        public void close() {
            if (stream != null) {
                stream.close();
                stream = null;
            }
            if (probe != null) { // null: the one probe row was given at open
                probe.close();
            }
        }
    }

    private static List<Object[]> materialize(Node n, Env env) throws SQLException {
        ExecContext ctx = (ExecContext) env.context;
        List<Object[]> rows = new ArrayList<>();
        try (Cursor c = n.open(env)) {
            for (Object[] r; (r = c.next()) != null; ) {
                ctx.reserve(r);
                rows.add(r);
            }
        }
        return rows;
    }

    /** Every pair, filtered by the condition. */
    public record NestedLoop(Node probe, Node other, Expr condition, boolean outer, int from, int to, String kind)
            implements Node {
        @Override
        public Cursor open(Env env) throws SQLException {
            List<Object[]> rows = materialize(other, env);
            return new JoinCursor(probe.open(env), condition, outer, new Env(env.params, env.outer, env.context),
                    from, to) {
                @Override
                List<Object[]> candidates(Object[] probeRow) {
                    return rows;
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

    /** Equi-join: the other side hashed on its keys, probed with the probe side's. NULL keys match nothing. */
    public record Hash(Node probe, Node other, List<Expr> probeKeys, List<Expr> otherKeys, Expr condition,
                       boolean outer, int from, int to, String kind) implements Node {
        @Override
        public Cursor open(Env env) throws SQLException {
            Env local = new Env(env.params, env.outer, env.context);
            Map<List<Object>, List<Object[]>> table = new HashMap<>();
            for (Object[] r : materialize(other, env)) {
                List<Object> k = keys(otherKeys, local, r);
                if (k != null) {
                    table.computeIfAbsent(k, x -> new ArrayList<>(1)).add(r);
                }
            }
            return new JoinCursor(probe.open(env), condition, outer, local, from, to) {
                @Override
                List<Object[]> candidates(Object[] probeRow) throws SQLException {
                    List<Object> k = keys(probeKeys, local, probeRow);
                    List<Object[]> found = k == null ? null : table.get(k);
                    return found == null ? List.of() : found;
                }
            };
        }

        private static List<Object> keys(List<Expr> exprs, Env local, Object[] row) throws SQLException {
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
