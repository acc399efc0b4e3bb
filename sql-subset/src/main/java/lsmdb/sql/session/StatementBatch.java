package lsmdb.sql.session;

import java.util.Map;
import java.util.TreeMap;
import lsmdb.core.WriteBatch;
import lsmdb.sql.exec.ReadView;

/**
 * Buffered writes as one engine batch, their arrays handed over (nothing changes a written key or value afterwards).
 * A session's auto-commit statements share one batch, cleared after each write and used again: a single-row INSERT
 * then makes no batch and no encoding buffer of its own.
 */
final class StatementBatch {

    /** The largest auto-commit batch a session keeps for the next statement (a huge one is let go). */
    static final int KEPT_BYTES = 64 << 10;
    /** The most records a kept batch held: clearing it walks the list of its handed-over arrays. */
    static final int KEPT_RECORDS = 64;

    /**
     * Never null, from the session's start: a branch a session takes only at its first statement was an uncommon
     * trap in the compiled auto-commit write path (SessionImpl.writeLocked, which inlines {@link #reuse}), so every
     * new connection's first INSERT threw that ~50 KB unit away and C2 compiled it again while the inserts ran.
     */
    private WriteBatch kept = newBatch();

    /** The writes as a batch of their own (a transaction's, at commit). */
    static WriteBatch of(TreeMap<byte[], byte[]> writes) {
        int bytes = 0;
        for (Map.Entry<byte[], byte[]> e : writes.entrySet()) {
            bytes += e.getKey().length + e.getValue().length + 8;
        }
        return fill(new WriteBatch(bytes, writes.size()), writes);
    }

    /** An auto-commit statement's writes in the session's batch; give it back with {@link #release}. */
    WriteBatch reuse(TreeMap<byte[], byte[]> writes) {
        return fill(kept, writes);
    }

    /** The batch the next auto-commit statement will write through. */
    WriteBatch next() {
        return kept;
    }

    private static WriteBatch newBatch() {
        return new WriteBatch(256, 1);
    }

    /**
     * Empties the batch once its write returned, successful or not: the commit path keeps no reference to a batch
     * after that (the memtable keeps the handed-over arrays, the log a copy of the encoding).
     */
    void release(WriteBatch b) {
        if (b.approximateSize() > KEPT_BYTES || b.count() > KEPT_RECORDS) {
            kept = newBatch(); // a big statement's buffers are not kept for the small ones after it
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
}
