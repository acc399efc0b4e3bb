package lsmdb.core.version;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import lsmdb.core.cache.TableCache;
import lsmdb.core.format.InternalKey;
import lsmdb.core.sstable.PointProbes;
import lsmdb.core.sstable.Table;
import lsmdb.core.util.KeyFence;
import lsmdb.core.util.PinnedRefCount;
import lsmdb.core.util.ScratchPool;

/**
 * An immutable set of live table files per level plus the live range tombstones. Level 0 holds flushed tables,
 * which may overlap, newest (highest file number) first; deeper levels hold disjoint tables sorted by key.
 *
 * <p>Readers pin a version with {@link #tryPin()} (or {@link #tryRef()}) so the files it names outlive their reads;
 * files are deleted only when no referenced version names them.
 */
public final class Version implements RangeTombstones {

    public static final int NUM_LEVELS = 7;

    private final List<List<FileMetaData>> levels;
    private final List<RangeTombstone> tombstones;
    /** The version set's own reference, {@link #tryRef()}s and readers' pins; files may go when all are gone. */
    private final PinnedRefCount life;
    /** Per level, the files' largest internal keys in level order: what level iterators binary-search. */
    private final byte[][][] largestKeys;
    /** Per level from 1, a fence over the user keys of {@link #largestKeys}, for point gets; null at level 0. */
    private final KeyFence[] largestFences;
    /** The levels below level 0 that hold files, in order: a multi-get looks in these only. */
    private final int[] deepLevels;
    /** Each level's files as an array, for the multi-get's inner loop. */
    private final FileMetaData[][] fileArrays;

