package lsmdb.sql.exec;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 *
 * <p>Every file is deleted, and the bytes of the rows still held given back to the budget, when the result ends or
 * is closed, when the statement fails, and when it is cancelled ({@link SortedRows}).
 */
final class SortRuns implements AutoCloseable {

    /** Runs merged at once (each holds a read buffer); more are first merged into longer runs. */
    static final int FAN_IN = 64;
    /** The name every run file starts with. */
    static final String PREFIX = "lsmdb-sort-";
    private static final int BUFFER = 32 << 10;
    private static final long MIN_RUN = 4 << 10;

    private record Run(Path path, long rows) {
    }

    private final Sort.Order order;
    private final ExecContext ctx;
    private List<Run> runs = new ArrayList<>();
    private final List<Path> files = new ArrayList<>();
    private final byte[][] scratch = {new byte[256]};

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
                spilled = null; // the cursor's now, deleted when it is closed
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
        try (Writer w = new Writer()) {
            for (Sort.Keyed k : sorted) {
                w.add(k.key(), k.row());
            }
            runs.add(w.done());
        } catch (IOException e) {
            throw tempFileFailure(e);
        }
    }

    /**
     * The cursor merging the runs and {@code last}, the rows still in memory (sorted, the input's last stretch),
     * counted as {@code held} bytes: the cursor gives them back, unless this fails.
     */
    private Cursor merge(List<Sort.Keyed> last, long skip, long limit, long held) throws SQLException {
        try {
            // consecutive runs are merged, so each longer run is still one stretch of the input; only as many as
            // it takes for the rest and the rows in memory to fit one merge
            while (runs.size() >= FAN_IN) {
                List<Run> longer = new ArrayList<>();
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
                for (Run run : runs) {
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
        } catch (IOException e) {
            throw tempFileFailure(e);
        }
    }

    private Run mergeToRun(List<Run> group) throws IOException, SQLException {
        List<Source> sources = new ArrayList<>();
        Merged m = new Merged(sources, 0, -1, 0);
        try (Writer w = new Writer()) {
            for (Run run : group) {
                sources.add(new FileSource(run, sources.size()));
            }
            m.start();
            for (Source s; (s = m.poll()) != null; ) {
                w.add(s.key, s.row);
                m.advance(s);
            }
            Run merged = w.done();
            for (Run run : group) {
                delete(run.path());
            }
            return merged;
        } finally {
            m.closeSources();
        }
    }

    /** Deletes every run file. */
    @Override
    public void close() {
        for (Path p : files) {
            delete(p);
        }
        files.clear();
        runs.clear();
    }

    private static void delete(Path p) {
        SpillFile.delete(p);
    }

    private static SQLException tempFileFailure(IOException e) {
        return SpillFile.failure("a sort (or grouping)", e);
    }

    /** Writes one run: per row its key (when the key is not the row itself) and the row. */
    private final class Writer implements AutoCloseable {
        private final Path path;
        private final DataOutputStream out;
        private long rows;

        Writer() throws IOException {
            path = Files.createTempFile(PREFIX, ".run");
            files.add(path);
            out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(path), BUFFER));
        }

        void add(Object[] key, Object[] row) throws IOException, SQLException {
            if (!order.keysAreColumns()) {
                SpillCodec.writeAll(out, key, scratch);
            }
            SpillCodec.writeAll(out, row, scratch);
            rows++;
            ctx.tick();
        }

        Run done() throws IOException {
            out.close();
            return new Run(path, rows);
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
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
        abstract boolean advance() throws IOException;

        void close() {
        }
    }

    private final class FileSource extends Source {
        private final DataInputStream in;
        private long left;

        FileSource(Run run, int index) throws IOException {
            super(index);
            in = new DataInputStream(new BufferedInputStream(Files.newInputStream(run.path()), BUFFER));
            left = run.rows();
        }

        @Override
        boolean advance() throws IOException {
            if (left == 0) {
                return false;
            }
            left--;
            Object[] k = order.keysAreColumns() ? null : SpillCodec.readAll(in);
            row = SpillCodec.readAll(in);
            key = k == null ? row : k;
            return true;
        }

        @Override
        void close() {
            try {
                in.close();
            } catch (IOException ignored) {
                // read only
            }
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

        void start() throws IOException, SQLException {
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

        void advance(Source s) throws IOException, SQLException {
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
            } catch (IOException e) {
                close();
                throw tempFileFailure(e);
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
