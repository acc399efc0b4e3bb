package lsmdb.core.version;

import lsmdb.core.format.InternalKey;

/**
 * Which range tombstones can no longer hide anything: every entry older than the tombstone is gone from the
 * memtables, and no table overlapping its range holds an entry older than it.
 */
public final class TombstoneRetirement {

    private TombstoneRetirement() {
    }

    /**
     * An edit retiring every such tombstone of {@code v}, or null if none. {@code memFirstSequence} is the first
     * sequence in the live memtable (an older tombstone hides nothing there); the caller ensures no immutable
     * memtable is waiting to be flushed.
     */
    public static VersionEdit retirable(Version v, long memFirstSequence, boolean memEmpty) {
        VersionEdit edit = null;
        for (RangeTombstone t : v.tombstones()) {
            if (t.sequence() >= memFirstSequence && !memEmpty) {
                continue; // the memtable may still hold older entries it hides
            }
            if (!hidesTableEntries(v, t)) {
                if (edit == null) {
                    edit = new VersionEdit();
                }
                edit.retireTombstone(t.sequence());
            }
        }
        return edit;
    }

    private static boolean hidesTableEntries(Version v, RangeTombstone t) {
        for (int level = 0; level < Version.NUM_LEVELS; level++) {
            for (FileMetaData f : v.files(level)) {
                if (f.smallestSeq() < t.sequence()
                        && t.overlaps(InternalKey.userKey(f.smallest()), InternalKey.userKey(f.largest()))) {
                    return true;
                }
            }
        }
        return false;
    }
}
