package lsmdb.sql.exec;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import lsmdb.sql.expr.Env;

/**
 * ORDER BY's full sort, spilling past maxQueryMemory (an external merge sort): rows are gathered until the budget is
 * spent, then sorted and written to a temporary file as a run, and their memory given back; at the end the runs and
 * the rows still held are merged. A run is a stretch of the input, and the merge takes equal keys from the earlier
 * run first, so the sort stays stable without writing sequence numbers. Sort keys are written with the rows (unless
 * they are the rows' own columns) rather than computed again, so the merge compares exactly what the runs' sorts did.
 * A run is a {@link SpillFile}: per row its key, when written, then the row.
 *
 * <p>Every file is deleted, and the bytes of the rows still held given back to the budget, when the result ends or
 * is closed, when the statement fails, and when it is cancelled ({@link SortedRows}).
 */
final class SortRuns implements AutoCloseable {

    /** Runs merged at once (each holds a read buffer); more are first merged into longer runs. */
    static final int FAN_IN = 64;
    /** The name every run file starts with. */
    static final String PREFIX = "lsmdb-sort-";
    /** Larger than other spill files' (8 KB): a sort writes one run at a time and reads at most FAN_IN at once. */
    private static final int BUFFER = 32 << 10;
    private static final long MIN_RUN = 4 << 10;
    /** What the runs are for, as a 58030 message names it. */
    private static final String WHAT = "a sort (or grouping)";

    private final Sort.Order order;
    private final ExecContext ctx;
    private List<SpillFile> runs = new ArrayList<>();
    /** Every run file made, merged ones too: the ones to delete. */
    private final List<SpillFile> files = new ArrayList<>();

    private SortRuns(Sort.Order order, ExecContext ctx) {
        this.order = order;
        this.ctx = ctx;
    }

    /**
     * Every row of {@code in} in order, from the {@code skip}th, at most {@code limit} (all when negative).
     * {@code seen} are the input's first rows, already read (a top-N that outgrew the budget hands them over).
     */
    static Cursor sortAll(Cursor in, Env local, ExecContext ctx, Sort.Order order, long skip, long limit,
                          List<Sort.Keyed> seen) throws SQLException {
        List<Sort.Keyed> rows = seen;
        long held = 0;
        for (Sort.Keyed k : seen) {
            held += ExecContext.footprint(k.row());
        }
        long seq = seen.size();
        SortRuns spilled = null;
        // other operators of the statement may hold nearly all the budget (or the budget is a few bytes): a run
        // is at least an eighth of it and 4 KB, or a run per row would be a file per row
        long minRun = Math.max(ctx.memoryLimit() / 8, MIN_RUN);
        boolean fits = ctx.tryReserve(0);
        try {
            while (true) {
                if (!fits && held >= minRun) {
                    if (spilled == null) {
                        spilled = new SortRuns(order, ctx);
                    }
                    rows.sort(order);
                    // past skip + limit rows of its own, a run's rows are past them in the merge too
                    spilled.write(rows.subList(0, (int) Math.min(rows.size(), Sort.end(skip, limit))));
                    rows = new ArrayList<>();
                    ctx.release(held);
                    held = 0;
                }
                Object[] r = in.next();
                if (r == null) {
                    break;
                }
                long bytes = ExecContext.footprint(r);
                fits = ctx.tryReserve(bytes);
                held += bytes;
                rows.add(new Sort.Keyed(order.key(local, r), r, seq++));
                ctx.tick();
            }
            rows.sort(order);
            Cursor out;
            if (spilled == null) {
                out = SortedRows.listed(rows, skip, limit, ctx, held);
            } else {
                out = spilled.merge(rows, skip, limit, held);
                spilled = null; // the cursor's now, deleted at its end or when it is closed
            }
            held = 0; // the cursor's to give back
            return out;
        } finally {
            ctx.release(held); // a failed sort's rows
            if (spilled != null) {
                spilled.close();
            }
        }
    }

    private void write(List<Sort.Keyed> sorted) throws SQLException {
        SpillFile run = newRun();
        for (Sort.Keyed k : sorted) {
            add(run, k.key(), k.row());
        }
        runs.add(run);
    }

    private SpillFile newRun() throws SQLException {
        SpillFile run = SpillFile.create(WHAT, PREFIX, ".run", BUFFER);
        files.add(run);
        return run;
    }

    private void add(SpillFile run, Object[] key, Object[] row) throws SQLException {
        if (!order.keysAreColumns()) {
            run.add(key);
        }
        run.add(row);
        ctx.tick();
    }

