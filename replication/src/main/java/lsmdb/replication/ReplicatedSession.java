package lsmdb.replication;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLWarning;
import java.util.ArrayList;
import java.util.List;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.Prepared;
import lsmdb.sql.Result;
import lsmdb.sql.Session;
import lsmdb.sql.SqlType;
import lsmdb.sql.plan.Plan;

/**
 * A session of a {@link ReplicatedSqlDatabase}: an ordinary SQL session of the current generation, replaced by one
 * of the newest generation whenever no transaction is open; statements prepared in an older generation are
 * prepared again. A write refused because this node is not the leader surfaces as {@link NotLeaderException}.
 */
final class ReplicatedSession implements Session {

    /** SQLState of the warning on a local read while this node is cut off from the majority (class 01: warning). */
    static final String STALE_READ = "01R01";

    /** A statement and the generation it was prepared in; {@code script} if it came from prepareScript. */
    private record GenPrepared(long generation, Prepared inner, boolean script) implements Prepared {
        @Override
        public String sql() {
            return inner.sql();
        }

        @Override
        public int parameterCount() {
            return inner.parameterCount();
        }

        @Override
        public SqlType parameterType(int index) {
            return inner.parameterType(index);
        }

        @Override
        public boolean isQuery() {
            return inner.isQuery();
        }

        @Override
        public List<ColumnInfo> resultColumns() {
            return inner.resultColumns();
        }
    }

    private final ReplicatedSqlDatabase db;
    private ReplicatedSqlDatabase.Generation generation;
    private Session inner;
    private boolean autoCommit = true;
    /** Whether the inner session holds a transaction's snapshot or writes (it must not be replaced meanwhile). */
    private boolean transactionOpen;
    private int queryTimeoutSeconds;
    /** The connection's maxQueryMemory, or -1 for the database's. */
    private long queryMemory = -1;
    /** The connection's maxTransactionMemory, or -1 for the default. */
    private long transactionMemory = -1;
    /** The connection's readOnly=true: writes refused whatever the database takes. */
    private boolean readOnly;
    /** The warning of the last execute, or null. */
    private SQLWarning warnings;

    ReplicatedSession(ReplicatedSqlDatabase db) {
        this.db = db;
    }

    /** The inner session, moved to the newest generation if no transaction holds it to the old one. */
    private Session inner() throws SQLException {
        ReplicatedSqlDatabase.Generation g = db.current();
        if (inner == null || (g != generation && !transactionOpen)) {
            if (inner != null) {
                inner.close();
            }
            inner = g.db().openSession();
            inner.setAutoCommit(autoCommit);
            inner.setQueryTimeout(queryTimeoutSeconds);
            if (queryMemory >= 0) {
                inner.setQueryMemory(queryMemory);
            }
            if (transactionMemory >= 0) {
                inner.setTransactionMemory(transactionMemory);
            }
            inner.setReadOnly(readOnly);
            generation = g;
        }
        return inner;
    }

    @Override
    public Prepared prepare(String sql) throws SQLException {
        if (db.node().linearizableReads()) {
            readBarrier(); // names are bound now: against a catalog as current as the leader's
        }
        Session s = inner();
        return new GenPrepared(generation.number(), s.prepare(sql), false);
    }

    @Override
    public List<Prepared> prepareScript(String sql) throws SQLException {
        Session s = inner();
        List<Prepared> out = new ArrayList<>();
        for (Prepared p : s.prepareScript(sql)) {
            out.add(new GenPrepared(generation.number(), p, true));
        }
        return out;
    }

    @Override
    public Result execute(Prepared statement, Object[] parameters) throws SQLException {
        warnings = null;
        if (statement.isQuery()) {
            if (db.node().linearizableReads()) {
                readBarrier(); // first: what it applies may bring a new generation (DDL) to run in
            } else {
                warnings = staleWarning();
            }
        }
        Session s = inner();
        Prepared p = statement;
        if (statement instanceof GenPrepared gp) {
            p = gp.generation() == generation.number() ? gp.inner()
                    : gp.script() ? s.prepareScript(gp.sql()).get(0) : s.prepare(gp.sql());
        }
        Plan.ControlKind control = p instanceof Plan.Control c ? c.kind() : null;
        boolean ends = control == Plan.ControlKind.COMMIT || control == Plan.ControlKind.ROLLBACK;
        boolean opens = control == null || control == Plan.ControlKind.SAVEPOINT; // these take the snapshot
        if (control == Plan.ControlKind.COMMIT) {
            refuseIfGenerationChanged();
        }
        Result r;
        try {
            r = s.execute(p, parameters);
        } catch (SQLException e) {
            throw translate(e);
        } finally {
            transactionOpen = !ends && s.inTransaction() && (transactionOpen || opens);
        }
        if (r.shutdown()) {
            db.close(); // SHUTDOWN closed the engine under the SQL layer: stop the node with it
        }
        return r;
    }

