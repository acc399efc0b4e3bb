package lsmdb.sql;

/**
 * What executing one statement produced: rows for a query (or a change with RETURNING), otherwise an update count;
 * {@link #keys()} holds generated keys when they were asked for, else null.
 * {@link #shutdown()} is true after a {@code SHUTDOWN} statement: the database is closed and the caller
 * must invalidate every connection to it.
 */
public record Result(RowCursor rows, long updateCount, boolean shutdown, GeneratedKeys keys) {

    public Result(RowCursor rows, long updateCount, boolean shutdown) {
        this(rows, updateCount, shutdown, null);
    }

    /** This result with the generated keys a {@link KeyRequest} asked for. */
    public Result withKeys(GeneratedKeys k) {
        return new Result(rows, updateCount, shutdown, k);
    }

    public static Result rows(RowCursor rows) {
        return new Result(rows, -1, false);
    }

    /** The counts of single-row statements, made once (a record: immutable, so shared). */
    private static final Result NONE_CHANGED = new Result(null, 0, false);
    private static final Result ONE_CHANGED = new Result(null, 1, false);

    public static Result count(long n) {
        return n == 1 ? ONE_CHANGED : n == 0 ? NONE_CHANGED : new Result(null, n, false);
    }

    public static Result shutdownDone() {
        return new Result(null, 0, true);
    }

    public boolean isQuery() {
        return rows != null;
    }
}
