package lsmdb.sql;

import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.List;

/**
 * One connection's view of a {@link SqlDatabase}: its transaction state (auto-commit, the buffered write batch,
 * the snapshot of the open transaction). Not thread-safe: one JDBC connection, one session.
 *
 * <p>Every failure is an {@link SQLException} with the SQLState of SPEC §5.
 */
public interface Session extends AutoCloseable {

    /** Parses (or takes from the plan cache) exactly one statement. */
    Prepared prepare(String sql) throws SQLException;

    /**
     * Splits a {@code ;}-separated script into its statements, in order; each is parsed and validated when executed,
     * so a script may use tables it creates.
     */
    List<Prepared> prepareScript(String sql) throws SQLException;

    /**
     * Runs {@code statement} with {@code parameters} (0-based, Java objects as JDBC setters give them: Integer,
     * Long, Double, Float, Short, Byte, Boolean, String, byte[], BigDecimal, java.sql.Date/Timestamp, java.util.Date,
     * LocalDate, LocalDateTime, null). Within an open transaction a failed statement fails alone. The array is
     * handed over: a query's rows may still read it while they are open, so the caller must not change it.
     */
    Result execute(Prepared statement, Object[] parameters) throws SQLException;

    /**
     * As {@link #execute(Prepared, Object[])}, and for INSERT, UPDATE and DELETE also the {@code keys} columns of
     * the rows written ({@link Result#keys()}; empty for other statements).
     */
    default Result execute(Prepared statement, Object[] parameters, KeyRequest keys) throws SQLException {
        return execute(statement, parameters);
    }

    /**
     * The warnings the last {@link #execute} raised (a chain), or null. A replicated node's local read warns that
     * it may be stale while the node is cut off from the cluster's majority.
     */
    default SQLWarning warnings() {
        return null;
    }

    boolean autoCommit();

    /** Turning auto-commit on commits an open transaction (as JDBC requires). */
    void setAutoCommit(boolean autoCommit) throws SQLException;

    /** Commits the open transaction atomically; 40001 on a write conflict (and the transaction is rolled back). */
    void commit() throws SQLException;

    void rollback() throws SQLException;

    boolean inTransaction();

    /** Whether this session's writes fail with 25006: the database or the session is read-only. */
    boolean readOnly();

    /**
     * Refuses this session's writes with 25006 from now on (a connection's {@code readOnly=true}), even where the
     * database, opened by an earlier connection, is writable.
     */
    void setReadOnly(boolean readOnly);

    /**
     * Whether this session's commits return after their log record is fsynced (true) or once it reaches the OS
     * (a connection's {@code sync}); the database's setting until called. Commits made durable another way (a
     * replicated database's log) ignore it.
     */
    default void setSync(boolean sync) {
    }

    /** Stops the statement running in this session (from another thread): it fails with 57014. */
    default void cancel() {
    }

    /** Statements run from now on fail with 57014 after this many seconds (0: no limit). */
    default void setQueryTimeout(int seconds) {
    }

    /**
     * Statements run from now on may hold this many bytes of rows for sorts, hash joins and grouping (SPEC §2
     * maxQueryMemory): past it sorts, joins, IN / EXISTS subqueries and INSERT ... SELECT spill to temporary
     * files, grouping fails with 53200; the database's setting until called.
     */
    void setQueryMemory(long bytes);

    /**
     * Transactions may buffer this many bytes of uncommitted writes from now on (SPEC §2 maxTransactionMemory, an
     * estimate counted per written key and value): past it the statement fails with 53200 and is undone, the
     * transaction staying open. A quarter of the JVM's maximum heap until called.
     */
    void setTransactionMemory(long bytes);

    /** Marks the transaction's writes so far; 3B001 outside a transaction. */
    void setSavepoint(String name) throws SQLException;

    /** Undoes the transaction's writes made after the savepoint; later savepoints are released. */
    void rollbackToSavepoint(String name) throws SQLException;

    void releaseSavepoint(String name) throws SQLException;

    /** Rolls back an open transaction. */
    @Override
    void close();
}
