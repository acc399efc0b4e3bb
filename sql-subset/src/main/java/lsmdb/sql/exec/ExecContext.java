package lsmdb.sql.exec;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.IdentityHashMap;
import java.util.Map;
import lsmdb.sql.expr.ExecutionContext;

/**
 * One statement's execution: what it reads ({@link ReadView}), where rows get their hidden ids, its cancellation
 * flag and deadline, its memory budget, and the results of uncorrelated subqueries (computed once per statement).
 */
public final class ExecContext implements ExecutionContext {

    private final ReadView view;
    private final RowIds rowIds;
    private final lsmdb.sql.catalog.Catalog catalog;
    private long startMillis;
    private long deadlineNanos;
    private long memoryLimit;
    private final CancelFlag cancel;
    /** Made on first use: most statements run no subquery. */
    private Map<Object, Object> subqueryResults;
    private long memoryUsed;
    private int ticks;
    /**
     * Estimated bytes of the writes the statement's transaction holds in memory (those of earlier statements of an
     * open transaction, then this statement's), and the most it may hold: past it the statement fails with 53200
     * rather than exhausting the heap (SPEC §2 maxTransactionMemory).
     */
    private long writesHeld;
    private long writeLimit = Long.MAX_VALUE;

    /** Set from another thread to stop a running statement. */
    public static final class CancelFlag {
        private volatile boolean cancelled;

        public void cancel() {
            cancelled = true;
        }

        public void reset() {
            cancelled = false;
        }

        boolean cancelled() {
            return cancelled;
        }
    }

    public ExecContext(ReadView view, lsmdb.sql.catalog.Catalog catalog, RowIds rowIds, long timeoutMillis,
                       long memoryLimit, CancelFlag cancel) {
        this.view = view;
        this.catalog = catalog;
        this.rowIds = rowIds;
        this.cancel = cancel;
        restart(timeoutMillis, memoryLimit);
    }

    /**
     * Makes this context what a new one over the same view would be, for the next statement of a session that
     * keeps one (its single-row auto-commit inserts): the statement's time, deadline, budget and subquery results
     * start afresh. The previous statement must be over.
     */
    public ExecContext restart(long timeoutMillis, long memoryLimit) {
        this.startMillis = 0;
        this.deadlineNanos = timeoutMillis <= 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutMillis * 1_000_000;
        this.memoryLimit = memoryLimit;
        this.subqueryResults = null;
        this.memoryUsed = 0;
        this.ticks = 0;
        this.writesHeld = 0;
        return this;
    }

    /**
     * Sets what the statement's transaction already holds of buffered writes ({@code held} bytes, as {@link
     * #writesHeld} counted them) and the most it may hold with this statement's.
     */
    public ExecContext holdingWrites(long held, long limit) {
        this.writesHeld = held;
        this.writeLimit = limit;
        return this;
    }

    /** The estimated bytes of buffered writes so far, the transaction's earlier ones included. */
    public long writesHeld() {
        return writesHeld;
    }

    /** Counts one written key and value (and its map entry); 53200 once the writes held pass the limit. */
    void holdWrite(byte[] key, byte[] value) throws SQLException {
        writesHeld += WRITE_ENTRY_BYTES + key.length + value.length;
        if (writesHeld > writeLimit) {
            throw tooManyWrites(writeLimit);
        }
    }

    /**
     * What a buffered write is counted as beyond its key's and value's bytes: its sorted-map entry and the two
     * arrays' headers, and its copy in the batch and memtable at commit, which the map's bytes do not show.
     */
    private static final int WRITE_ENTRY_BYTES = 96;

    private static SQLException tooManyWrites(long limit) {
        return new SQLException("the transaction's uncommitted writes need more than maxTransactionMemory (" + limit
                + " bytes); this statement was undone. Change fewer rows per statement or commit more often, or "
                + "raise maxTransactionMemory (and the JVM's heap)", "53200");
    }

    public ReadView view() {
        return view;
    }

    lsmdb.sql.catalog.Catalog catalog() {
        return catalog;
    }

    RowIds rowIds() {
        return rowIds;
    }

