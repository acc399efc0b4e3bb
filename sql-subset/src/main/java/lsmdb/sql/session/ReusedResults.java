package lsmdb.sql.session;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import lsmdb.sql.RowCursor;
import lsmdb.sql.exec.Aggregate;
import lsmdb.sql.exec.Basic;
import lsmdb.sql.exec.Cursor;
import lsmdb.sql.exec.Cursors;
import lsmdb.sql.exec.IndexCount;
import lsmdb.sql.exec.Node;
import lsmdb.sql.exec.Sort;
import lsmdb.sql.exec.StreamAggregate;
import lsmdb.sql.plan.Plan;

/**
 * A session's last rows of each aggregate query, given again when the same plan runs with equal parameters and
 * nothing has been committed since (H2 reuses a query's last result on the same rule): an aggregate reads every row it
 * sums to hand out a few, and dashboards ask the same question over unchanged data again and again.
 *
 * <p>Only for plans whose header says they read nothing but stored rows and their parameters ({@code repeatable}),
 * whose top operator (under projections, sorts and limits) is an aggregate, run outside a transaction (a
 * transaction's own writes are not committed state), with at most {@link #MAX_ROWS} rows of immutable values. The
 * engine's last sequence names the committed state: any commit, by any session, moves it.
 */
final class ReusedResults {

    /** Results kept per session; past it the oldest go (all of them: the map is small and rarely full). */
    private static final int MAX_PLANS = 8;
    static final int MAX_ROWS = 64;

    private record Kept(Object[] params, long sequence, List<Object[]> rows) {
    }

    private final Map<Plan.Select, Kept> kept = new IdentityHashMap<>();
    /** Whether results of {@code s} may be kept: a repeatable plan whose top operator is an aggregate. */
    static boolean qualifies(Plan.Select s) {
        if (!s.header().repeatable()) {
            return false;
        }
        Node n = s.root();
        for (;;) {
            if (n instanceof Basic.Project p) {
                n = p.input();
            } else if (n instanceof Sort sort) {
                n = sort.input();
            } else if (n instanceof Basic.Limit l) {
                n = l.input();
            } else {
                return n instanceof Aggregate || n instanceof StreamAggregate || n instanceof IndexCount;
            }
        }
    }

    /** The kept rows of {@code s} for {@code params}, if the committed state is still {@code lastSequence}. */
    RowCursor reuse(Plan.Select s, Object[] params, long lastSequence) {
        Kept k = kept.get(s);
        if (k == null || k.sequence != lastSequence || !Arrays.equals(k.params, params)) {
            return null;
        }
        return new ResultRows(s.resultColumns(), Cursors.of(k.rows), null);
    }

    /**
     * Reads {@code c}'s rows, keeping them for {@code s} and {@code params} as of committed state {@code sequence}
     * when there are few and all immutable; returns a cursor over the same rows for the caller (those read, then the
     * rest of {@code c}).
     */
    Cursor keep(Plan.Select s, Object[] params, long sequence, Cursor c) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        boolean keepable = true;
        try {
            for (Object[] r; (r = c.next()) != null; ) {
                Object[] copy = r.clone(); // a one-at-a-time cursor refills its array
                rows.add(copy);
                keepable &= immutable(copy);
                if (rows.size() > MAX_ROWS) {
                    kept.remove(s);
                    return new ReadAhead(rows, c);
                }
            }
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        c.close();
        if (keepable) {
            if (kept.size() >= MAX_PLANS && !kept.containsKey(s)) {
                kept.clear();
            }
            kept.put(s, new Kept(params.clone(), sequence, rows));
        } else {
            kept.remove(s);
        }
        return Cursors.of(rows);
    }

    private static boolean immutable(Object[] row) {
        for (Object v : row) {
            if (!(v == null || v instanceof String || v instanceof Long || v instanceof Integer || v instanceof Short
                    || v instanceof Byte || v instanceof BigDecimal || v instanceof Double || v instanceof Float
                    || v instanceof Boolean || v instanceof UUID || v instanceof java.time.temporal.Temporal)) {
                return false; // byte[], java.sql.Timestamp and the like can be changed by whoever gets them
            }
        }
        return true;
    }

    /** The rows read so far, then the rest of the cursor they came from. */
    private static final class ReadAhead implements Cursor {
        private final List<Object[]> read;
        private final Cursor rest;
        private int at;

        ReadAhead(List<Object[]> read, Cursor rest) {
            this.read = read;
            this.rest = rest;
        }

        @Override
        public Object[] next() throws SQLException {
            return at < read.size() ? read.get(at++) : rest.next();
        }

        @Override
        public void close() {
            rest.close();
        }
    }
}
