package lsmdb.core.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import lsmdb.core.LsmIterator;
import lsmdb.core.cache.TableCache;
import lsmdb.core.format.InternalIterator;
import lsmdb.core.format.InternalKey;
import lsmdb.core.iterator.LevelIterator;
import lsmdb.core.iterator.MergingIterator;
import lsmdb.core.memtable.MemTable;
import lsmdb.core.sstable.PointProbes;
import lsmdb.core.sstable.RangeGather;
import lsmdb.core.sstable.Table;
import lsmdb.core.util.ScratchPool;
import lsmdb.core.version.FileMetaData;
import lsmdb.core.version.Version;
import lsmdb.core.version.VersionSet;

/**
 * Reads: the memtable, the immutable memtable, then the tables level by level (level 0 newest first, one table per
 * deeper level). Takes no lock: the memtables are read through their volatile state, the tables through a pinned
 * version, so background work never blocks a reader.
 */
public final class ReadPath {

    private final MemTables memTables;
    private final VersionSet versions;
    private final TableCache tableCache;

    public ReadPath(MemTables memTables, VersionSet versions, TableCache tableCache) {
        this.memTables = memTables;
        this.versions = versions;
        this.tableCache = tableCache;
    }

    /** The value of {@code key} as of {@code sequence}, or null. */
    public byte[] get(byte[] key, long sequence) throws IOException {
        MemTables.State ms = memTables.state();
        MemTable.Lookup l = ms.mem().get(key, sequence);
        if (l == null) {
            l = ms.immForReads().get(key, sequence);
        }
        if (l != null) {
            // A memtable hit reads no table file, so the version need not be pinned: its tombstone list is immutable.
            return visible(l.kind(), l.value(), key, l.sequence(), sequence, versions.current());
        }
        Version v = pinCurrent();
        try {
            return v.valueAt(key, sequence, tableCache); // a call, not inlined: see Version#valueAt
        } finally {
            v.unpin();
        }
    }

    /**
     * The values of {@code keys[0, n)} as of {@code sequence} into {@code values[0, n)} (null where absent): what
     * {@link #get} answers for each, with one version pin for all and the table searches of all keys done stage by
     * stage ({@link Version#getAll}), so their cache misses overlap.
     */
    public void getAll(byte[][] keys, int n, long sequence, byte[][] values) throws IOException {
        getAll(keys, n, sequence, values, null, null);
    }

    /**
     * {@link #getAll(byte[][], int, long, byte[][])} with each value in {@code values[i][0, lengths[i])}: a value read
     * from a table is copied into the caller's {@code buffers[i]} when it has room, else into a new array left in
     * {@code buffers[i]} for the next call, so a caller that decodes the values before its next multi-get allocates
     * none; a memtable's value is handed out as it is. With {@code buffers} null, every value is an array of its
     * own length and {@code lengths} may be null.
     */
    public void getAll(byte[][] keys, int n, long sequence, byte[][] values, int[] lengths, byte[][] buffers)
            throws IOException {
        // The memtables' part and the answers' resolution, two loops over the keys in this one method: the tables'
        // stages are Version.getAll, a method too large for C2 to inline. Its tier-4 compile is gated by counts that
        // the C2 queue's length scales (x14 at index_point's start, ~40 tasks queued): invocations >= 600k, or
        // invocations + back-edges >= 15000k. With one loop (~11 events per call) it needed ~19k calls and ran in C1
        // through index_point; with both loops here (~21 per call) it needs about half. At ~330 bytecodes it is also
        // above FreqInlineSize, so it compiles as a root of its own rather than inside the SQL layer's callers.
        MemTables.State ms = memTables.state();
        Scratch s = SCRATCH.take().reset(n);
        try {
            int rest = 0;
            for (int i = 0; i < n; i++) {
                byte[] key = keys[i];
                MemTable.Lookup l = ms.mem().get(key, sequence);
                if (l == null) {
                    l = ms.immForReads().get(key, sequence);
                }
                if (l != null) {
                    byte[] value = visible(l.kind(), l.value(), key, l.sequence(), sequence, versions.current());
                    values[i] = value;
                    if (lengths != null && value != null) {
                        lengths[i] = value.length;
                    }
                } else {
                    s.seekKey(rest, key, sequence);
                    if (buffers != null) {
                        s.buffers[rest] = buffers[i];
                    }
                    s.index[rest++] = i;
                }
            }
            if (rest > 0) {
                Version v = pinCurrent();
                try {
                    // s.buffers' slots are empty for a caller without buffers: each value then gets its own array
                    v.getAll(s.seekKeys, rest, tableCache, s.values, s.lengths, s.trailers, s.buffers);
                    for (int r = 0; r < rest; r++) {
                        long trailer = s.trailers[r];
                        int i = s.index[r];
                        values[i] = trailer == PointProbes.ABSENT ? null
                                : visible((byte) trailer, s.values[r], keys[i], trailer >>> 8, sequence, v);
                        if (lengths != null) {
                            lengths[i] = s.lengths[r];
                        }
                        if (buffers != null) {
                            buffers[i] = s.buffers[r]; // grown when the value did not fit
                        }
                    }
                } finally {
                    v.unpin();
                    s.clear(rest);
                }
            }
        } finally {
            SCRATCH.give(s);
        }
    }