    /** The statement's time, read on first use (CURRENT_TIMESTAMP is one value per statement). */
    @Override
    public long statementTimeMillis() {
        if (startMillis == 0) {
            startMillis = System.currentTimeMillis();
        }
        return startMillis;
    }

    @Override
    public void checkCancelled() throws SQLException {
        if (cancel != null && cancel.cancelled()) {
            throw new SQLException("the statement was cancelled", "57014");
        }
        if (deadlineNanos != Long.MAX_VALUE && System.nanoTime() > deadlineNanos) {
            throw new SQLTimeoutException("the statement ran past its query timeout", "57014");
        }
    }

    /** Called once per row by scans: checks cancellation every few hundred rows. */
    void tick() throws SQLException {
        if ((++ticks & 255) == 0) {
            checkCancelled();
        }
    }

    /**
     * Counts a row held by an operator that cannot spill (a short top-N) and returns the bytes counted, for it to
     * {@link #release}; 53200 past maxQueryMemory, leaving the count as it was.
     */
    long reserve(Object[] row) throws SQLException {
        long bytes = footprint(row);
        if (!tryReserve(bytes)) {
            release(bytes);
            throw new SQLException("the statement needs more than maxQueryMemory (" + memoryLimit
                    + " bytes) for sorting, joining or grouping; raise maxQueryMemory or narrow the query", "53200");
        }
        tick();
        return bytes;
    }

    /**
     * Counts {@code bytes} as held by an operator that cannot spill, or fails with 53200 naming {@code what} held
     * them (leaving the count as it was: the statement's other operators still give back only their own).
     */
    void reserve(long bytes, String what) throws SQLException {
        if (!tryReserve(bytes)) {
            release(bytes);
            throw new SQLException("the statement needs more than maxQueryMemory (" + memoryLimit + " bytes) for "
                    + what + "; raise maxQueryMemory or narrow the query", "53200");
        }
    }

    /** Keeps a changed row for RETURNING or generated keys: counted like a sort's row, 53200 past maxQueryMemory. */
    void keepChanged(java.util.List<Object[]> changed, Object[] row) throws SQLException {
        reserve(footprint(row), "the changed rows that RETURNING or generated keys hand back");
        changed.add(row);
    }

    /**
     * Counts {@code bytes} as held, like {@link #reserve}, but answers false past maxQueryMemory instead of failing:
     * an operator that can spill (a full sort) writes out what it holds and {@link #release}s it.
     */
    boolean tryReserve(long bytes) {
        memoryUsed += bytes;
        return memoryUsed <= memoryLimit;
    }

    /** Gives back bytes counted by {@link #tryReserve} whose rows were written out. */
    void release(long bytes) {
        memoryUsed -= bytes;
        // below zero, bytes were given back twice: the statement's operators could then hold more than the budget
        assert memoryUsed >= 0 : "gave back " + bytes + " bytes of maxQueryMemory, " + -memoryUsed + " too many";
    }

    long memoryLimit() {
        return memoryLimit;
    }

    /** The bytes counted as held now: what the statement's operators reserved and have not given back. */
    long memoryHeld() {
        return memoryUsed;
    }

    /** What holding {@code row} is counted as: an estimate of its objects' size. */
    static long footprint(Object[] row) {
        long bytes = 16 + 8L * row.length;
        for (Object v : row) {
            bytes += valueFootprint(v);
        }
        return bytes;
    }

    /**
     * What holding one value in a hash set is counted as: as a row of that one value, without making the row
     * (sets of DISTINCT and IN values count each new value).
     */
    static long setEntryFootprint(Object v) {
        return 24 + valueFootprint(v);
    }

    private static long valueFootprint(Object v) {
        if (v instanceof String s) {
            return 40 + 2L * s.length();
        } else if (v instanceof byte[] b) {
            return 16 + b.length;
        }
        return v == null ? 0 : 24;
    }

    Map<Object, Object> subqueryResults() {
        if (subqueryResults == null) {
            subqueryResults = new IdentityHashMap<>();
        }
        return subqueryResults;
    }
}
