package lsmdb.sql.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import lsmdb.sql.parse.Scripts;
import lsmdb.sql.exec.Cursor;
import lsmdb.sql.exec.Dml;
import lsmdb.sql.exec.ExecContext;
import lsmdb.sql.exec.ReadView;
import lsmdb.sql.expr.Env;
import lsmdb.sql.plan.Plan;

/**
 * One connection's transaction state. Auto-commit statements are each one atomic engine write. In a transaction
 * (auto-commit off, or after BEGIN) writes collect in a sorted buffer over a snapshot taken at the first statement,
 * and COMMIT writes them in one batch with the engine's first-committer-wins check. A statement that fails leaves
 * the buffer as it was. DDL commits the open transaction first and takes effect at once.
 */
final class SessionImpl implements Session {

    /** How often an auto-commit statement is re-run after losing a write conflict before giving up with 40001. */
    private static final int MAX_STATEMENT_ATTEMPTS = 1000;
    /** The largest auto-commit batch a session keeps for the next statement (a huge one is let go). */
    static final int KEPT_BATCH_BYTES = 64 << 10;
    /** The most records a kept batch held: clearing it walks the list of its handed-over arrays. */
    static final int KEPT_BATCH_RECORDS = 64;

    private final Database db;
    private final LsmDb engine;
    private final DdlRunner ddl;
    private final ExecContext.CancelFlag cancel = new ExecContext.CancelFlag();
    private boolean autoCommit = true;
    /** A transaction opened by BEGIN while auto-commit is on. */
    private boolean explicit;
    private Snapshot snapshot;
    private TreeMap<byte[], byte[]> writes = ReadView.newWriteMap();
    private final Savepoints savepoints = new Savepoints();
    private long timeoutMillis;
    /** The catalog's index epoch when this transaction first wrote; -1 before. */
    private long indexEpochAtFirstWrite = -1;
    private boolean closed;
    /**
     * The batch of auto-commit statements, cleared after each write and used again: a single-row INSERT then makes
     * no batch and no encoding buffer of its own. Null until the first, and again after one grew past
     * {@link #KEPT_BATCH_BYTES} or {@link #KEPT_BATCH_RECORDS}.
     */
    private WriteBatch statementBatch;
    /** The writes of an auto-commit statement, emptied before each attempt: one map per session, not per statement. */
    private final TreeMap<byte[], byte[]> statementWrites = ReadView.newWriteMap();
    /** The engine's latest state with no buffered writes: what auto-commit statements without a snapshot read. */
    private final ReadView latest;
    /** The context of marked inserts ({@link NewRowInsert}) over {@link #latest}, restarted for each. */
    private final ExecContext markedContext;

    SessionImpl(Database db) {
        this.db = db;
        this.engine = db.engine();
        this.ddl = new DdlRunner(db);
        this.latest = new ReadView(engine, null, null);
        // Made here, not at a session's first insert: a branch taken once per session was a trap in the compiled
        // writeLocked, which a later session's first insert took (a 50 KB unit thrown away and compiled again).
        this.markedContext = context(latest);
    }

    @Override
    public Prepared prepare(String sql) throws SQLException {
        checkOpen();
        return new PreparedPlan(db.prepare(sql));
    }