    /** A thread's arrays for {@link #getAll}; between calls they hold only seek-key buffers of their own. */
    private static final class Scratch {
        // made for Version.PREPARED_KEYS keys, so that a compiled getAll grows none of them (see Version's MultiGet)
        byte[][] seekKeys = new byte[Version.PREPARED_KEYS][];
        int[] index = new int[Version.PREPARED_KEYS];
        /** The tables' answers: each key's value and entry trailer (see {@link Version#getAll}). */
        byte[][] values = new byte[Version.PREPARED_KEYS][];
        int[] lengths = new int[Version.PREPARED_KEYS];
        long[] trailers = new long[Version.PREPARED_KEYS];
        /** The caller's value buffers, by table read (see {@link #getAll}); dropped after each call. */
        byte[][] buffers = new byte[Version.PREPARED_KEYS][];

        Scratch reset(int n) {
            if (seekKeys.length < n) {
                seekKeys = new byte[n][];
                index = new int[n];
                values = new byte[n][];
                lengths = new int[n];
                trailers = new long[n];
                buffers = new byte[n][];
            }
            return this;
        }

        /**
         * Makes {@code seekKeys[r]} the key a read of {@code key} at {@code sequence} seeks, in the array left there
         * by an earlier call when it has the length (keys of one table usually do): no garbage per key. Safe as
         * nothing keeps a seek key past the call.
         */
        void seekKey(int r, byte[] key, long sequence) {
            byte[] k = seekKeys[r];
            if (k == null || k.length != key.length + InternalKey.TRAILER_SIZE) {
                k = new byte[key.length + InternalKey.TRAILER_SIZE];
                seekKeys[r] = k;
            }
            System.arraycopy(key, 0, k, 0, key.length);
            InternalKey.writeTrailer(k, key.length, sequence, InternalKey.KIND_FOR_SEEK);
        }

        /** Drops the values and buffers, so the scratch keeps no caller's data alive (the seek keys are its own). */
        void clear(int rest) {
            for (int r = 0; r < rest; r++) {
                values[r] = null;
                buffers[r] = null;
            }
        }
    }

    /** Not a ThreadLocal: see {@link ScratchPool}. */
    private static final ScratchPool<Scratch> SCRATCH = new ScratchPool<>(Scratch::new);

    /** The value of the newest version found, or null if it is a deletion or a range delete hides it. */
    private static byte[] visible(byte kind, byte[] value, byte[] key, long entrySeq, long readSeq, Version v) {
        if (kind != InternalKey.KIND_PUT || (!v.tombstones().isEmpty() && v.covers(key, entrySeq, readSeq))) {
            return null;
        }
        return value;
    }

    /** Whether {@code key}'s newest version (or tombstone) has a sequence above {@code sequence}. */
    public boolean changedAfter(byte[] key, long sequence) throws IOException {
        MemTables.State ms = memTables.state();
        MemTable.Lookup l = ms.mem().get(key, InternalKey.MAX_SEQUENCE);
        if (l == null) {
            l = ms.immForReads().get(key, InternalKey.MAX_SEQUENCE);
        }
        if (l != null) {
            return l.sequence() > sequence;
        }
        if (ms.floor() > 0 && sequence + 1 >= ms.floor()) {
            return false; // every write after the snapshot is in a memtable, and none touched the key
        }
        Version v = pinCurrent();
        try {
            Table.Entry e = v.get(InternalKey.forSeek(key, InternalKey.MAX_SEQUENCE), tableCache);
            return e != null && InternalKey.sequence(e.key()) > sequence;
        } finally {
            v.unpin();
        }
    }

