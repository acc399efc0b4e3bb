package lsmdb.sql.exec;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lsmdb.sql.expr.Env;
import lsmdb.sql.expr.Expr;
import lsmdb.sql.types.Comparison;

/**
 * A hash grouping past maxQueryMemory, finished by sorting ({@link SortRuns}, spilling): the groups the hash table
 * holds and every later input row become records, sorted by the hash of their group, and the sorted stream is folded
 * a few groups at a time. Each record is {@code [group hash, tag, value hash, group values..., payload...]}:
 * <ul>
 *   <li>tag -1, a state of the group over a stretch of the input: per aggregate its count and value (the table's
 *       partial groups, so no row folded before the spill is lost or counted twice; then one per row);</li>
 *   <li>tag i, one value of DISTINCT aggregate i for the group, with its hash.</li>
 * </ul>
 * Sorting by the hashes rather than by the values keeps the grouping's equality exactly the hash table's (a group key
 * equal in {@link Comparison#groupKey}); groups or values whose hashes collide are told apart in a small map. The
 * sort is stable, so a group's states merge in input order: its sums add up in the order the table's would have.
 */
final class GroupSpill {

    private static final int GROUP_HASH = 0;
    private static final int TAG = 1;
    private static final int VALUE_HASH = 2;
    private static final int VALUES = 3;
    private static final Integer PARTIAL = -1;

    private GroupSpill() {
    }

    /**
     * The groups of {@code held} (given up as they are written out) and of the rest of {@code in}, grouped by sorting.
     * {@code local} is the grouping's row environment; without group expressions there is exactly one group.
     */
    static Cursor group(Collection<Aggregate.Group> held, Cursor in, Env local, Expr[] groupExprs,
                        List<Aggregate.Call> calls, ExecContext ctx) throws SQLException {
        Cursor records = new Records(held.iterator(), in, local, groupExprs, calls);
        Cursor sorted = HashSorted.rows(records, ctx, VALUES);
        return new Folded(sorted, groupExprs.length, calls);
    }

    /**
     * The result row of {@code held}, one group whose DISTINCT values outgrew the budget, with the rest of its rows,
     * {@code in} (all of that group), grouped by sorting: a streamed grouping's group, its files gone on return.
     */
    static Object[] oneGroup(Aggregate.Group held, Cursor in, Env local, Expr[] groupExprs,
                             List<Aggregate.Call> calls, ExecContext ctx) throws SQLException {
        try (Cursor folded = group(new ArrayList<>(List.of(held)), in, local, groupExprs, calls, ctx)) {
            return folded.next(); // every record is of the one group: one row
        }
    }

    /** The records of the held groups, then of each input row (its own one-row group). */
    private static final class Records implements Cursor {
        private final Iterator<Aggregate.Group> held;
        private final Cursor in;
        private final Env local;
        private final Expr[] groupExprs;
        private final List<Aggregate.Call> calls;
        private final Expr[] args;
        private final ArrayDeque<Object[]> pending = new ArrayDeque<>();
        private Aggregate.Group current;
        private int nextDistinct;
        private Iterator<Object> values;

        Records(Iterator<Aggregate.Group> held, Cursor in, Env local, Expr[] groupExprs, List<Aggregate.Call> calls) {
            this.held = held;
            this.in = in;
            this.local = local;
            this.groupExprs = groupExprs;
            this.calls = calls;
            this.args = new Expr[calls.size()];
            for (int i = 0; i < args.length; i++) {
                args[i] = calls.get(i).arg();
            }
        }

        @Override
        public Object[] next() throws SQLException {
            while (pending.isEmpty()) {
                if (current != null && moreValues()) {
                    break;
                }
                if (held.hasNext()) {
                    start(held.next());
                    held.remove(); // written out: the table need not keep it
                } else {
                    Object[] r = in.next();
                    if (r == null) {
                        return null;
                    }
                    local.row = r;
                    Object[] g = new Object[groupExprs.length];
                    for (int i = 0; i < g.length; i++) {
                        g[i] = groupExprs[i].eval(local);
                    }
                    Aggregate.Group one = new Aggregate.Group(g, Accumulator.of(calls));
                    Aggregate.add(one.accs(), args, local);
                    start(one);
                }
            }
            return pending.poll();
        }

        /** Queues the group's state record; its DISTINCT values follow one at a time. */
        private void start(Aggregate.Group g) {
            current = g;
            nextDistinct = 0;
            values = null;
            Accumulator[] accs = g.accs();
            Object[] rec = record(g.values(), PARTIAL, 0, 2 * accs.length);
            for (int i = 0; i < accs.length; i++) {
                boolean distinct = accs[i].distinct(); // its values follow as records of their own
                rec[VALUES + g.values().length + 2 * i] = distinct ? 0L : accs[i].count();
                rec[VALUES + g.values().length + 2 * i + 1] = distinct ? null : accs[i].value();
            }
            pending.add(rec);
        }

