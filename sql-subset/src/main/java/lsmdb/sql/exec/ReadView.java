package lsmdb.sql.exec;

import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import lsmdb.core.LsmDb;
import lsmdb.core.LsmIterator;
import lsmdb.core.Snapshot;
import lsmdb.core.util.ScratchPool;

/**
 * What one statement reads: the engine at a snapshot (or its latest state), overlaid with the writes its transaction
 * has buffered but not committed, so a transaction reads its own writes.
 */
public final class ReadView {

    /** Marks a buffered delete (compared by identity). */
    public static final byte[] DELETED = new byte[0];

    /** Key order of the engine: unsigned bytes. */
    public static TreeMap<byte[], byte[]> newWriteMap() {
        return new TreeMap<>(Arrays::compareUnsigned);
    }

    /**
     * Stands for "no buffered writes" (never written): an autocommit query then takes the same empty-map route as a
     * transaction's first statement, so a query after a transactional load meets no branch the load never took.
     */
    private static final NavigableMap<byte[], byte[]> NO_WRITES = newWriteMap();

    private final LsmDb db;
    private final Snapshot snapshot;
    /** The transaction's buffered writes; empty (never null) when there are none. */
    private final NavigableMap<byte[], byte[]> own;

    public ReadView(LsmDb db, Snapshot snapshot, NavigableMap<byte[], byte[]> own) {
        this.db = db;
        this.snapshot = snapshot;
        this.own = own == null ? NO_WRITES : own;
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    public byte[] get(byte[] key) throws IOException {
        if (!own.isEmpty()) {
            byte[] v = own.get(key);
            if (v != null) {
                return v == DELETED ? null : v;
            }
        }
        return snapshot == null ? db.get(key) : db.get(key, snapshot);
    }

    /** False only if {@link #get} of {@code key} is certainly null, told by filters alone ({@link LsmDb#mayExist}). */
    public boolean mayExist(byte[] key) throws IOException {
        return (!own.isEmpty() && own.get(key) != null) || db.mayExist(key);
    }

    /**
     * {@link #get} of {@code keys[0, n)} into {@code values[0, n)}: the engine reads the keys the transaction has not
     * written all at once ({@link LsmDb#getAll}), so their memory reads overlap.
     */
    public void getAll(byte[][] keys, int n, byte[][] values) throws IOException {
        if (own.isEmpty()) {
            db.getAll(keys, n, snapshot, values);
            return;
        }
        byte[][] engineKeys = new byte[n][];
        int[] at = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            byte[] v = own.get(keys[i]);
            if (v != null) {
                values[i] = v == DELETED ? null : v;
            } else {
                engineKeys[m] = keys[i];
                at[m++] = i;
            }
        }
        byte[][] found = new byte[m][];
        db.getAll(engineKeys, m, snapshot, found);
        for (int j = 0; j < m; j++) {
            values[at[j]] = found[j];
        }
    }

    /**
     * {@link #getAll(byte[][], int, byte[][])} with row i's value in {@code values[i][0, lengths[i])}, copied into
     * {@code buffers[i]} (or a larger array left there) when read from a table: see
     * {@link LsmDb#getAll(byte[][], int, Snapshot, byte[][], int[], byte[][])}. The values are valid until
     * {@code buffers} is passed again.
     */
    public void getAll(byte[][] keys, int n, byte[][] values, int[] lengths, byte[][] buffers) throws IOException {
        if (own.isEmpty()) {
            db.getAll(keys, n, snapshot, values, lengths, buffers);
            return;
        }
        getAll(keys, n, values);
        for (int i = 0; i < n; i++) {
            byte[] v = values[i];
            if (v != null) {
                lengths[i] = v.length;
            }
        }
    }

    /** Stored entries (versions and deletions included) a range may hold to be read by {@link #gather}. */
    static final int GATHER_LIMIT = 64;

    /**
     * The live entries with keys in {@code [from, to)} into {@code gather}, ascending, read at once without a cursor
     * ({@link LsmDb#gather}); false, with nothing to use in the gather, when the range is not short, {@code to} is
     * open, or the transaction has buffered writes: then {@link #scan} it.
     */
    boolean gather(byte[] from, byte[] to, lsmdb.core.sstable.RangeGather gather) throws IOException {
        return own.isEmpty() && to != null && db.gather(snapshot, from, to, GATHER_LIMIT, gather);
    }

    /**
     * Free gathers, one per thread (by id), so a query's short ranges reuse their arrays; a second user at once makes
     * its own. Not a ThreadLocal: its first read on a new thread trapped in the compiled index cursor ({@link
     * ScratchPool}), and each benchmark phase, like each pooled worker, starts on new threads.
     */
    private static final ScratchPool<lsmdb.core.sstable.RangeGather> FREE_GATHER =
            new ScratchPool<>(lsmdb.core.sstable.RangeGather::new);

    /** A gather for {@link #gather}; give it back with {@link #release} when its entries are no longer read. */
    static lsmdb.core.sstable.RangeGather takeGather() {
        return FREE_GATHER.take();
    }

    static void release(lsmdb.core.sstable.RangeGather g) {
        g.clear();
        FREE_GATHER.give(g);
    }

    /** Entries with keys in {@code [from, to)}, ascending or descending. */
    Scan scan(byte[] from, byte[] to, boolean reverse) {
        NavigableMap<byte[], byte[]> mine = own.isEmpty() ? null : own.subMap(from, true, to, false);
        if (mine != null && reverse) {
            mine = mine.descendingMap();
        }
        return new Scan(db.iterator(snapshot, from, to), mine == null ? null : mine.entrySet().iterator(), reverse);
    }

