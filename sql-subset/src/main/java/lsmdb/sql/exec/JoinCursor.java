package lsmdb.sql.exec;

import java.sql.SQLException;
import java.util.List;
import lsmdb.sql.expr.Env;
import lsmdb.sql.expr.Expr;
import lsmdb.sql.types.SqlValues;

/**
 * A join's rows over one block layout: each probe row merged with its candidates from the other side (slots
 * {@code [from, to)}), filtered by the condition; with {@code outer}, a probe row without a match kept with those
 * slots NULL. Subclasses say where a probe row's candidates come from.
 */
abstract class JoinCursor implements Cursor {

    /** The probe row with slots [from, to) taken from {@code other}, whose slot {@code otherFrom} holds slot from. */
    static Object[] merge(Object[] probe, Object[] other, int otherFrom, int from, int to) {
        Object[] out = probe.clone();
        System.arraycopy(other, otherFrom, out, from, to - from);
        return out;
    }

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
