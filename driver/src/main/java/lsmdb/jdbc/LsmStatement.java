package lsmdb.jdbc;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lsmdb.sql.GeneratedKeys;
import lsmdb.sql.KeyRequest;
import lsmdb.sql.Prepared;
import lsmdb.sql.Result;

/**
 * What every lsmdb statement shares: its result (result set, update count, generated keys), its batch, cancel and
 * close; its settings are the {@link StatementSettings} layer below. Runs SQL text (a {@code ;}-separated script runs in order; the last statement's result is the statement's)
 * for {@link LsmPlainStatement}; {@link LsmPreparedStatement} (through the generated {@code BasePreparedStatement})
 * refuses SQL text and runs its own. Implements {@link Statement} only: a plain statement is no PreparedStatement.
 */
abstract class LsmStatement extends StatementSettings {

    final LsmConnection connection;
    private LsmResultSet resultSet;
    private long updateCount = -1;
    /** The batch: SQL texts, or for a prepared statement its parameter sets ({@code Object[]}). */
    final List<Object> batch = new ArrayList<>();
    private boolean closed;
    /** The generated keys the statement running now asks for, or null. */
    KeyRequest keyRequest;
    /** Generated keys of the last execution (of the whole batch, for a batch); null when none were asked for. */
    private GeneratedKeys lastKeys;
    /** Set while a batch runs: each statement's keys are added to {@link #lastKeys}. */
    private boolean collectingBatchKeys;
    /** Set by {@link #cancel()} (from any thread); the current result set stops at its next row. */
    private volatile boolean cancelRequested;
    /** The warnings of the last execution (cleared by the next one, as JDBC asks), or null. */
    private SQLWarning warnings;

    LsmStatement(LsmConnection connection) {
        this.connection = connection;
    }

    @Override
    final void checkOpen() throws SQLException {
        if (closed) {
            throw Jdbc.closedStatement("the statement");
        }
        connection.checkOpen();
    }

    /** Runs one prepared statement and keeps its outcome as this statement's current result. */
    void run(Prepared p, Object[] params) throws SQLException {
        clearResult();
        cancelRequested = false;
        warnings = null;
        connection.session().setQueryTimeout(queryTimeout);
        Result r = keyRequest == null ? connection.session().execute(p, params)
                : connection.session().execute(p, params, keyRequest);
        warnings = connection.session().warnings();
        keep(r.keys());
        if (r.shutdown()) {
            connection.shutdownHappened();
        }
        if (r.isQuery()) {
            resultSet = new LsmResultSet(this, r.rows(), maxRows);
        } else {
            updateCount = r.updateCount();
        }
    }

    private void keep(GeneratedKeys keys) {
        if (keys == null) {
            return;
        }
        if (collectingBatchKeys && lastKeys != null) {
            List<Object[]> rows = new ArrayList<>(lastKeys.rows());
            rows.addAll(keys.rows());
            lastKeys = new GeneratedKeys(lastKeys.columns(), rows);
        } else {
            lastKeys = keys;
        }
    }

    /** Starts an execution ({@code batch}: a whole batch) whose generated keys replace the last ones. */
    void beginKeys(boolean batch) {
        lastKeys = null;
        collectingBatchKeys = batch;
    }

    void endKeys() {
        collectingBatchKeys = false;
    }

    /** Runs {@code action} with {@code request} as the key request of this (plain) statement. */
    private <T> T withKeys(KeyRequest request, SqlCall<T> action) throws SQLException {
        checkOpen();
        KeyRequest before = keyRequest;
        keyRequest = request;
        try {
            return action.run();
        } finally {
            keyRequest = before;
        }
    }

    interface SqlCall<T> {
        T run() throws SQLException;
    }

    private void clearResult() {
        if (resultSet != null) {
            resultSet.close();
            resultSet = null;
        }
        updateCount = -1;
    }

    void resultClosed(LsmResultSet rs) throws SQLException {
        if (closeOnCompletion && rs == resultSet) {
            close();
        }
    }

    void runScript(String sql) throws SQLException {
        checkOpen();
        if (!collectingBatchKeys) {
            lastKeys = null;
        }
        if (sql == null) {
            throw lsmdb.sql.Errors.syntax("no SQL given");
        }
        List<Prepared> statements = sql.indexOf(';') < 0 ? List.of(connection.session().prepare(sql))
                : connection.session().prepareScript(sql);
        for (Prepared p : statements) {
            run(p, new Object[0]);
        }
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        runScript(sql);
        return resultSet != null;
    }

