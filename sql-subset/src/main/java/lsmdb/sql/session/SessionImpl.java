package lsmdb.sql.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import lsmdb.core.LsmDb;
import lsmdb.core.Snapshot;
import lsmdb.core.WriteBatch;
import lsmdb.core.WriteConflictException;
import lsmdb.sql.Errors;
import lsmdb.sql.KeyRequest;
import lsmdb.sql.Prepared;
import lsmdb.sql.Result;
import lsmdb.sql.Session;
import lsmdb.sql.exec.Cursor;
import lsmdb.sql.exec.ExecContext;
import lsmdb.sql.exec.ReadView;
import lsmdb.sql.expr.Env;
import lsmdb.sql.parse.LiteralParameters;
import lsmdb.sql.plan.Plan;

/**
 * One connection's statements. Auto-commit statements are each one atomic engine write, re-run when they lose a
 * write conflict. In a transaction (auto-commit off, or after BEGIN) they read and write through the
 * {@link Transaction}: a buffer over its snapshot that COMMIT writes in one batch. A statement that fails leaves the
 * buffer as it was. DDL commits the open transaction first and takes effect at once.
 */
final class SessionImpl implements Session {

    /** How often an auto-commit statement is re-run after losing a write conflict before giving up with 40001. */
    private static final int MAX_STATEMENT_ATTEMPTS = 1000;

    private final Database db;
    private final LsmDb engine;
    private final DdlRunner ddl;
    private final ExecContext.CancelFlag cancel = new ExecContext.CancelFlag();
    private boolean autoCommit = true;
    /** A transaction opened by BEGIN while auto-commit is on. */
    private boolean explicit;
    /** The open transaction's state, used while {@link #inTransaction()}. */
    private final Transaction tx;
    private long timeoutMillis;
    /** This session's maxQueryMemory in bytes, or -1 for the database's. */
    private long queryMemory = -1;
    /** This session's maxTransactionMemory in bytes, or -1 for the default. */
    private long transactionMemory = -1;
    /** Whether this session's commits wait for their fsync; the engine's setting until the connection says. */
    private boolean sync;
    /** This session refuses writes though the database may take them (its connection's readOnly=true). */
    private boolean readOnlySession;
    private boolean closed;
    /** The batch auto-commit statements write through, one per session. */
    private final StatementBatch statementBatch = new StatementBatch();
    /** Aggregate results given again while nothing is committed ({@link ReusedResults}). */
    private final ReusedResults reused = new ReusedResults();
    /** The writes of an auto-commit statement, emptied before each attempt: one map per session, not per statement. */
    private final TreeMap<byte[], byte[]> statementWrites = ReadView.newWriteMap();
    /** The engine's latest state with no buffered writes: what auto-commit statements without a snapshot read. */
    private final ReadView latest;
    /** The context of marked inserts ({@link NewRowInsert}) over {@link #latest}, restarted for each. */
    private final ExecContext markedContext;

    SessionImpl(Database db) {
        this.db = db;
        this.engine = db.engine();
        this.sync = engine.options().sync();
        this.ddl = new DdlRunner(db);
        this.tx = new Transaction(db);
        this.latest = new ReadView(engine, null, null);
        // Made here, not at a session's first insert: a branch taken once per session was a trap in the compiled
        // writeLocked, which a later session's first insert took (a 50 KB unit thrown away and compiled again).
        this.markedContext = context(latest);
    }

    @Override
    public Prepared prepare(String sql) throws SQLException {
        checkOpen();
        return textPlan(sql);
    }

    /**
     * The plan {@code sql} runs: one whose literals can be parameters (parse.LiteralParameters) runs the plan of the
     * same statement with parameters in their place, shared by every statement of its shape, with its literals as
     * values and no parameters of its own (a script, or a tool that inlines values, MyBatis's ${...}, makes a new
     * text per value); a text already bound as written runs its cached plan without being lexed again.
     */
    private PreparedPlan textPlan(String sql) throws SQLException {
        Plan exact = db.cached(sql); // a text run before as written (no shape, or its literals did not fit)
        if (exact != null) {
            return new PreparedPlan(exact);
        }
        LiteralParameters.Parameterized p = LiteralParameters.of(sql);
        Plan shared = p == null ? null : literalPlan(p);
        return shared == null ? new PreparedPlan(db.prepare(sql)) : new PreparedPlan(shared, p.values(), sql);
    }