    /** A merge of the engine's iterator and the buffered writes; buffered ones win on equal keys. */
    static final class Scan implements AutoCloseable {
        private final LsmIterator engine;
        private final Iterator<Map.Entry<byte[], byte[]>> mine;
        private final boolean reverse;
        private Map.Entry<byte[], byte[]> pending;
        /** The current entry when it is a buffered write; unused while {@link #fromEngine}. */
        private byte[] key;
        private byte[] value;
        /**
         * Whether the current entry is the engine's: the engine then stays on it until the next call to next(), so a
         * reader that skips an entry after a look at its value never copies its key or value.
         */
        private boolean fromEngine;

        Scan(LsmIterator engine, Iterator<Map.Entry<byte[], byte[]>> mine, boolean reverse) {
            this.engine = engine;
            this.mine = mine;
            this.reverse = reverse;
            if (reverse) {
                engine.seekToLast();
            } else {
                engine.seekToFirst();
            }
            pending = mine != null && mine.hasNext() ? mine.next() : null;
        }

        /** Advances to the next live entry; false at the end. */
        boolean next() {
            if (fromEngine) {
                fromEngine = false;
                step();
            }
            for (;;) {
                boolean haveEngine = engine.isValid();
                if (!haveEngine && pending == null) {
                    return false;
                }
                int c;
                if (!haveEngine) {
                    c = 1;
                } else if (pending == null) {
                    c = -1;
                } else {
                    c = Arrays.compareUnsigned(engine.key(), pending.getKey());
                    if (reverse) {
                        c = -c;
                    }
                }
                if (c < 0) {
                    fromEngine = true;
                    return true;
                }
                Map.Entry<byte[], byte[]> e = pending;
                pending = mine.hasNext() ? mine.next() : null;
                if (c == 0) {
                    step();
                }
                if (e.getValue() != DELETED) {
                    key = e.getKey();
                    value = e.getValue();
                    return true;
                }
            }
        }

        /**
         * Counts the live entries left, ending the scan. With no buffered writes in the range it steps the engine's
         * iterator alone, copying no key or value.
         */
        long countRest(ExecContext ctx) throws java.sql.SQLException {
            long n = 0;
            if (fromEngine) {
                fromEngine = false;
                step();
            }
            if (pending == null) {
                if (!reverse) {
                    return countEngine(ctx);
                }
                for (; engine.isValid(); step()) {
                    ctx.tick();
                    n++;
                }
                return n;
            }
            while (next()) {
                ctx.tick();
                n++;
            }
            return n;
        }

        /**
         * Advances to the next live entry whose value passes {@code test}; false at the end. With no buffered writes
         * in the range the engine searches in bulk, copying no key.
         */
        boolean nextMatching(lsmdb.core.format.ForwardCount.ValueTest test, ExecContext ctx)
                throws java.sql.SQLException {
            if (pending == null && !reverse) {
                if (fromEngine) {
                    fromEngine = false;
                    step();
                }
                if (!engine.isValid()) {
                    return false;
                }
                try {
                    fromEngine = engine.seekMatching(test, checkpoint(ctx));
                } catch (Cancelled c) {
                    throw c.reason;
                }
                return fromEngine;
            }
            byte[] buf = new byte[128];
            while (next()) {
                ctx.tick();
                int n = valueLength();
                if (buf.length < n) {
                    buf = new byte[n];
                }
                copyValue(buf);
                if (test.test(buf, n)) {
                    return true;
                }
            }
            return false;
        }

        private static Runnable checkpoint(ExecContext ctx) {
            return () -> {
                try {
                    ctx.checkCancelled();
                } catch (java.sql.SQLException e) {
                    throw new Cancelled(e);
                }
            };
        }

        /** The engine counts the rest in bulk; cancellation is checked at its checkpoints. */
        private long countEngine(ExecContext ctx) throws java.sql.SQLException {
            try {
                return engine.countRest(checkpoint(ctx));
            } catch (Cancelled c) {
                throw c.reason;
            }
        }

        /** Carries a cancellation out of the engine's count. */
        private static final class Cancelled extends RuntimeException {
            final java.sql.SQLException reason;

            Cancelled(java.sql.SQLException reason) {
                super(null, null, false, false);
                this.reason = reason;
            }
        }

        private void step() {
            if (reverse) {
                engine.prev();
            } else {
                engine.next();
            }
        }

        /** The current entry's key; the array stays valid (and unchanged) after the scan moves on. */
        byte[] key() {
            return fromEngine ? engine.key() : key;
        }

        /** The current entry's value; the array stays valid (and unchanged) after the scan moves on. */
        byte[] value() {
            return fromEngine ? engine.value() : value;
        }

        int valueLength() {
            return fromEngine ? engine.valueLength() : value.length;
        }

        int keyLength() {
            return fromEngine ? engine.keyLength() : key.length;
        }

        /** Copies the current key to {@code dst[0, keyLength())}, taking no copy of its own. */
        void copyKey(byte[] dst) {
            if (fromEngine) {
                engine.copyKey(dst, 0);
            } else {
                System.arraycopy(key, 0, dst, 0, key.length);
            }
        }

        /** Copies the current value to {@code dst[0, valueLength())}, taking no copy of its own. */
        void copyValue(byte[] dst) {
            if (fromEngine) {
                engine.copyValue(dst, 0);
            } else {
                System.arraycopy(value, 0, dst, 0, value.length);
            }
        }

        @Override
        public void close() {
            engine.close();
        }
    }
}
