package lsmdb.core.db;

import java.util.List;
import lsmdb.core.cache.TableCache;
import lsmdb.core.format.InternalKey;
import lsmdb.core.sstable.Table;
import lsmdb.core.version.FileMetaData;
import lsmdb.core.version.Version;
import lsmdb.core.version.VersionSet;

/**
 * Answers "no version of this key exists anywhere" from filters alone: the memtables' key filters, the bloom filter
 * of every level-0 table, and that of each deeper level's one table that could hold the key. An INSERT's duplicate-key
 * test asks this of a key that is almost always new, and most often every filter rules it out: then no seek key, pin,
 * block or entry is made. When any filter admits the key the answer is "maybe", and the caller reads the key as usual.
 *
 * <p>No version is pinned: a version's file lists are immutable, and a table's filter stays readable on the heap
 * after the table closes. A table that is not open has no filter at hand and answers "maybe".
 */
public final class AbsenceCheck {

    private final MemTables memTables;
    private final VersionSet versions;
    private final TableCache tableCache;

    public AbsenceCheck(MemTables memTables, VersionSet versions, TableCache tableCache) {
        this.memTables = memTables;
        this.versions = versions;
        this.tableCache = tableCache;
    }

    /**
     * False only if no memtable or table holds any version (value or deletion) of {@code key}: it then has no value
     * at any sequence. Covers every write committed before the call (and possibly some committed during it).
     */
    public boolean mayExist(byte[] key) {
        // Once kept above C2's FreqInlineSize (325 bytecodes) so that a trap in here recompiled this method alone,
        // not the SQL layer's insert (Dml.insertRow) around it. With no branch on an answer left to trap, it is now
        // under that size (289) and C2 may inline it into the insert: not yet measured either way.
        //
        // No branch on any filter's answer: the answers are or-ed together and the method runs to its end. A branch
        // on them is taken only by a false positive (about 1 in 100 per filter), which a warm-up may never meet: C2
        // then compiles its taken side as a trap, and the phase's first false positive of an L0 filter threw this
        // unit away (jdk.Deoptimization unstable_if at the L0 filter test in most insert_autocommit runs). For the
        // same reason a file's key range is not tested: the filter alone answers, and a key outside the file's range
        // that its filter admits costs the caller one read that finds nothing (as rare as any false positive).
        //
        // Read before the memtables: this volatile read makes the filter bits of every write up to it visible.
        memTables.lastSequence();
        MemTables.State ms = memTables.state();
        boolean maybe = ms.mem().mayContain(key) | ms.immForReads().mayContain(key); // no branch on a flush
        // Read after the memtables, as ReadPath reads: a flush installs its table before it drops the memtable.
        Version v = versions.current();
        int hash = Table.filterHash(key, 0, key.length);
        List<FileMetaData> l0 = v.files(0);
        for (int i = 0, n = l0.size(); i < n; i++) {
            maybe |= tableCache.mayContain(l0.get(i).number(), hash);
        }
        // Only the deeper levels that hold files: an empty level costs no list lookup, and no back-edge. While
        // this runs interpreted (before C2, or after a trap), a loop over all six levels per call reached the
        // back-edge threshold and C2 compiled it again as an on-stack replacement, more than once in one phase.
        int[] deep = v.deepLevels();
        for (int d = 0; d < deep.length; d++) {
            int level = deep[d];
            List<FileMetaData> files = v.files(level);
            int n = files.size();
            // Files of a deeper level are disjoint in user keys: compaction cuts its outputs between user keys, and
            // VersionSet refuses a version where they are not. So one file at most can hold the key: the first that
            // reaches it (whose largest key is at or after it), or the last one if none does. The search moves its
            // bounds by a comparison's sign, not by a branch on it: which way such a branch goes is a fact of the
            // data (a key past a file's range is rare in one run, common in the next). Keys compare as
            // Arrays.compareUnsigned does: no overflow.
            byte[][] largest = v.largestKeys(level);
            int lo = 0;
            int hi = n;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                int before = InternalKey.compareUserKey(largest[mid], key) >> 31; // -1 if it ends before the key
                lo = (before & (mid + 1)) | (~before & lo);
                hi = (before & hi) | (~before & mid);
            }
            maybe |= tableCache.mayContain(files.get(Math.min(lo, n - 1)).number(), hash);
        }
        return maybe;
    }
}