    /**
     * The plan of {@code p}'s parameterized statement when it may run with the literals as parameters: their values
     * are stored (an INSERT's), or each parameter's type is its literal's own, so a comparison with it is one with
     * the literal; else null, and the statement binds as written (which also reports its errors).
     */
    private Plan literalPlan(LiteralParameters.Parameterized p) {
        try {
            Plan plan = db.prepare(p.sql());
            return p.stored() || LiteralParameters.typesFit(plan.header().parameterTypes(), p.values()) ? plan : null;
        } catch (SQLException e) {
            return null;
        }
    }

    @Override
    public List<Prepared> prepareScript(String sql) throws SQLException {
        checkOpen();
        return ScriptStatement.split(sql);
    }

    @Override
    public Result execute(Prepared statement, Object[] parameters) throws SQLException {
        return execute(statement, parameters, null);
    }

    @Override
    public Result execute(Prepared statement, Object[] parameters, KeyRequest keys) throws SQLException {
        checkOpen();
        Plan plan;
        int parameterCount;
        if (statement instanceof ScriptStatement d) {
            PreparedPlan p = textPlan(d.sql());
            plan = p.plan;
            parameterCount = plan.parameterCount();
            parameters = p.literals; // a script's statement has no parameters but those its literals became
        } else {
            PreparedPlan p = (PreparedPlan) statement;
            plan = db.current(p.plan, p.header);
            parameterCount = plan == p.plan ? p.header.parameterCount() : plan.parameterCount();
            if (parameters == null || parameters.length == 0) {
                parameters = p.literals; // none, unless it ran as text with its literals made parameters
            }
        }
        Object[] params = Parameters.normalise(parameters);
        if (params.length != parameterCount) {
            throw Errors.parameterCount(parameterCount, params.length);
        }
        cancel.reset();
        try {
            // The dispatch is written out here, not called: above C2's FreqInlineSize (325 bytecodes) this method
            // compiles once as a unit of its own. Under it, it was inlined with the select path below it into the
            // JDBC layer's callers and through them into an application's query loop, each compiled on its own.
            if (plan instanceof Plan.Select s) {
                return select(s, params);
            }
            if (plan instanceof Plan.SelectForUpdate f) {
                if (inTransaction()) {
                    if (readOnly()) {
                        throw Errors.readOnly();
                    }
                    write(f.lock(), params, null);
                }
                return select(f.select(), params);
            }
            if (plan instanceof Plan.Explain e) {
                List<Object[]> rows = new ArrayList<>();
                for (String line : e.lines()) {
                    rows.add(new Object[] {line});
                }
                return Result.rows(new ResultRows(Plan.Explain.COLUMNS, lsmdb.sql.exec.Cursors.of(rows), null));
            }
            if (plan instanceof Plan.Control c) {
                return control(c);
            }
            if (readOnly()) {
                throw Errors.readOnly();
            }
            if (plan instanceof Plan.Change change) {
                return change(change, params, keys);
            }
            commitBeforeDdl();
            ddl.run(plan);
            if (sync && !engine.options().sync()) {
                // The catalog writes with the engine's sync; this connection promised its own.
                syncLog();
            }
            return Result.count(0);
        } catch (UncheckedIOException e) {
            throw Errors.io(e);
        } catch (IllegalStateException e) {
            if (db.isClosed()) {
                throw Errors.closed("the database");
            }
            throw e;
        }
    }

    @Override
    public void cancel() {
        cancel.cancel();
    }

    @Override
    public void setQueryTimeout(int seconds) {
        timeoutMillis = seconds * 1000L;
    }

    @Override
    public void setQueryMemory(long bytes) {
        queryMemory = bytes;
    }

    private long queryMemory() {
        return queryMemory >= 0 ? queryMemory : db.queryMemory();
    }

    @Override
    public void setTransactionMemory(long bytes) {
        transactionMemory = bytes;
    }

    private long transactionMemory() {
        return transactionMemory >= 0 ? transactionMemory : Database.DEFAULT_TRANSACTION_MEMORY;
    }

    private ExecContext context(ReadView view) {
        return new ExecContext(view, db.catalog(), db.rowIds(), timeoutMillis, queryMemory(), cancel);
    }

    private void syncLog() throws SQLException {
        try {
            engine.syncWal();
        } catch (java.io.IOException e) {
            throw Errors.io(e);
        }
    }

    /** DDL ends the open transaction first (as MySQL and Oracle do), so it never mixes with buffered writes. */
    private void commitBeforeDdl() throws SQLException {
        if (inTransaction() && tx.hasWrites()) {
            commit();
        }
    }