    /** A cursor over the user keys in {@code [from, to)} as of {@code sequence}; it pins the version it reads. */
    public LsmIterator iterator(long sequence, byte[] from, byte[] to) {
        MemTables.State ms = memTables.state();
        Version v = pinCurrent();
        List<FileMetaData> l0 = v.files(0);
        InternalIterator[] children = new InternalIterator[2 + l0.size() + Version.NUM_LEVELS - 1];
        int n = 0;
        try {
            // Each slot is counted once its child is open: on a failure, the first n are what there is to close.
            children[n] = ms.mem().iterator();
            n++;
            children[n] = ms.immForReads().iterator(); // an empty one while no flush is under way: no branch
            n++;
            // Files whose keys all fall outside [from, to) can show the cursor nothing (every version of a key in
            // range lies in a file whose range holds the key): they are neither opened nor sought.
            for (FileMetaData f : l0) {
                if (meets(f, from, to)) {
                    children[n] = tableCache.iterator(f.number(), f.size());
                    n++;
                }
            }
            byte[] fromKey = from == null ? null : InternalKey.forSeek(from, InternalKey.MAX_SEQUENCE);
            for (int level = 1; level < Version.NUM_LEVELS; level++) {
                List<FileMetaData> files = v.files(level);
                int first = fromKey == null ? 0 : Version.findFile(files, fromKey); // the first with largest >= from
                int meeting = 0; // files from first on that meet the range, counted up to 2
                while (meeting < 2 && first + meeting < files.size()
                        && (to == null || InternalKey.compareUserKey(files.get(first + meeting).smallest(), to) < 0)) {
                    meeting++;
                }
                if (meeting == 1) {
                    FileMetaData f = files.get(first);
                    children[n] = tableCache.iterator(f.number(), f.size()); // no level iterator in between
                    n++;
                } else if (meeting > 1) {
                    // every seek of the cursor targets a key at or after from: the files before first hold none
                    children[n] = new LevelIterator(v.largestKeys(level), first, i -> openTableIterator(files.get(i)));
                    n++;
                }
            }
        } catch (IOException | RuntimeException e) {
            for (int i = 0; i < n; i++) {
                children[i].close();
            }
            v.unpin();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        return new DbIterator(new MergingIterator(children, n), sequence, from, to, v, v::unpin);
    }

    /**
     * The user keys in {@code [from, to)} as of {@code sequence}, with their values, into {@code gather} (see
     * {@link RangeGather#resolve}): what {@link #iterator} shows for the range, read without a cursor. Meant for
     * short ranges (a secondary index's entries for one value): every source is sought and read into the gather,
     * then the few entries are sorted. False, with the gather's content undefined, when the sources hold more than
     * {@code limit} entries in the range or a table cannot be read this way: the caller then uses {@link #iterator}.
     */
    public boolean gather(long sequence, byte[] from, byte[] to, int limit, RangeGather gather) throws IOException {
        // The whole gather in one method, its loops inside: too large for C2 to inline, it compiles once on its own
        // rather than inside every index read that calls it (IndexScan's lookup and cursor), which then compile
        // small and early enough to run compiled in a short benchmark phase.
        gather.reset(limit);
        MemTables.State ms = memTables.state();
        byte[] seekKey = gather.seekKey(from);
        for (int source = 0; source < 2; source++) { // the memtable, then the immutable one
            MemTable m = source == 0 ? ms.mem() : ms.immForReads();
            // One exit, whether the walk meets the bound or the memtable's end (an empty one included): a branch on
            // either alone flipped between benchmark phases and deoptimized this method (see MemTable#below).
            for (int at = m.seek(seekKey); m.below(at, to); at = m.next(at)) {
                byte[] k = m.key(at);
                if (!gather.add(k, k.length, m.value(at))) {
                    return false;
                }
            }
        }
        Version v = pinCurrent();
        try {
            for (int level = 0; level < Version.NUM_LEVELS; level++) {
                List<FileMetaData> files = v.files(level);
                // level 0's files overlap, so each is tested; a deeper level's are ordered, so from the one that
                // may hold the seek key on, up to the first that starts at or past the range's end
                for (int i = level == 0 ? 0 : Version.findFile(files, seekKey); i < files.size(); i++) {
                    FileMetaData f = files.get(i);
                    if (level > 0 && InternalKey.compareUserKey(f.smallest(), to) >= 0) {
                        break; // ordered: no later file of the level meets the range
                    }
                    if (level == 0 && !meets(f, from, to)) {
                        continue;
                    }
                    Table t = tableCache.pin(f.number(), f.size());
                    boolean all;
                    try {
                        all = t.gather(seekKey, to, gather);
                    } finally {
                        t.unpin();
                    }
                    if (!all) {
                        return false;
                    }
                }
            }
            gather.resolve(sequence, v.tombstones().isEmpty() ? NOTHING_HIDDEN
                    : (g, e, seq) -> v.covers(g.entryUserKey(e), seq, sequence));
        } finally {
            v.unpin();
        }
        return true;
    }

    private static final RangeGather.Hidden NOTHING_HIDDEN = (g, e, seq) -> false;

    /** Whether table {@code f} may hold a user key in {@code [from, to)} (null bounds are open). */
    private static boolean meets(FileMetaData f, byte[] from, byte[] to) {
        return (from == null || InternalKey.compareUserKey(f.largest(), from) >= 0)
                && (to == null || InternalKey.compareUserKey(f.smallest(), to) < 0);
    }


    /** The current version, pinned on this thread's stripe (see {@link Version#tryPin()}); unpin it when done. */
    private Version pinCurrent() {
        for (;;) {
            Version v = versions.current();
            if (v.tryPin()) {
                return v;
            }
        }
    }

    private InternalIterator openTableIterator(FileMetaData f) {
        try {
            return tableCache.iterator(f.number(), f.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