        /** Queues the current group's next DISTINCT value, if any is left. */
        private boolean moreValues() {
            Accumulator[] accs = current.accs();
            while (values == null || !values.hasNext()) {
                if (values != null) {
                    nextDistinct++;
                }
                while (nextDistinct < accs.length && !accs[nextDistinct].distinct()) {
                    nextDistinct++;
                }
                if (nextDistinct == accs.length) {
                    current = null;
                    return false;
                }
                values = accs[nextDistinct].distinctValues().iterator();
            }
            Object v = values.next();
            Object[] rec = record(current.values(), nextDistinct, Comparison.groupKey(v).hashCode(), 1);
            rec[rec.length - 1] = v;
            pending.add(rec);
            return true;
        }

        private static Object[] record(Object[] groupValues, int tag, int valueHash, int payload) {
            Object[] rec = new Object[VALUES + groupValues.length + payload];
            rec[GROUP_HASH] = SetOps.rowKey(groupValues, groupValues.length).hashCode();
            rec[TAG] = tag;
            rec[VALUE_HASH] = valueHash;
            System.arraycopy(groupValues, 0, rec, VALUES, groupValues.length);
            return rec;
        }

        @Override
        public void close() {
            // the input is the grouping's to close
        }
    }

    /**
     * The sorted records folded into groups: all records of one group hash at a time (a group's states first, then
     * its DISTINCT values by their hashes), so memory holds a group hash's few groups, not the table.
     */
    private static final class Folded implements Cursor {
        private final Cursor sorted;
        private final int width;
        private final List<Aggregate.Call> calls;
        private final ArrayDeque<Object[]> ready = new ArrayDeque<>();
        private Object[] pending;
        private boolean started;
        private boolean any;

        Folded(Cursor sorted, int width, List<Aggregate.Call> calls) {
            this.sorted = sorted;
            this.width = width;
            this.calls = calls;
        }

        @Override
        public Object[] next() throws SQLException {
            try {
                if (!started) {
                    started = true;
                    pending = sorted.next();
                }
                while (ready.isEmpty() && pending != null) {
                    foldOneHash();
                }
                if (ready.isEmpty() && width == 0 && !any) {
                    // without GROUP BY there is one row, also over no input
                    any = true;
                    return Aggregate.result(new Aggregate.Group(new Object[0], Accumulator.of(calls)));
                }
                return ready.poll();
            } catch (SQLException | RuntimeException e) {
                close(); // a failed statement leaves no file behind
                throw e;
            }
        }

        private void foldOneHash() throws SQLException {
            Object hash = pending[GROUP_HASH];
            Map<List<Object>, Aggregate.Group> groups = new LinkedHashMap<>();
            Set<List<Object>> seen = new HashSet<>(); // DISTINCT values of this value hash, per group and aggregate
            Object tag = null;
            Object valueHash = null;
            for (; pending != null && pending[GROUP_HASH].equals(hash); pending = sorted.next()) {
                Object[] rec = pending;
                List<Object> key = SetOps.rowKey(java.util.Arrays.copyOfRange(rec, VALUES, VALUES + width), width);
                Aggregate.Group g = groups.get(key);
                if (g == null) {
                    g = new Aggregate.Group(java.util.Arrays.copyOfRange(rec, VALUES, VALUES + width), fresh());
                    groups.put(key, g);
                }
                int at = VALUES + width;
                if (PARTIAL.equals(rec[TAG])) {
                    for (int i = 0; i < calls.size(); i++) {
                        if (!calls.get(i).distinct()) { // DISTINCT values come as records of their own
                            g.accs()[i].merge((Long) rec[at + 2 * i], rec[at + 2 * i + 1]);
                        }
                    }
                    continue;
                }
                if (!rec[TAG].equals(tag) || !rec[VALUE_HASH].equals(valueHash)) {
                    seen.clear();
                    tag = rec[TAG];
                    valueHash = rec[VALUE_HASH];
                }
                if (seen.add(List.of(key, Comparison.groupKey(rec[at])))) {
                    g.accs()[(Integer) rec[TAG]].add(rec[at]);
                }
            }
            for (Aggregate.Group g : groups.values()) {
                ready.add(Aggregate.result(g));
                any = true;
            }
        }

        /** A group's accumulators in the merge: DISTINCT values reach them deduplicated already. */
        private Accumulator[] fresh() {
            Accumulator[] a = new Accumulator[calls.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = Accumulator.deduplicated(calls.get(i));
            }
            return a;
        }

        @Override
        public void close() {
            pending = null;
            ready.clear();
            sorted.close();
        }
    }
}