    private Result select(Plan.Select s, Object[] params) throws SQLException {
        boolean own = !inTransaction();
        if (own && ReusedResults.qualifies(s)) {
            return selectReusing(s, params);
        }
        Snapshot snap = !own ? tx.snapshot() : s.needsSnapshot() ? engine.snapshot() : null;
        ReadView view = new ReadView(engine, snap, own ? null : tx.writes());
        ExecContext ctx = context(view);
        Cursor c;
        try {
            Env env = new Env(params, null, ctx);
            if (s.root() instanceof lsmdb.sql.exec.KeyRangeRows range) { // rows straight from the engine's range
                lsmdb.sql.RowCursor rows = range.openRows(env, s.resultColumns(), own ? snap : null);
                if (rows != null) {
                    return Result.rows(rows);
                }
            }
            c = s.root().openOneAtATime(env); // ResultRows reads each row, keeps none
        } catch (SQLException | RuntimeException e) {
            if (own && snap != null) {
                snap.close();
            }
            throw e;
        }
        return Result.rows(new ResultRows(s.resultColumns(), c, own ? snap : null));
    }

    /**
     * An aggregate query outside a transaction: its last rows again when nothing was committed since and the
     * parameters are equal ({@link ReusedResults}), else read at a snapshot and kept.
     */
    private Result selectReusing(Plan.Select s, Object[] params) throws SQLException {
        lsmdb.sql.RowCursor again = reused.reuse(s, params, engine.lastSequence());
        if (again != null) {
            return Result.rows(again);
        }
        Snapshot snap = engine.snapshot();
        Cursor c;
        try {
            ReadView view = new ReadView(engine, snap, null);
            c = reused.keep(s, params, snap.sequence(), s.root().openOneAtATime(new Env(params, null, context(view))));
        } catch (SQLException | RuntimeException e) {
            snap.close();
            throw e;
        }
        return Result.rows(new ResultRows(s.resultColumns(), c, snap)); // rows past those kept still read at snap
    }

    /** Runs INSERT, UPDATE or DELETE; its RETURNING rows or count, and generated keys when {@code keys} asks. */
    private Result change(Plan.Change plan, Object[] params, KeyRequest keys) throws SQLException {
        ChangeOutput output = plan.returning() != null || keys != null ? new ChangeOutput() : null;
        long n = write(plan, params, output);
        if (output == null) {
            return Result.count(n);
        }
        return output.result(n, keys, db.catalog());
    }

    private long write(Plan plan, Object[] params, ChangeOutput output) throws SQLException {
        db.schemaLock.readLock().lock();
        try {
            Plan current = db.current(plan);
            if (current instanceof Plan.SelectForUpdate f) {
                current = f.lock(); // a FOR UPDATE's lock re-planned after a schema change
            }
            return writeLocked(current, params, output);
        } finally {
            db.schemaLock.readLock().unlock();
        }
    }

    // Both paths in one method, above C2's FreqInlineSize (325 bytecodes) by their content (about 460), so that it
    // compiles as a unit of its own and is not inlined into the statement dispatch above it (run, change), which
    // other statement types deoptimize. Split in two methods under that size, both were inlined up into change():
    // a 77 KB unit.
    private long writeLocked(Plan plan, Object[] params, ChangeOutput output) throws SQLException {
        if (inTransaction()) {
            tx.writing();
            TreeMap<byte[], byte[]> out = ReadView.newWriteMap();
            ExecContext ctx = context(tx.view()).holdingWrites(tx.writesHeld(), transactionMemory());
            long n = DmlRun.apply(plan, params, ctx, out, output);
            tx.add(out, ctx.writesHeld()); // unless a row changed since the snapshot: then the transaction is rolled back
            return n;
        }
        // Asked per statement, not cached per plan and session: the cache's "new plan" branch, taken once per
        // session, was a trap in the compiled writeLocked that other sessions' first statements took.
        boolean blind = plan instanceof Plan.Insert ins && ins.blind() && ins.source() instanceof lsmdb.sql.exec.Basic.Values
                && db.catalog().foreignKeys(ins.table().name()).isEmpty(); // a child's write reads its parent
        // New rows only: read the latest state and commit against a mark, with no snapshot to register and release.
        boolean marked = !blind && NewRowInsert.is(plan, db.catalog());
        for (int attempt = 1; ; attempt++) {
            TreeMap<byte[], byte[]> out = statementWrites;
            out.clear();
            long mark = marked ? engine.lastSequence() : 0;
            Snapshot snap = blind || marked ? null : engine.snapshot();
            try {
                // A marked insert reads only the latest state, writes only its new rows and returns nothing: nothing
                // of its context outlives it, so each reuses the session's (no context or view per statement).
                ExecContext ctx = (marked ? markedContext()
                        : context(snap == null ? latest : new ReadView(engine, snap, null)))
                        .holdingWrites(0, transactionMemory());
                long n = DmlRun.apply(plan, params, ctx, out, output);
                if (!out.isEmpty()) {
                    WriteBatch batch = statementBatch.reuse(out);
                    try {
                        if (marked) {
                            engine.write(batch, sync, mark);
                        } else if (snap == null) {
                            engine.write(batch, sync);
                        } else {
                            engine.write(batch, sync, snap);
                        }
                    } finally {
                        statementBatch.release(batch);
                    }
                }
                return n;
            } catch (WriteConflictException e) {
                // No user transaction to roll back: run the statement again on the newest rows, as a row lock
                // wait would. SET expressions are re-evaluated, so no update is lost.
                if (attempt >= MAX_STATEMENT_ATTEMPTS) {
                    throw Errors.conflict("write conflict: rows this statement writes kept changing concurrently ("
                            + attempt + " attempts); nothing was written");
                }
                Thread.onSpinWait();
            } catch (IOException e) {
                throw Errors.io(e);
            } finally {
                out.clear(); // a big statement's rows are not kept until the next one
                if (snap != null) {
                    snap.close();
                }
            }
        }
    }

