package lsmdb.sql.exec;

import java.util.List;

/**
 * A sort's result over rows it counted against maxQueryMemory. Their bytes are given back exactly once: at the
 * result's end, or when it is closed before (a LIMIT above it), so the statement's later operators (the same sort
 * run again for the next outer row, a grouping fed by it) have the budget again. A sort that fails before its
 * result exists gives them back itself.
 */
abstract class SortedRows implements Cursor {

    private final ExecContext ctx;
    private long held;

    SortedRows(ExecContext ctx, long held) {
        this.ctx = ctx;
        this.held = held;
    }

    /** Gives the rows' bytes back; later calls give nothing. */
    final void giveBack() {
        ctx.release(held);
        held = 0;
    }

    /**
     * The sorted rows from the {@code skip}th, at most {@code limit} of them (all when negative); {@code held} is
     * what they were counted as.
     */
    static Cursor listed(List<Sort.Keyed> sorted, long skip, long limit, ExecContext ctx, long held) {
        return new InList(sorted, (int) Math.min(skip, sorted.size()), (int) Math.min(sorted.size(),
                Sort.end(skip, limit)), ctx, held);
    }

    /** {@code rows[from]} to {@code rows[end - 1]}, counted as {@code held} bytes. */
    static Cursor of(Object[][] rows, int from, int end, ExecContext ctx, long held) {
        return new InArray(rows, from, end, ctx, held);
    }

    // Two classes, not one with a branch on which it holds: a query type reads one kind only, and a branch its
    // profile never took would be compiled as a trap that the next query type's first row fires.

    private static final class InList extends SortedRows {
        private List<Sort.Keyed> sorted;
        private int next;
        private int end;

        InList(List<Sort.Keyed> sorted, int from, int end, ExecContext ctx, long held) {
            super(ctx, held);
            this.sorted = sorted;
            this.next = from;
            this.end = end;
        }

        @Override
        public Object[] next() {
            if (next < end) {
                return sorted.get(next++).row();
            }
            close();
            return null;
        }

        /** Also lets go of the rows: a result left open to the statement's end need not keep them. */
        @Override
        public void close() {
            next = end = 0;
            sorted = null;
            giveBack();
        }
    }

    private static final class InArray extends SortedRows {
        private Object[][] rows;
        private int next;
        private int end;

        InArray(Object[][] rows, int from, int end, ExecContext ctx, long held) {
            super(ctx, held);
            this.rows = rows;
            this.next = from;
            this.end = end;
        }

        @Override
        public Object[] next() {
            if (next < end) {
                return rows[next++];
            }
            close();
            return null;
        }

        /** Also lets go of the rows: a result left open to the statement's end need not keep them. */
        @Override
        public void close() {
            next = end = 0;
            rows = null;
            giveBack();
        }
    }
}
