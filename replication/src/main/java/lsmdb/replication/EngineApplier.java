package lsmdb.replication;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;
import lsmdb.core.CommitRoute;
import lsmdb.core.LsmDb;
import lsmdb.core.LsmIterator;
import lsmdb.core.Snapshot;
import lsmdb.core.WriteBatch;

/**
 * Applies replicated entries to the local engine in log order, deciding first-committer-wins from data every node
 * holds identically: for each key, the log index of the last entry that wrote it, stored beside the data in a key
 * space of its own and written in the same atomic batch as the data and the applied index. So the decision, the
 * data and the applied index never disagree, on any node, across restarts and snapshot installs.
 *
 * <pre>
 * 0xFF 'R' 'A'                     → applied term (int64) | applied index (int64)
 * 0xFF 'R' 'W' key                 → index (int64) of the last entry that put or deleted {@code key}
 * 0xFF 'R' 'D' index (int64, BE)   → a range delete at that index: start length (int32) | start | end
 * </pre>
 *
 * A transaction that read more than {@code horizon} entries before its own is aborted on every node, so a
 * last-writer record older than {@code horizon} can decide nothing; every {@code pruneEvery} entries the apply of
 * that entry deletes such records (kept for deleted keys, they would otherwise grow without end). Both are
 * decisions of the log index alone, so every node prunes the same records at the same entry.
 *
 * Thread-safe: applying is serialised; {@link #snapshotIndexOf} may be called from any thread.
 */
final class EngineApplier {

    static final byte[] META_PREFIX = {(byte) 0xFF, 'R'};
    private static final byte[] APPLIED = {(byte) 0xFF, 'R', 'A'};
    private static final byte WRITER = 'W';
    private static final byte RANGE = 'D';
    /** How many (engine sequence → log index) pairs are kept to place a snapshot; older snapshots place at 0. */
    private static final int SEQUENCE_MAP_LIMIT = 100_000;
    /** How far back (in entries) a transaction's snapshot may lie; beyond it the transaction is aborted. */
    static final long DEFAULT_HORIZON = 1_000_000;
    static final long DEFAULT_PRUNE_EVERY = 100_000;

    private final LsmDb engine;
    private final CommitRoute.LocalWriter local;
    private final long horizon;
    private final long pruneEvery;
    private final ReentrantLock applyLock = new ReentrantLock();
    /** Engine sequence after each apply → that entry's log index: where a local snapshot sits in the log. */
    private final ConcurrentSkipListMap<Long, Long> indexBySequence = new ConcurrentSkipListMap<>();
    private int mapped;
    private volatile long appliedTerm;
    private volatile long appliedIndex;

    EngineApplier(LsmDb engine, CommitRoute.LocalWriter local) throws IOException {
        this(engine, local, DEFAULT_HORIZON, DEFAULT_PRUNE_EVERY);
    }

    EngineApplier(LsmDb engine, CommitRoute.LocalWriter local, long horizon, long pruneEvery) throws IOException {
        this.engine = engine;
        this.local = local;
        this.horizon = horizon;
        this.pruneEvery = pruneEvery;
        byte[] a = engine.get(APPLIED);
        if (a != null) {
            ByteBuffer b = ByteBuffer.wrap(a);
            appliedTerm = b.getLong();
            appliedIndex = b.getLong();
        }
        recordSequence();
    }

    long appliedIndex() {
        return appliedIndex;
    }

    long appliedTerm() {
        return appliedTerm;
    }

    LsmDb engine() {
        return engine;
    }

    /** Holds off applying (while a checkpoint is cut, so it sits exactly at {@link #appliedIndex()}). */
    void lock() {
        applyLock.lock();
    }

    void unlock() {
        applyLock.unlock();
    }

    /**
     * The log index a local snapshot reads at: the last entry applied before it was taken. A snapshot older than
     * the remembered window places at 0, which can only make its transaction lose a conflict it might have won.
     */
    long snapshotIndexOf(Snapshot s) {
        Map.Entry<Long, Long> e = indexBySequence.floorEntry(s.sequence());
        return e == null ? 0 : e.getValue();
    }

