package lsmdb.sql.session;

import java.io.IOException;
import java.sql.SQLException;
import java.util.TreeMap;
import lsmdb.core.LsmDb;
import lsmdb.core.Snapshot;
import lsmdb.core.WriteConflictException;
import lsmdb.sql.Errors;
import lsmdb.sql.exec.ReadView;

/**
 * The state of a session's open transaction (auto-commit off, or after BEGIN): a snapshot taken at its first
 * statement, its writes buffered in a sorted map over that snapshot, its savepoints. COMMIT writes the buffer in one
 * batch with the engine's first-committer-wins check; a write another transaction made first to a row this one
 * writes is a conflict (40001), found at the statement or at commit, and rolls it back.
 */
final class Transaction {

    private final Database db;
    private final LsmDb engine;
    private Snapshot snapshot;
    private TreeMap<byte[], byte[]> writes = ReadView.newWriteMap();
    private final Savepoints savepoints = new Savepoints();
    /** The estimated bytes {@link #writes} holds, as statements counted them (ExecContext.holdWrite). */
    private long writesHeld;
    /** The catalog's index epoch when this transaction first wrote; -1 before. */
    private long indexEpochAtFirstWrite = -1;

    Transaction(Database db) {
        this.db = db;
        this.engine = db.engine();
    }

    /** The transaction's snapshot, taken at its first use. */
    Snapshot snapshot() {
        if (snapshot == null) {
            snapshot = engine.snapshot();
        }
        return snapshot;
    }

    /** The buffered writes, which the transaction's statements read over its snapshot. */
    TreeMap<byte[], byte[]> writes() {
        return writes;
    }

    boolean hasWrites() {
        return !writes.isEmpty();
    }

    /** The snapshot with the buffered writes over it: what a statement of the transaction reads. */
    ReadView view() {
        return new ReadView(engine, snapshot(), writes);
    }

    /** Notes that a statement is about to write: a later index or constraint change then fails the commit. */
    void writing() {
        if (indexEpochAtFirstWrite < 0) {
            indexEpochAtFirstWrite = db.catalog().indexEpoch();
        }
    }

    /**
     * Adds a statement's writes to the buffer, unless a row among them changed since the snapshot: then the whole
     * transaction is rolled back and the statement fails with 40001.
     */
    void add(TreeMap<byte[], byte[]> statementWrites, long heldAfter) throws SQLException {
        Snapshot snap = snapshot();
        try {
            for (byte[] key : statementWrites.keySet()) {
                if (engine.changedSince(key, snap)) {
                    rollback();
                    throw Errors.conflict("write conflict: a row this transaction writes was changed by another "
                            + "transaction after this one began; the transaction was rolled back");
                }
            }
        } catch (IOException e) {
            throw Errors.io(e);
        }
        if (savepoints.any()) {
            for (java.util.Map.Entry<byte[], byte[]> e : statementWrites.entrySet()) {
                savepoints.recordBefore(e.getKey(), writes.put(e.getKey(), e.getValue()));
            }
        } else {
            writes.putAll(statementWrites);
        }
        writesHeld = heldAfter;
    }

    /** The estimated bytes of the buffered writes (see ExecContext.holdWrite), which maxTransactionMemory bounds. */
    long writesHeld() {
        return writesHeld;
    }

    /**
     * Writes the buffer in one batch, fsynced before it returns with {@code sync}, checked against the snapshot; the
     * transaction ends either way.
     */
    void commit(boolean sync) throws SQLException {
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
                    engine.write(StatementBatch.of(writes), sync, snapshot());
                } catch (WriteConflictException e) {
                    throw Errors.conflict("write conflict at commit: another transaction committed a change to a row "
                            + "this one writes; the transaction was rolled back");
                } catch (IOException e) {
                    throw Errors.io(e);
                }
            }
        } finally {
            db.schemaLock.readLock().unlock();
            rollback();
        }
    }

    /** Drops the buffered writes and savepoints and lets the snapshot go: the transaction is over. */
    void rollback() {
        writes = ReadView.newWriteMap();
        writesHeld = 0;
        indexEpochAtFirstWrite = -1;
        savepoints.clear();
        if (snapshot != null) {
            snapshot.close();
            snapshot = null;
        }
    }

    /** Sets savepoint {@code name} over the writes so far (taking the snapshot if no statement has yet). */
    void setSavepoint(String name) {
        snapshot();
        savepoints.set(name, writesHeld);
    }

    void rollbackToSavepoint(String name) throws SQLException {
        writesHeld = savepoints.rollbackTo(name, writes);
    }

    void releaseSavepoint(String name) throws SQLException {
        savepoints.release(name);
    }
}
