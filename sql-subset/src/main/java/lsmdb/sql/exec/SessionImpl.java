package lsmdb.sql.exec;

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
import lsmdb.sql.Prepared;
import lsmdb.sql.Result;
import lsmdb.sql.Session;
import lsmdb.sql.parse.SqlParser;
import lsmdb.sql.plan.Plan;

/**
 * One connection's transaction state. Auto-commit statements are each one atomic engine write. In a transaction
 * (auto-commit off, or after BEGIN) writes collect in a sorted buffer over a snapshot taken at the first
 * statement, and COMMIT writes them in one batch with the engine's first-committer-wins check. A statement that
 * fails leaves the buffer as it was. DDL is not transactional: it takes effect at once.
 */
final class SessionImpl implements Session {

    /** How often an auto-commit statement is re-run after losing a write conflict before giving up with 40001. */
    private static final int MAX_STATEMENT_ATTEMPTS = 1000;

    private final Database db;
    private final LsmDb engine;
    private boolean autoCommit = true;
    /** A transaction opened by BEGIN while auto-commit is on. */
    private boolean explicit;
    private Snapshot snapshot;
    private TreeMap<byte[], byte[]> writes = ReadView.newWriteMap();
    private boolean closed;

    SessionImpl(Database db) {
        this.db = db;
        this.engine = db.engine();
    }

    @Override
    public Prepared prepare(String sql) throws SQLException {
        checkOpen();
        return db.prepare(sql);
    }

    @Override
    public List<Prepared> prepareScript(String sql) throws SQLException {
        checkOpen();
        // Later statements may name tables that earlier ones create: each is validated when it runs.
        List<Prepared> out = new ArrayList<>();
        for (String s : SqlParser.split(sql)) {
            out.add(new Deferred(s));
        }
        if (out.isEmpty()) {
            throw Errors.syntax("empty statement");
        }
        return out;
    }

    @Override
    public Result execute(Prepared statement, Object[] parameters) throws SQLException {
        checkOpen();
        Plan plan = statement instanceof Deferred d ? db.prepare(d.sql()) : db.current((Plan) statement);
        Object[] params = parameters == null ? new Object[0] : parameters;
        if (params.length != plan.parameterCount()) {
            throw Errors.parameterCount(plan.parameterCount(), params.length);
        }
        try {
            return run(plan, params);
        } catch (UncheckedIOException e) {
            throw Errors.io(e);
        } catch (IllegalStateException e) {
            if (db.isClosed()) {
                throw Errors.closed("the database");
            }
            throw e;
        }
    }

    /** A statement of a script, parsed and validated only when its turn comes. */
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
            return sql.stripLeading().regionMatches(true, 0, "SELECT", 0, 6);
        }

        @Override
        public List<lsmdb.sql.ColumnInfo> resultColumns() {
            return List.of();
        }
    }

    private Result run(Plan plan, Object[] params) throws SQLException {
        if (plan instanceof Plan.Select s) {
            return select(s, params);
        }
        if (plan instanceof Plan.Control c) {
            return control(c);
        }
        if (plan instanceof Plan.Backup b) {
            try {
                engine.checkpoint(java.nio.file.Path.of(b.destination()));
            } catch (java.io.IOException e) {
                throw Errors.io(e);
            }
            return Result.count(0);
        }
        if (db.readOnly()) {
            throw Errors.readOnly();
        }
        if (plan instanceof Plan.CreateTable c) {
            db.catalog().create(c.name(), c.columns(), c.keyColumn(), c.ifNotExists());
            return Result.count(0);
        }
        if (plan instanceof Plan.DropTable d) {
            db.catalog().drop(d.name(), d.ifExists());
            return Result.count(0);
        }
        return Result.count(write(plan, params));
    }

    private Result select(Plan.Select s, Object[] params) throws SQLException {
        if (inTransaction()) {
            return Executor.select(s, params, new ReadView(engine, transactionSnapshot(), writes), () -> { });
        }
        return Executor.select(s, params, new ReadView(engine, null, null), () -> { });
    }

    private long write(Plan plan, Object[] params) throws SQLException {
        if (inTransaction()) {
            TreeMap<byte[], byte[]> out = ReadView.newWriteMap();
            Snapshot snap = transactionSnapshot();
            long n = apply(plan, params, new ReadView(engine, snap, writes), out);
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
        boolean blind = plan instanceof Plan.Insert ins && ins.upsert();
        for (int attempt = 1; ; attempt++) {
            TreeMap<byte[], byte[]> out = ReadView.newWriteMap();
            Snapshot snap = blind ? null : engine.snapshot();
            try {
                long n = apply(plan, params, new ReadView(engine, snap, null), out);
                if (!out.isEmpty()) {
                    WriteBatch batch = batch(out);
                    if (snap == null) {
                        engine.write(batch);
                    } else {
                        engine.write(batch, engine.options().sync(), snap);
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
                if (snap != null) {
                    snap.close();
                }
            }
        }
    }

    private static long apply(Plan plan, Object[] params, ReadView view, TreeMap<byte[], byte[]> out)
            throws SQLException {
        if (plan instanceof Plan.Insert i) {
            return Executor.insert(i, params, view, out);
        }
        if (plan instanceof Plan.Update u) {
            return Executor.update(u, params, view, out);
        }
        return Executor.delete((Plan.Delete) plan, params, view, out);
    }

    private static WriteBatch batch(TreeMap<byte[], byte[]> writes) {
        WriteBatch b = new WriteBatch();
        for (Map.Entry<byte[], byte[]> e : writes.entrySet()) {
            if (e.getValue() == ReadView.DELETED) {
                b.delete(e.getKey());
            } else {
                b.put(e.getKey(), e.getValue());
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
        try {
            if (!writes.isEmpty()) {
                if (db.readOnly()) {
                    throw Errors.readOnly();
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
            rollbackQuietly();
            if (explicit) {
                explicit = false;
            }
        }
    }

    @Override
    public void rollback() throws SQLException {
        checkOpen();
        rollbackQuietly();
    }

    private void rollbackQuietly() {
        writes = ReadView.newWriteMap();
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