    @Override
    public boolean autoCommit() {
        return autoCommit;
    }

    @Override
    public void setAutoCommit(boolean on) throws SQLException {
        try {
            inner().setAutoCommit(on);
        } catch (SQLException e) {
            throw translate(e);
        } finally {
            if (on) {
                transactionOpen = false;
            }
        }
        autoCommit = on;
    }

    /**
     * Commits, unless this leader's SQL memory was replaced while the transaction ran (it became leader, or
     * installed a checkpoint): its writes were computed from a catalog and row-id counters that may be stale, so
     * it is rolled back with 40001 and runs again on the new generation.
     */
    @Override
    public void commit() throws SQLException {
        refuseIfGenerationChanged();
        try {
            inner().commit();
        } catch (SQLException e) {
            throw translate(e);
        } finally {
            transactionOpen = false;
        }
    }

    private void refuseIfGenerationChanged() throws SQLException {
        if (transactionOpen && generation != db.current() && db.node().isLeader()) {
            inner.rollback();
            transactionOpen = false;
            throw new SQLTransactionRollbackException("node " + db.node().id() + " changed role or state while "
                    + "this transaction ran, so the rows it computed may rest on a stale catalog; the transaction "
                    + "was rolled back, run it again", "40001");
        }
    }

    @Override
    public void rollback() throws SQLException {
        transactionOpen = false;
        inner().rollback();
    }

    @Override
    public boolean inTransaction() {
        return inner != null && inner.inTransaction();
    }

    @Override
    public boolean readOnly() {
        return readOnly || inner != null && inner.readOnly();
    }

    @Override
    public void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
        if (inner != null) {
            inner.setReadOnly(readOnly);
        }
    }

    @Override
    public void cancel() {
        Session s = inner;
        if (s != null) {
            s.cancel();
        }
    }

    @Override
    public void setQueryTimeout(int seconds) {
        queryTimeoutSeconds = seconds;
        if (inner != null) {
            inner.setQueryTimeout(seconds);
        }
    }

    @Override
    public void setQueryMemory(long bytes) {
        queryMemory = bytes;
        if (inner != null) {
            inner.setQueryMemory(bytes);
        }
    }

    @Override
    public void setTransactionMemory(long bytes) {
        transactionMemory = bytes;
        if (inner != null) {
            inner.setTransactionMemory(bytes);
        }
    }

    @Override
    public void setSavepoint(String name) throws SQLException {
        inner().setSavepoint(name);
    }

    @Override
    public void rollbackToSavepoint(String name) throws SQLException {
        inner().rollbackToSavepoint(name);
    }

    @Override
    public void releaseSavepoint(String name) throws SQLException {
        inner().releaseSavepoint(name);
    }

    @Override
    public void close() {
        if (inner != null) {
            inner.close();
        }
    }

    @Override
    public SQLWarning warnings() {
        return warnings;
    }

    /** A local read on a node cut off from the majority may miss acknowledged commits: it says so. */
    private SQLWarning staleWarning() {
        String why = db.node().cutOffReason();
        return why == null ? null : new SQLWarning("this read may be stale: " + why + "; it shows what this node "
                + "had applied, and commits acknowledged by the rest of the cluster may be missing (connect with "
                + "reads=linearizable to fail instead)", STALE_READ);
    }

    private void readBarrier() throws SQLException {
        try {
            db.node().readBarrier();
        } catch (java.io.IOException e) {
            throw new java.sql.SQLTransientConnectionException(e.getMessage() + "; a linearizable read needs a "
                    + "reachable leader: retry shortly", "08R02", e);
        }
    }

    /**
     * A write this node refused as a follower becomes {@link NotLeaderException}, one whose fate the log did not
     * report {@link CommitOutcomeUnknownException}; the SQL layer may have changed its in-memory catalog before the
     * write failed, so the generation is dropped either way.
     */
    private SQLException translate(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NotLeaderIOException nl) {
                db.markStale();
                return new NotLeaderException(nl);
            }
            if (t instanceof CommitUnknownIOException u) {
                db.markStale(); // it may no longer lead: its SQL memory must come from the engine again
                return new CommitOutcomeUnknownException(u);
            }
            if (t instanceof TransactionTooLargeIOException big) {
                db.markStale(); // its statements may have moved the SQL memory (row ids) past what was written
                return new SQLException(big.getMessage(), "54000", big);
            }
        }
        return e;
    }
}