    @Override
    public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
        return withKeys(KeyRequests.of(autoGeneratedKeys), () -> execute(sql));
    }

    @Override
    public boolean execute(String sql, int[] columnIndexes) throws SQLException {
        return withKeys(KeyRequests.of(columnIndexes), () -> execute(sql));
    }

    @Override
    public boolean execute(String sql, String[] columnNames) throws SQLException {
        return withKeys(KeyRequests.of(columnNames), () -> execute(sql));
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        runScript(sql);
        return requireResultSet();
    }

    ResultSet requireResultSet() throws SQLException {
        if (resultSet == null) {
            throw new SQLException("the statement did not produce a result set (use executeUpdate)", "HY000");
        }
        return resultSet;
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        return (int) executeLargeUpdate(sql);
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        runScript(sql);
        return updateCountOrZero();
    }

    long updateCountOrZero() {
        if (resultSet != null) {
            resultSet.close();
            resultSet = null;
            return 0;
        }
        return Math.max(updateCount, 0);
    }

    @Override
    public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return withKeys(KeyRequests.of(autoGeneratedKeys), () -> executeUpdate(sql));
    }

    @Override
    public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
        return withKeys(KeyRequests.of(columnIndexes), () -> executeUpdate(sql));
    }

    @Override
    public int executeUpdate(String sql, String[] columnNames) throws SQLException {
        return withKeys(KeyRequests.of(columnNames), () -> executeUpdate(sql));
    }

    @Override
    public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return withKeys(KeyRequests.of(autoGeneratedKeys), () -> executeLargeUpdate(sql));
    }

    @Override
    public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
        return withKeys(KeyRequests.of(columnIndexes), () -> executeLargeUpdate(sql));
    }

    @Override
    public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
        return withKeys(KeyRequests.of(columnNames), () -> executeLargeUpdate(sql));
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        checkOpen();
        return resultSet;
    }

    @Override
    public int getUpdateCount() throws SQLException {
        checkOpen();
        return (int) updateCount;
    }

    @Override
    public long getLargeUpdateCount() throws SQLException {
        checkOpen();
        return updateCount;
    }

    @Override
    public boolean getMoreResults() throws SQLException {
        checkOpen();
        clearResult();
        return false;
    }

    @Override
    public boolean getMoreResults(int current) throws SQLException {
        return getMoreResults();
    }

    /**
     * The keys the last execution generated, when it asked for them (RETURN_GENERATED_KEYS, column indexes or
     * names); a batch gives the keys of all its statements. Empty otherwise.
     */
    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        checkOpen();
        GeneratedKeys k = lastKeys;
        return k == null ? LsmResultSet.empty(this, List.of()) : LsmResultSet.of(this, k.columns(), k.rows());
    }

    @Override
    public int[] executeBatch() throws SQLException {
        long[] counts = executeLargeBatch();
        int[] out = new int[counts.length];
        for (int i = 0; i < counts.length; i++) {
            out[i] = (int) counts[i];
        }
        return out;
    }

    /**
     * Runs the batch entry by entry, each as the statement's current execution, its keys added to the batch's; the
     * first that fails ends it with a BatchUpdateException holding the counts of those before. Empties the batch.
     */
    @Override
    public long[] executeLargeBatch() throws SQLException {
        checkOpen();
        long[] counts = new long[batch.size()];
        beginKeys(true);
        try {
            for (int i = 0; i < counts.length; i++) {
                try {
                    runBatchEntry(batch.get(i));
                    counts[i] = updateCountOrZero();
                } catch (SQLException e) {
                    throw new BatchUpdateException(e.getMessage(), e.getSQLState(), 0, Arrays.copyOf(counts, i), e);
                }
            }
        } finally {
            batch.clear();
            endKeys();
        }
        return counts;
    }

    /** Runs one entry of {@link #batch} as the statement's current execution. */
    abstract void runBatchEntry(Object entry) throws SQLException;

    @Override
    public void addBatch(String sql) throws SQLException {
        checkOpen();
        batch.add(sql);
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        batch.clear();
    }

    @Override
    public Connection getConnection() throws SQLException {
        checkOpen();
        return connection;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            clearResult();
            connection.forget(this);
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /**
     * Stops the running statement with 57014 (sqlline calls this on Ctrl-C): a query at its next row, and a statement
     * the SQL layer is still executing (a scan, a sort, a join, a write) at its next few hundred rows.
     */
    @Override
    public void cancel() throws SQLException {
        checkOpen();
        cancelRequested = true;
        connection.session().cancel();
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return warnings;
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
        warnings = null;
    }

    /** For the result set of the last execution. */
    SQLWarning lastWarnings() {
        return warnings;
    }
}