    Version(List<List<FileMetaData>> levels, List<RangeTombstone> tombstones, Runnable onLastUnref) {
        this.levels = levels.stream().<List<FileMetaData>>map(LevelFiles::of).toList();
        this.tombstones = tombstones;
        this.life = new PinnedRefCount(onLastUnref);
        this.largestKeys = new byte[levels.size()][][];
        for (int level = 0; level < levels.size(); level++) {
            List<FileMetaData> files = levels.get(level);
            byte[][] keys = new byte[files.size()][];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = files.get(i).largest();
            }
            largestKeys[level] = keys;
        }
        this.largestFences = new KeyFence[levels.size()];
        for (int level = 1; level < levels.size(); level++) {
            byte[][] keys = largestKeys[level];
            int[] userLengths = new int[keys.length];
            boolean wellFormed = true;
            for (int i = 0; i < keys.length; i++) {
                userLengths[i] = keys[i].length - InternalKey.TRAILER_SIZE;
                wellFormed &= userLengths[i] >= 0;
            }
            largestFences[level] = wellFormed ? KeyFence.of(keys, userLengths, keys.length) : null;
        }
        this.fileArrays = levels.stream().map(files -> files.toArray(new FileMetaData[0]))
                .toArray(FileMetaData[][]::new);
        this.deepLevels = IntStream.range(1, levels.size()).filter(level -> !levels.get(level).isEmpty()).toArray();
    }

    /** The largest internal keys of the files of {@code level}, in level order. Callers must not modify it. */
    public byte[][] largestKeys(int level) {
        return largestKeys[level];
    }

    /** The levels below level 0 that hold files, in order. Callers must not modify it. */
    public int[] deepLevels() {
        return deepLevels;
    }

    public List<FileMetaData> files(int level) {
        return levels.get(level);
    }

    public int numFiles(int level) {
        return levels.get(level).size();
    }

    public long levelBytes(int level) {
        long n = 0;
        for (FileMetaData f : levels.get(level)) {
            n += f.size();
        }
        return n;
    }

    public List<RangeTombstone> tombstones() {
        return tombstones;
    }

    /** Takes a reference unless the version is already dead; the caller must {@link #unref()} it. */
    public boolean tryRef() {
        return life.retain();
    }

    public void unref() {
        life.release();
    }

    /** A reader's reference, on its own stripe (see {@link PinnedRefCount}); the caller must {@link #unpin()} it. */
    public boolean tryPin() {
        return life.tryPin();
    }

    public void unpin() {
        life.unpin();
    }

    @Override
    public boolean isEmpty() {
        return tombstones.isEmpty();
    }

    @Override
    public boolean covers(byte[] userKey, long entrySequence, long readSequence) {
        List<RangeTombstone> ts = tombstones;
        for (int i = 0, n = ts.size(); i < n; i++) {
            RangeTombstone t = ts.get(i);
            if (t.sequence() > entrySequence && t.sequence() <= readSequence && t.contains(userKey)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The value of {@code userKey} as of {@code sequence} in this version's tables, or null: the newest entry at or
     * below the sequence ({@link #get}), unless it is a deletion or one of this version's range tombstones hides it.
     */
    public byte[] valueAt(byte[] userKey, long sequence, TableCache tables) throws IOException {
        // The level walk is written out here, not a call of get: at more than C2's FreqInlineSize (325 bytecodes)
        // this method is never inlined into its callers (ReadPath.get and through it the SQL layer's one-row
        // lookups, e.g. a join's probe), so the table search compiles once as a unit of its own instead of inside
        // each of them (join_customer's probe, Joins$Index$1.nextProbe, compiled to 80 KB of code in 2.6 s of C2 with
        // it inlined; 49 KB in 1.2 s without). The seek key is a thread's scratch, not a new array per get.
        SeekKey scratch = SEEK_KEYS.take();
        Table.Entry e = null;
        try {
            byte[] seekKey = scratch.of(userKey, sequence); // no key to allocate: nothing keeps it past the search
            int hash = Table.filterHash(seekKey, 0, userKey.length); // once for every level
            FileMetaData[] l0 = fileArrays[0];
            for (int i = 0; i < l0.length && e == null; i++) {
                FileMetaData f = l0[i];
                if (userKeyInRange(seekKey, f)) {
                    e = tables.get(f.number(), f.size(), seekKey, hash);
                }
            }
            int[] deep = deepLevels;
            for (int d = 0; d < deep.length && e == null; d++) {
                int level = deep[d];
                FileMetaData[] files = fileArrays[level];
                KeyFence fence = largestFences[level];
                // by user key alone, as in fileInLevel
                int i = fence == null ? KeyFence.UNDECIDED : fence.findUserKey(seekKey, userKey.length);
                if (i == KeyFence.UNDECIDED) {
                    i = findFile(largestKeys[level], seekKey);
                }
                if (i < files.length && InternalKey.compareUserKeys(seekKey, files[i].smallest()) >= 0) {
                    FileMetaData f = files[i];
                    e = tables.get(f.number(), f.size(), seekKey, hash);
                }
            }
        } finally {
            SEEK_KEYS.give(scratch);
        }
        if (e == null) {
            return null;
        }
        byte[] key = e.key();
        long trailer = InternalKey.trailer(key, 0, key.length);
        if ((byte) trailer != InternalKey.KIND_PUT
                || (!tombstones.isEmpty() && covers(userKey, trailer >>> 8, sequence))) {
            return null;
        }
        return e.value();
    }

    /**
     * The newest entry for the user key of {@code seekKey} with a sequence at or below the seek key's, searching
     * level 0 newest first, then one table per deeper level. Null if no table holds the key.
     */
    public Table.Entry get(byte[] seekKey, TableCache tables) throws IOException {
        int hash = Table.filterHash(seekKey, 0, seekKey.length - InternalKey.TRAILER_SIZE); // once for every level
        for (FileMetaData f : fileArrays[0]) {
            if (userKeyInRange(seekKey, f)) {
                Table.Entry e = tables.get(f.number(), f.size(), seekKey, hash);
                if (e != null) {
                    return e;
                }
            }
        }
        for (int level : deepLevels) {
            FileMetaData f = fileInLevel(level, seekKey);
            if (f != null) {
                Table.Entry e = tables.get(f.number(), f.size(), seekKey, hash);
                if (e != null) {
                    return e;
                }
            }
        }
        return null;
    }

    /**
     * {@link #get} for {@code n} keys at once: {@code values[i]}, {@code lengths[i]} and {@code trailers[i]} receive
     * the value (in {@code values[i][0, lengths[i])}) and trailer of the entry {@code get(seekKeys[i], tables)} would
     * answer, or null and {@link PointProbes#ABSENT}. A value read from a block goes into {@code buffers[i]} when it
     * has room, else into a new array of its own length left in {@code buffers[i]} (never null; an empty slot
     * gets a new array, see {@link PointProbes#answer}). A key's
     * {@link Table#filterHash} is computed only when a filter is probed for it. The keys are searched
     * stage by stage (every key's candidate files, then every filter probe, then every first table's block, see
     * {@link PointProbes}), so the cache misses of different keys overlap instead of queuing one behind the other.
     * Meant for keys that exist: the deepest level's filters are not probed.
     */
    public void getAll(byte[][] seekKeys, int n, TableCache tables, byte[][] values, int[] lengths, long[] trailers,
                       byte[][] buffers) throws IOException {
        // The stages' loops are written out in this one method on purpose: at more than C2's FreqInlineSize (325
        // bytecodes) it is never inlined into ReadPath.getAll or the SQL layer's callers, so the JIT compiles it once
        // as a unit of its own; as a short driver over one-loop stage methods it was inlined whole into each caller
        // (a 54 KB unit of ReadPath.getAll and a 73-87 KB one of the SQL projection, 0.9 and 1.3-3 s of C2; now 45,
        // 11 and 10 KB). Four loops over the keys still bring it to C2 as a method, not compiled on stack: more
        // loops here (PointProbes' stages) would reach the back-edge threshold first.
        MultiGet m = MULTI_GET.take();
        m.reset(n, fileArrays[0].length + deepLevels.length);
        FileMetaData[] cand = m.candidates;
        int width = m.width;
        try {
            // 1: each key's candidate files, in search order, and its filter hash if a filter will be probed
            for (int i = 0; i < n; i++) {
                byte[] seekKey = seekKeys[i];
                int c = candidatesOf(seekKey, i, m);
                m.counts[i] = c;
                m.hashes[i] = c > (m.lastIsBottom[i] ? 1 : 0) ? filterHash(seekKey) : 0; // only a probed filter
            }
            // 2: the filters of every candidate of every key, dropping those that rule the key out; not the bottom
            // level's: a multi-get's keys are expected to exist (rows an index names), and most live at the bottom,
            // where the filter would only say yes (RocksDB's optimize_filters_for_hits); an absent key costs a
            // search of one block there instead of a probe
            for (int i = 0; i < n; i++) {
                int c = m.counts[i];
                int probed = m.lastIsBottom[i] ? c - 1 : c;
                if (probed > 0) {
                    m.counts[i] = keepPassing(cand, i * width, probed, c, m.hashes[i], tables);
                }
            }
            // 3: every key's first table past its filter, pinned, and added to the probes
            for (int i = 0; i < n; i++) {
                if (m.counts[i] > 0) {
                    FileMetaData f = cand[i * width];
                    Table t = tables.pin(f.number(), f.size());
                    m.pinned[i] = t;
                    m.probe[i] = m.probes.add(t, seekKeys[i]);
                }
            }
            m.probes.prefetch();
            // 4: the searches, each as get would do it: the first table through its probe, then the rest
            for (int i = 0; i < n; i++) {
                int c = m.counts[i];
                if (c > 0) {
                    m.probes.answer(m.probe[i], values, lengths, trailers, buffers, i);
                } else {
                    values[i] = null;
                    trailers[i] = PointProbes.ABSENT;
                }
                if (c > 1 && trailers[i] == PointProbes.ABSENT) {
                    PointProbes.put(searchRest(seekKeys[i], cand, i * width, c, m.hashes[i], tables),
                            values, lengths, trailers, i);
                }
            }
        } finally {
            m.release(n);
            MULTI_GET.give(m);
        }
    }

    /**
     * The files that may hold {@code seekKey}'s user key, level 0 newest first then one per deeper level, as key
     * {@code i}'s candidates; their count. Sets the key's {@link MultiGet#lastIsBottom}.
     */
    private int candidatesOf(byte[] seekKey, int i, MultiGet m) {
        FileMetaData[] cand = m.candidates;
        int base = i * m.width;
        int c = 0;
        for (FileMetaData f : fileArrays[0]) {
            if (userKeyInRange(seekKey, f)) {
                cand[base + c++] = f;
            }
        }
        int[] deep = deepLevels;
        int bottom = deep.length == 0 ? 0 : deep[deep.length - 1];
        boolean lastIsBottom = false;
        for (int level : deep) {
            FileMetaData f = fileInLevel(level, seekKey);
            if (f != null) {
                cand[base + c++] = f;
                lastIsBottom = level == bottom;
            }
        }
        m.lastIsBottom[i] = lastIsBottom;
        return c;
    }

    /**
     * The one file of sorted level {@code level} whose range holds {@code seekKey}'s user key, or null. Found by user
     * key alone: a sorted level's files hold disjoint user keys (compactions cut their outputs, and flushes their runs,
     * between user keys), so a key equal to a file's largest is that file's whatever the sequences.
     */
    private FileMetaData fileInLevel(int level, byte[] seekKey) {
        FileMetaData[] files = fileArrays[level];
        KeyFence fence = largestFences[level];
        int userLength = seekKey.length - InternalKey.TRAILER_SIZE;
        int f = fence == null ? KeyFence.UNDECIDED : fence.findUserKey(seekKey, userLength);
        if (f == KeyFence.UNDECIDED) {
            f = findFile(largestKeys[level], seekKey);
        }
        return f < files.length && InternalKey.compareUserKeys(seekKey, files[f].smallest()) >= 0 ? files[f] : null;
    }

    /**
     * Keeps, in order, those of the first {@code probed} of the {@code c} candidates from {@code base} whose filter
     * passes, and the rest; their count.
     */
    private static int keepPassing(FileMetaData[] cand, int base, int probed, int c, int hash, TableCache tables) {
        int kept = 0;
        for (int j = 0; j < c; j++) {
            FileMetaData f = cand[base + j];
            if (j >= probed || tables.mayContain(f.number(), hash)) {
                cand[base + kept++] = f;
            }
        }
        return kept;
    }

    /** A key's candidates after its first, from {@code base + 1}, searched in order until one holds it. */
    private static Table.Entry searchRest(byte[] seekKey, FileMetaData[] cand, int base, int c, int hash,
                                          TableCache tables) throws IOException {
        for (int j = 1; j < c; j++) {
            FileMetaData f = cand[base + j];
            Table.Entry e = tables.get(f.number(), f.size(), seekKey, hash);
            if (e != null) {
                return e;
            }
        }
        return null;
    }

    private static int filterHash(byte[] seekKey) {
        return Table.filterHash(seekKey, 0, seekKey.length - InternalKey.TRAILER_SIZE);
    }

    /**
     * A thread's scratch for {@link #getAll}, reused; holds no reference between calls. Made at the size of the
     * multi-gets it serves (the SQL layer's batches hold up to 64 keys), so that its arrays are never grown in a
     * compiled multi-get: growing them only in the first calls, which the interpreter runs unprofiled, left the branch
     * that grows them never taken in the profile, and a later larger batch (or a new thread's first) trapped there
     * and had the whole multi-get recompiled, in the middle of a benchmark phase.
     */
    private static final class MultiGet {
        FileMetaData[] candidates = new FileMetaData[PREPARED_KEYS * 8];
        int[] counts = new int[PREPARED_KEYS];
        int[] hashes = new int[PREPARED_KEYS];
        Table[] pinned = new Table[PREPARED_KEYS];
        int[] probe = new int[PREPARED_KEYS];
        boolean[] lastIsBottom = new boolean[PREPARED_KEYS];
        final PointProbes probes = new PointProbes(PREPARED_KEYS);
        /** Candidate slots per key: the candidates of key i are at {@code candidates[i * width, ...)}. */
        int width;

        void reset(int n, int width) {
            this.width = width;
            if (candidates.length < n * width) {
                candidates = new FileMetaData[n * width];
            }
            if (counts.length < n) {
                counts = new int[n];
                hashes = new int[n];
                pinned = new Table[n];
                probe = new int[n];
                lastIsBottom = new boolean[n];
            }
        }

        /** Unpins what {@link #getAll} pinned and drops every reference the last multi-get left. */
        void release(int n) {
            for (int i = 0; i < n; i++) {
                if (pinned[i] != null) {
                    pinned[i].unpin();
                    pinned[i] = null;
                }
            }
            probes.clear();
            FileMetaData[] cand = candidates;
            for (int i = 0, end = n * width; i < end; i++) {
                cand[i] = null;
            }
        }
    }

    /** The keys a multi-get's scratch is made for (more grow it): an SQL index batch's most. */
    public static final int PREPARED_KEYS = 64;

    /** Not a ThreadLocal: see {@link ScratchPool} (a new thread's first read of one trapped in the compiled getAll). */
    private static final ScratchPool<MultiGet> MULTI_GET = new ScratchPool<>(MultiGet::new);

    /** A thread's seek key for {@link #valueAt}, reused while the keys' length repeats (a table's usually do). */
    private static final class SeekKey {
        private byte[] bytes = new byte[0];

        byte[] of(byte[] userKey, long sequence) {
            bytes = InternalKey.forSeekInto(userKey, sequence, bytes);
            return bytes;
        }
    }

    /** Not a ThreadLocal: see {@link ScratchPool}. */
    private static final ScratchPool<SeekKey> SEEK_KEYS = new ScratchPool<>(SeekKey::new);

    private static boolean userKeyInRange(byte[] ikey, FileMetaData f) {
        return InternalKey.compareUserKeys(ikey, f.smallest()) >= 0 && InternalKey.compareUserKeys(ikey, f.largest()) <= 0;
    }

    /** As {@link #findFile(List, byte[])} over a level's {@link #largestKeys(int)}: one indirection less per step. */
    private static int findFile(byte[][] largest, byte[] internalKey) {
        int lo = 0;
        int hi = largest.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (InternalKey.compare(largest[mid], internalKey) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Index of the first file of a sorted level whose largest key is {@code >= key}; size() if none. */
    public static int findFile(List<FileMetaData> files, byte[] internalKey) {
        int lo = 0;
        int hi = files.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (InternalKey.compare(files.get(mid).largest(), internalKey) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Files of {@code level} whose user-key range meets {@code [smallestUser, largestUser]} (null = unbounded).
     * At level 0, where files overlap one another, the range grows to cover every file it touches.
     */
    public List<FileMetaData> overlapping(int level, byte[] smallestUser, byte[] largestUser) {
        List<FileMetaData> out = new ArrayList<>();
        List<FileMetaData> files = levels.get(level);
        byte[] lo = smallestUser;
        byte[] hi = largestUser;
        for (int i = 0; i < files.size(); i++) {
            FileMetaData f = files.get(i);
            byte[] fs = InternalKey.userKey(f.smallest());
            byte[] fl = InternalKey.userKey(f.largest());
            if ((lo != null && Arrays.compareUnsigned(fl, lo) < 0) || (hi != null && Arrays.compareUnsigned(fs, hi) > 0)) {
                continue;
            }
            if (level == 0) {
                boolean grew = false;
                if (lo != null && Arrays.compareUnsigned(fs, lo) < 0) {
                    lo = fs;
                    grew = true;
                }
                if (hi != null && Arrays.compareUnsigned(fl, hi) > 0) {
                    hi = fl;
                    grew = true;
                }
                if (grew) {
                    out.clear();
                    i = -1;
                    continue;
                }
            }
            out.add(f);
        }
        return out;
    }

    /** Whether any file of a level deeper than {@code level} may hold {@code userKey} (levels >= 1 are sorted). */
    public boolean mayExistBelow(int level, byte[] userKey) {
        byte[] probe = InternalKey.forSeek(userKey, InternalKey.MAX_SEQUENCE);
        for (int l = Math.max(level + 1, 1); l < NUM_LEVELS; l++) {
            List<FileMetaData> files = levels.get(l);
            int i = findFile(files, probe);
            if (i < files.size() && InternalKey.compareUserKeys(probe, files.get(i).smallest()) >= 0) {
                return true;
            }
        }
        return false;
    }

    static List<List<FileMetaData>> emptyLevels() {
        List<List<FileMetaData>> l = new ArrayList<>();
        for (int i = 0; i < NUM_LEVELS; i++) {
            l.add(Collections.emptyList());
        }
        return l;
    }
}
