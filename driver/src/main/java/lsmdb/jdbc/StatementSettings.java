package lsmdb.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The settings JDBC lets a statement carry, kept apart from running it: limits passed to each execution (maximum
 * rows, query timeout), hints lsmdb keeps but needs not (fetch size, poolable), and the fixed answers of a
 * forward-only, read-only cursor. A layer of {@link LsmStatement}'s own object, so reading a setting per
 * execution costs no extra indirection.
 */
abstract class StatementSettings extends BaseStatement {

    /** The most rows a result set returns; 0 for all. */
    int maxRows;
    /** Seconds an execution may run before it stops with 57014; 0 for no limit. */
    int queryTimeout;
    /** Whether the statement closes itself once its result set closes. */
    boolean closeOnCompletion;
    private int fetchSize;
    private boolean poolable;

    /** Fails with 08003 or similar when the statement or its connection is closed. */
    abstract void checkOpen() throws SQLException;

    @Override
    public void closeOnCompletion() throws SQLException {
        checkOpen();
        closeOnCompletion = true;
    }

    @Override
    public boolean isCloseOnCompletion() throws SQLException {
        checkOpen();
        return closeOnCompletion;
    }

    @Override
    public void setMaxRows(int max) throws SQLException {
        checkOpen();
        if (max < 0) {
            throw new SQLException("maxRows must not be negative", "22023");
        }
        maxRows = max;
    }

    @Override
    public int getMaxRows() throws SQLException {
        checkOpen();
        return maxRows;
    }

    @Override
    public void setLargeMaxRows(long max) throws SQLException {
        setMaxRows((int) Math.min(Integer.MAX_VALUE, max));
    }

    @Override
    public long getLargeMaxRows() throws SQLException {
        return getMaxRows();
    }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        fetchSize = rows;
    }

    @Override
    public int getFetchSize() throws SQLException {
        checkOpen();
        return fetchSize;
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        if (direction != ResultSet.FETCH_FORWARD) {
            throw Jdbc.unsupported("fetch directions other than FETCH_FORWARD");
        }
    }

    @Override
    public int getFetchDirection() throws SQLException {
        checkOpen();
        return ResultSet.FETCH_FORWARD;
    }

    /** Passed to the session at each execution: a statement that runs longer stops with 57014 (SPEC §4). */
    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
        checkOpen();
        if (seconds < 0) {
            throw new SQLException("query timeout must not be negative", "22023");
        }
        queryTimeout = seconds;
    }

    @Override
    public int getQueryTimeout() throws SQLException {
        checkOpen();
        return queryTimeout;
    }

    @Override
    public void setEscapeProcessing(boolean enable) throws SQLException {
        checkOpen();
    }

    @Override
    public void setCursorName(String name) throws SQLException {
        checkOpen();
    }

    @Override
    public int getResultSetType() throws SQLException {
        checkOpen();
        return ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public int getResultSetConcurrency() throws SQLException {
        checkOpen();
        return ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public int getResultSetHoldability() throws SQLException {
        checkOpen();
        return ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public void setPoolable(boolean p) throws SQLException {
        checkOpen();
        poolable = p;
    }

    @Override
    public boolean isPoolable() throws SQLException {
        checkOpen();
        return poolable;
    }
}