    /** Applies entry {@code index} (at most once: a replay of an applied index changes nothing). */
    ApplyResult apply(long term, long index, TxnEntry entry) throws IOException {
        applyLock.lock();
        try {
            if (index <= appliedIndex) {
                return ApplyResult.ALREADY;
            }
            String lost = !entry.conflictChecked() ? null
                    : entry.snapshotIndex() < index - horizon ? "(the transaction's snapshot is more than " + horizon
                            + " entries old)"
                    : conflict(entry);
            WriteBatch batch = new WriteBatch();
            if (index % pruneEvery == 0) {
                pruneOlderThan(index - horizon, batch); // first: this entry's own records, added after, win
            }
            if (lost == null) {
                batch.append(withVersions(entry, index));
            }
            batch.put(APPLIED, ByteBuffer.allocate(16).putLong(term).putLong(index).array());
            // Not synced: the Raft log is durable and replays anything after the engine's applied index.
            local.write(batch, false);
            appliedTerm = term;
            appliedIndex = index;
            recordSequence();
            return lost == null
                    ? new ApplyResult(ApplyResult.Status.COMMITTED, "", touchesCatalog(entry))
                    : new ApplyResult(ApplyResult.Status.CONFLICT, lost, false);
        } finally {
            applyLock.unlock();
        }
    }

    /** The first key of {@code entry} written by an entry after its snapshot, as text; null if none. */
    private String conflict(TxnEntry entry) throws IOException {
        long since = entry.snapshotIndex();
        for (TxnEntry.Record r : entry.records()) {
            if (r.kind() == TxnEntry.Record.RANGE_DELETE) {
                continue;
            }
            byte[] w = engine.get(writerKey(r.key()));
            if (w != null && ByteBuffer.wrap(w).getLong() > since) {
                return describe(r.key());
            }
            if (rangeDeletedAfter(r.key(), since)) {
                return describe(r.key());
            }
        }
        return null;
    }

    private boolean rangeDeletedAfter(byte[] key, long since) {
        byte[] from = rangeKey(since + 1);
        byte[] to = {(byte) 0xFF, 'R', RANGE + 1};
        try (LsmIterator it = engine.iterator(null, from, to)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                ByteBuffer v = ByteBuffer.wrap(it.value());
                byte[] start = new byte[v.getInt()];
                v.get(start);
                byte[] end = new byte[v.remaining()];
                v.get(end);
                if (java.util.Arrays.compareUnsigned(key, start) >= 0 && java.util.Arrays.compareUnsigned(key, end) < 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Adds to {@code batch} the deletion of every last-writer and range record below {@code index}. */
    private void pruneOlderThan(long index, WriteBatch batch) {
        if (index <= 0) {
            return;
        }
        byte[] from = {(byte) 0xFF, 'R', WRITER};
        byte[] to = {(byte) 0xFF, 'R', WRITER + 1};
        try (LsmIterator it = engine.iterator(null, from, to)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                if (ByteBuffer.wrap(it.value()).getLong() < index) {
                    batch.delete(it.key());
                }
            }
        }
        batch.deleteRange(rangeKey(0), rangeKey(index));
    }

    private static WriteBatch withVersions(TxnEntry entry, long index) {
        WriteBatch b = entry.toBatch();
        byte[] at = ByteBuffer.allocate(8).putLong(index).array();
        for (TxnEntry.Record r : entry.records()) {
            if (r.kind() == TxnEntry.Record.RANGE_DELETE) {
                b.put(rangeKey(index), ByteBuffer.allocate(4 + r.key().length + r.value().length)
                        .putInt(r.key().length).put(r.key()).put(r.value()).array());
            } else {
                b.put(writerKey(r.key()), at);
            }
        }
        return b;
    }

    private static boolean touchesCatalog(TxnEntry entry) {
        for (TxnEntry.Record r : entry.records()) {
            if (r.key().length > 0 && r.key()[0] == 0) {
                return true;
            }
        }
        return false;
    }

    private void recordSequence() {
        try (Snapshot s = engine.snapshot()) {
            indexBySequence.put(s.sequence(), appliedIndex);
        }
        if (++mapped > SEQUENCE_MAP_LIMIT) {
            indexBySequence.pollFirstEntry();
            mapped--;
        }
    }

    private static byte[] writerKey(byte[] key) {
        byte[] k = new byte[3 + key.length];
        k[0] = (byte) 0xFF;
        k[1] = 'R';
        k[2] = WRITER;
        System.arraycopy(key, 0, k, 3, key.length);
        return k;
    }

    private static byte[] rangeKey(long index) {
        return ByteBuffer.allocate(11).put((byte) 0xFF).put((byte) 'R').put(RANGE).putLong(index).array();
    }

    private static String describe(byte[] key) {
        boolean printable = true;
        for (byte b : key) {
            printable &= b >= 0x20 && b < 0x7F;
        }
        return printable ? new String(key, StandardCharsets.US_ASCII) : "0x" + HexFormat.of().formatHex(key);
    }
}