    @Override
    public List<Prepared> prepareScript(String sql) throws SQLException {
        checkOpen();
        // Later statements may name tables that earlier ones create: each is bound when it runs.
        List<Prepared> out = new ArrayList<>();
        for (String s : Scripts.split(sql)) {
            out.add(new Deferred(s));
        }
        if (out.isEmpty()) {
            throw Errors.syntax("empty statement");
        }
        return out;
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
        if (statement instanceof Deferred d) {
            plan = db.prepare(d.sql());
            parameterCount = plan.parameterCount();
        } else {
            PreparedPlan p = (PreparedPlan) statement;
            plan = db.current(p.plan, p.header);
            parameterCount = plan == p.plan ? p.header.parameterCount() : plan.parameterCount();
        }
        Object[] params = Parameters.normalise(parameters);
        if (params.length != parameterCount) {
            throw Errors.parameterCount(parameterCount, params.length);
        }
        cancel.reset();
        try {
            return run(plan, params, keys);
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

    /** A statement of a script, bound only when its turn comes; what it returns is known once it is bound. */
    private record Deferred(String sql) implements Prepared {
        @Override
        public int parameterCount() {
            return 0;
        }

        @Override
        public lsmdb.sql.SqlType parameterType(int index) {
            return null;
        }

        @Override
        public boolean isQuery() {
            return false;
        }

        @Override
        public List<lsmdb.sql.ColumnInfo> resultColumns() {
            return List.of();
        }
    }

    private ExecContext context(ReadView view) {
        return new ExecContext(view, db.catalog(), db.rowIds(), timeoutMillis, db.queryMemory(), cancel);
    }

    private Result run(Plan plan, Object[] params, KeyRequest keys) throws SQLException {
        if (plan instanceof Plan.Select s) {
            return select(s, params);
        }
        if (plan instanceof Plan.SelectForUpdate f) {
            if (inTransaction()) {
                if (db.readOnly()) {
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
        if (db.readOnly()) {
            throw Errors.readOnly();
        }
        if (plan instanceof Plan.Change change) {
            return change(change, params, keys);
        }
        commitBeforeDdl();
        ddl.run(plan);
        return Result.count(0);
    }

    /** DDL ends the open transaction first (as MySQL and Oracle do), so it never mixes with buffered writes. */
    private void commitBeforeDdl() throws SQLException {
        if (inTransaction() && !writes.isEmpty()) {
            commit();
        }
    }

    private Result select(Plan.Select s, Object[] params) throws SQLException {
        boolean own = !inTransaction();
        Snapshot snap = !own ? transactionSnapshot() : s.needsSnapshot() ? engine.snapshot() : null;
        ReadView view = new ReadView(engine, snap, own ? null : writes);
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

    /** Runs INSERT, UPDATE or DELETE; its RETURNING rows or count, and generated keys when {@code keys} asks. */
    private Result change(Plan.Change plan, Object[] params, KeyRequest keys) throws SQLException {
        ChangeOutput output = plan.returning() != null || keys != null ? new ChangeOutput() : null;
        long n = write(plan, params, output);
        if (output == null) {
            return Result.count(n);
        }
        Plan.Change ran = output.plan;
        if (keys != null && ran.returning() != null) {
            // As PostgreSQL's driver does: a statement that says RETURNING returns those rows as its keys.
            return Result.count(n).withKeys(KeyColumns.returned(ran.returning().columns(), output.returned));
        }
        Result r = ran.returning() == null ? Result.count(n) : Result.rows(new ResultRows(
                ran.returning().columns(), lsmdb.sql.exec.Cursors.of(output.returned), null));
        return keys == null ? r
                : r.withKeys(KeyColumns.of(ran.table(), db.catalog().rules(ran.table()), keys, output.changed));
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

    // Both paths in one method, above C2's FreqInlineSize (325 bytecodes) by their content, so that it compiles as a
    // unit of its own and is not inlined into the statement dispatch above it (run, change), which other statement
    // types deoptimize. Split in two methods under that size, both were inlined up into change(): a 77 KB unit.
    private long writeLocked(Plan plan, Object[] params, ChangeOutput output) throws SQLException {
        if (inTransaction()) {
            if (indexEpochAtFirstWrite < 0) {
                indexEpochAtFirstWrite = db.catalog().indexEpoch();
            }
            TreeMap<byte[], byte[]> out = ReadView.newWriteMap();
            Snapshot snap = transactionSnapshot();
            long n = apply(plan, params, new ReadView(engine, snap, writes), out, output);
            try {
                for (byte[] key : out.keySet()) {
                    if (engine.changedSince(key, snap)) {
                        rollbackQuietly();
                        throw Errors.conflict("write conflict: a row this transaction writes was changed by another "
                                + "transaction after this one began; the transaction was rolled back");
                    }
                }
            } catch (IOException e) {
                throw Errors.io(e);
            }
            writes.putAll(out);
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
                ExecContext ctx = marked ? markedContext()
                        : context(snap == null ? latest : new ReadView(engine, snap, null));
                long n = apply(plan, params, ctx, out, output);
                if (!out.isEmpty()) {
                    WriteBatch batch = statementBatch(out);
                    try {
                        if (marked) {
                            engine.write(batch, engine.options().sync(), mark);
                        } else if (snap == null) {
                            engine.write(batch);
                        } else {
                            engine.write(batch, engine.options().sync(), snap);
                        }
                    } finally {
                        releaseStatementBatch(batch);
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
        return markedContext.restart(timeoutMillis, db.queryMemory());
    }

    private long apply(Plan plan, Object[] params, ReadView view, TreeMap<byte[], byte[]> out, ChangeOutput output)
            throws SQLException {
        return apply(plan, params, context(view), out, output);
    }

    private long apply(Plan plan, Object[] params, ExecContext ctx, TreeMap<byte[], byte[]> out, ChangeOutput output)
            throws SQLException {
        Env env = new Env(params, null, ctx);
        List<Object[]> changed = null;
        if (output != null) {
            output.reset((Plan.Change) plan);
            changed = output.changed;
        }
        long n;
        if (plan instanceof Plan.Insert i) {
            n = Dml.insert(i.table(), i.indexes(), i.source(), i.slots(), i.onConflict(), i.fill(), i.onUpdate(), env,
                    out, changed);
        } else if (plan instanceof Plan.Update u) {
            n = Dml.update(u.table(), u.indexes(), u.rows(), u.slots(), u.values(), u.reads(), env, out, changed);
        } else {
            Plan.Delete d = (Plan.Delete) plan;
            n = Dml.delete(d.table(), d.indexes(), d.rows(), env, out, changed);
        }
        if (output != null && output.plan.returning() != null) {
            output.returned = output.plan.returning().rows(changed, env);
        }
        return n;
    }

    /** The writes as one batch; the arrays are handed over (nothing changes a written key or value afterwards). */
    private static WriteBatch batch(TreeMap<byte[], byte[]> writes) {
        int bytes = 0;
        for (Map.Entry<byte[], byte[]> e : writes.entrySet()) {
            bytes += e.getKey().length + e.getValue().length + 8;
        }
        return fill(new WriteBatch(bytes, writes.size()), writes);
    }

    /** An auto-commit statement's writes in this session's batch; give it back with {@link #releaseStatementBatch}. */
    private WriteBatch statementBatch(TreeMap<byte[], byte[]> writes) {
        WriteBatch b = statementBatch;
        if (b == null) {
            b = new WriteBatch(256, 1);
            statementBatch = b;
        }
        return fill(b, writes);
    }

    /**
     * Empties the statement batch once its write returned, successful or not: the commit path keeps no reference
     * to a batch after that (the memtable keeps the handed-over arrays, the log a copy of the encoding).
     */
    private void releaseStatementBatch(WriteBatch b) {
        if (b.approximateSize() > KEPT_BATCH_BYTES || b.count() > KEPT_BATCH_RECORDS) {
            statementBatch = null; // a big statement's buffers are not kept for the small ones after it
        }
        b.clear();
    }

    private static WriteBatch fill(WriteBatch b, TreeMap<byte[], byte[]> writes) {
        if (writes.size() == 1) {
            // A single-row statement: no entry set or iterators to walk twice.
            byte[] key = writes.firstKey();
            byte[] value = writes.get(key);
            return value == ReadView.DELETED ? b.deleteOwned(key) : b.putOwned(key, value);
        }
        for (Map.Entry<byte[], byte[]> e : writes.entrySet()) {
            if (e.getValue() == ReadView.DELETED) {
                b.deleteOwned(e.getKey());
            } else {
                b.putOwned(e.getKey(), e.getValue());
            }
        }
        return b;
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
                rollbackQuietly();
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
        transactionSnapshot();
        savepoints.set(name, writes);
    }

    @Override
    public void rollbackToSavepoint(String name) throws SQLException {
        checkOpen();
        writes = savepoints.rollbackTo(name);
    }

    @Override
    public void releaseSavepoint(String name) throws SQLException {
        checkOpen();
        savepoints.release(name);
    }

    private Snapshot transactionSnapshot() {
        if (snapshot == null) {
            snapshot = engine.snapshot();
        }
        return snapshot;
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
        db.schemaLock.readLock().lock();
        try {
            if (!writes.isEmpty()) {
                if (db.readOnly()) {
                    throw Errors.readOnly();
                }
                if (indexEpochAtFirstWrite >= 0 && indexEpochAtFirstWrite != db.catalog().indexEpoch()) {
                    throw Errors.conflict("an index was created or a table altered while this transaction was "
                            + "writing, so its writes may lack index entries or miss a new constraint; the "
                            + "transaction was rolled back, run it again");
                }
                try {
                    engine.write(batch(writes), engine.options().sync(), transactionSnapshot());
                } catch (WriteConflictException e) {
                    throw Errors.conflict("write conflict at commit: another transaction committed a change to a row "
                            + "this one writes; the transaction was rolled back");
                } catch (IOException e) {
                    throw Errors.io(e);
                }
            }
        } finally {
            db.schemaLock.readLock().unlock();
            rollbackQuietly();
            explicit = false;
        }
    }

    @Override
    public void rollback() throws SQLException {
        checkOpen();
        rollbackQuietly();
    }

    private void rollbackQuietly() {
        writes = ReadView.newWriteMap();
        indexEpochAtFirstWrite = -1;
        savepoints.clear();
        if (snapshot != null) {
            snapshot.close();
            snapshot = null;
        }
    }

    @Override
    public boolean inTransaction() {
        return !autoCommit || explicit;
    }

    @Override
    public boolean readOnly() {
        return db.readOnly();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            rollbackQuietly();
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