    private ExecContext markedContext() {
        return markedContext.restart(timeoutMillis, queryMemory());
    }

    private Result control(Plan.Control c) throws SQLException {
        switch (c.kind()) {
            case BEGIN -> {
                if (autoCommit) {
                    explicit = true;
                }
            }
            case COMMIT -> {
                commit();
                explicit = false;
            }
            case ROLLBACK -> {
                rollback();
                explicit = false;
            }
            case SAVEPOINT -> setSavepoint(c.name());
            case ROLLBACK_TO_SAVEPOINT -> rollbackToSavepoint(c.name());
            case RELEASE_SAVEPOINT -> releaseSavepoint(c.name());
            case BACKUP -> {
                // A consistent online copy (SPEC §8); a destination that exists and is not empty is 58030.
                try {
                    engine.checkpoint(java.nio.file.Path.of(c.name()));
                } catch (IOException | java.nio.file.InvalidPathException e) {
                    throw e instanceof IOException io ? Errors.io(io)
                            : new SQLException("bad backup directory: " + e.getMessage(), "58030");
                }
            }
            case SHUTDOWN -> {
                tx.rollback();
                db.close();
                closed = true;
                return Result.shutdownDone();
            }
            default -> throw new IllegalStateException();
        }
        return Result.count(0);
    }

    @Override
    public void setSavepoint(String name) throws SQLException {
        checkOpen();
        if (!inTransaction()) {
            throw new SQLException("SAVEPOINT needs an open transaction (auto-commit is on)", "3B001");
        }
        tx.setSavepoint(name);
    }

    @Override
    public void rollbackToSavepoint(String name) throws SQLException {
        checkOpen();
        tx.rollbackToSavepoint(name);
    }

    @Override
    public void releaseSavepoint(String name) throws SQLException {
        checkOpen();
        tx.releaseSavepoint(name);
    }

    @Override
    public boolean autoCommit() {
        return autoCommit;
    }

    @Override
    public void setAutoCommit(boolean on) throws SQLException {
        checkOpen();
        if (on && !autoCommit) {
            commit();
        }
        autoCommit = on;
    }

    @Override
    public void commit() throws SQLException {
        checkOpen();
        try {
            tx.commit(sync);
        } finally {
            explicit = false;
        }
    }

    @Override
    public void rollback() throws SQLException {
        checkOpen();
        tx.rollback();
    }

    @Override
    public boolean inTransaction() {
        return !autoCommit || explicit;
    }

    @Override
    public boolean readOnly() {
        return readOnlySession || db.readOnly();
    }

    @Override
    public void setReadOnly(boolean readOnly) {
        readOnlySession = readOnly;
    }

    @Override
    public void setSync(boolean sync) {
        this.sync = sync;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            tx.rollback();
        }
    }

    private void checkOpen() throws SQLException {
        if (db.isClosed()) {
            throw Errors.closed("the database");
        }
        if (closed) {
            throw Errors.closed("the session");
        }
    }
}