    /**
     * The cursor merging the runs and {@code last}, the rows still in memory (sorted, the input's last stretch),
     * counted as {@code held} bytes: the cursor gives them back, unless this fails.
     */
    private Cursor merge(List<Sort.Keyed> last, long skip, long limit, long held) throws SQLException {
        // consecutive runs are merged, so each longer run is still one stretch of the input; only as many as
        // it takes for the rest and the rows in memory to fit one merge
        while (runs.size() >= FAN_IN) {
            List<SpillFile> longer = new ArrayList<>();
            int i = 0;
            for (int excess; (excess = longer.size() + runs.size() - i - (FAN_IN - 1)) > 0
                    && runs.size() - i > 1; ) {
                int k = Math.min(Math.min(FAN_IN, excess + 1), runs.size() - i);
                longer.add(mergeToRun(runs.subList(i, i + k)));
                i += k;
            }
            longer.addAll(runs.subList(i, runs.size()));
            runs = longer;
        }
        List<Source> sources = new ArrayList<>();
        Merged m = new Merged(sources, skip, limit, held);
        boolean ok = false;
        try {
            for (SpillFile run : runs) {
                sources.add(new FileSource(run, sources.size()));
            }
            sources.add(new ListSource(last, sources.size()));
            m.start();
            ok = true;
            return m;
        } finally {
            if (!ok) {
                m.closeSources();
            }
        }
    }

    private SpillFile mergeToRun(List<SpillFile> group) throws SQLException {
        List<Source> sources = new ArrayList<>();
        Merged m = new Merged(sources, 0, -1, 0);
        try {
            SpillFile merged = newRun();
            for (SpillFile run : group) {
                sources.add(new FileSource(run, sources.size()));
            }
            m.start();
            for (Source s; (s = m.poll()) != null; ) {
                add(merged, s.key, s.row);
                m.advance(s);
            }
            for (SpillFile run : group) {
                run.close(); // deleted (closing it again at the end does nothing)
            }
            return merged;
        } finally {
            m.closeSources();
        }
    }

    /** Deletes every run file. */
    @Override
    public void close() {
        for (SpillFile f : files) {
            f.close();
        }
        files.clear();
        runs.clear();
    }

    /** One sorted run being merged: its current row and key. */
    private abstract static class Source {
        final int index;
        Object[] key;
        Object[] row;

        Source(int index) {
            this.index = index;
        }

        /** Moves to the next row; false past the last. */
        abstract boolean advance() throws SQLException;

        void close() {
        }
    }

    private final class FileSource extends Source {
        private final Cursor in;

        FileSource(SpillFile run, int index) throws SQLException {
            super(index);
            in = run.read();
        }

        @Override
        boolean advance() throws SQLException {
            Object[] first = in.next();
            if (first == null) {
                return false;
            }
            row = order.keysAreColumns() ? first : in.next();
            key = first;
            return true;
        }

        @Override
        void close() {
            in.close();
        }
    }

    private static final class ListSource extends Source {
        private final List<Sort.Keyed> rows;
        private int next;

        ListSource(List<Sort.Keyed> rows, int index) {
            super(index);
            this.rows = rows;
        }

        @Override
        boolean advance() {
            if (next == rows.size()) {
                return false;
            }
            Sort.Keyed k = rows.get(next);
            rows.set(next++, null); // handed out: its row need not stay held
            key = k.key();
            row = k.row();
            return true;
        }
    }

    /**
     * The k-way merge of sources by their keys; on equal keys the earlier stretch of the input first. At its end it
     * closes: the rows held in memory are given back and the run files deleted.
     */
    private final class Merged extends SortedRows {
        private final List<Source> sources;
        private final PriorityQueue<Source> heap;
        private long skip;
        private long left;

        Merged(List<Source> sources, long skip, long limit, long held) {
            super(ctx, held);
            this.sources = sources;
            this.heap = new PriorityQueue<>(FAN_IN, (a, b) -> {
                int c = order.compareKeys(a.key, b.key);
                return c != 0 ? c : Integer.compare(a.index, b.index);
            });
            this.skip = skip;
            this.left = limit < 0 ? Long.MAX_VALUE : limit;
        }

        void start() throws SQLException {
            try {
                for (Source s : sources) {
                    advance(s);
                }
            } catch (Sort.Failed f) {
                throw (SQLException) f.getCause();
            }
        }

        Source poll() {
            return heap.poll();
        }

        void advance(Source s) throws SQLException {
            try {
                if (s.advance()) {
                    heap.add(s);
                }
            } catch (Sort.Failed f) {
                throw (SQLException) f.getCause();
            }
        }

        @Override
        public Object[] next() throws SQLException {
            try {
                while (left > 0 && !heap.isEmpty()) {
                    Source s = heap.poll();
                    Object[] row = s.row;
                    advance(s);
                    ctx.tick();
                    if (skip > 0) {
                        skip--;
                        continue;
                    }
                    left--;
                    return row;
                }
                close();
                return null;
            } catch (Sort.Failed f) {
                close();
                throw (SQLException) f.getCause();
            } catch (SQLException | RuntimeException e) {
                close(); // a failed or cancelled statement leaves no file behind
                throw e;
            }
        }

        void closeSources() {
            for (Source s : sources) {
                s.close();
            }
            sources.clear();
            heap.clear();
        }

        @Override
        public void close() {
            closeSources();
            left = 0;
            SortRuns.this.close();
            giveBack();
        }
    }
}
