package lsmdb.core.db;

import java.util.List;
import lsmdb.core.cache.TableCache;
import lsmdb.core.format.InternalKey;
import lsmdb.core.memtable.MemTable;
import lsmdb.core.sstable.Table;
import lsmdb.core.version.FileMetaData;
import lsmdb.core.version.Version;
import lsmdb.core.version.VersionSet;

/**
 * Answers "no version of this key exists anywhere" from filters alone: the memtables' key filters and the bloom
 * filter of every table whose key range holds the key. An INSERT's duplicate-key test asks this of a key that is
 * almost always new, and most often every filter rules it out: then no seek key, pin, block or entry is made. When
 * any filter admits the key the answer is "maybe", and the caller reads the key as usual.
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
        // Read before the memtables: this volatile read makes the filter bits of every write up to it visible.
        memTables.lastSequence();
        MemTables.State ms = memTables.state();
        if (ms.mem().mayContain(key) || (ms.imm() != null && ms.imm().mayContain(key))) {
            return true;
        }
        // Read after the memtables, as ReadPath reads: a flush installs its table before it drops the memtable.
        Version v = versions.current();
        int hash = Table.filterHash(key, 0, key.length);
        List<FileMetaData> l0 = v.files(0);
        for (int i = 0, n = l0.size(); i < n; i++) {
            FileMetaData f = l0.get(i);
            if (tableCache.mayContain(f.number(), hash) && inRange(key, f) != 0) {
                return true;
            }
        }
        for (int level = 1; level < Version.NUM_LEVELS; level++) {
            List<FileMetaData> files = v.files(level);
            int n = files.size();
            if (n == 0) {
                continue;
            }
            // Files of a deeper level are disjoint in user keys: compaction cuts its outputs between user keys, and
            // VersionSet refuses a version where they are not. So one file at most can hold the key: the first that
            // reaches it, or the last one if none does (its range test then says no, with no branch of its own).
            FileMetaData f = files.get(Math.min(firstReaching(v.largestKeys(level), key), n - 1));
            if (tableCache.mayContain(f.number(), hash) && inRange(key, f) != 0) {
                return true;
            }
        }
        return false;
    }

    /*
     * The binary search and the range test below move their bounds by the comparison's sign, not by a branch on it.
     * Which way such a branch goes is a fact of the data (a key before or past a file's range is rare in one run, common in the
     * next), and C2 compiles a branch its profile never saw taken as a trap: taken once, it throws away the compiled
     * insert path around it and compiles it again. Keys compare as Arrays.compareUnsigned does: no overflow.
     */

    /** The first file of a sorted level whose largest user key is at or after {@code key}; the count if none. */
    private static int firstReaching(byte[][] largest, byte[] key) {
        int lo = 0;
        int hi = largest.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int before = InternalKey.compareUserKey(largest[mid], key) >> 31; // -1 if it ends before the key, else 0
            lo = (before & (mid + 1)) | (~before & lo);
            hi = (before & hi) | (~before & mid);
        }
        return lo;
    }

    /** 1 if {@code key} lies within the file's user-key range, else 0. */
    private static int inRange(byte[] key, FileMetaData f) {
        int outside = Math.max(InternalKey.compareUserKey(f.smallest(), key), -InternalKey.compareUserKey(f.largest(), key));
        return (outside - 1) >>> 31;
    }
}
