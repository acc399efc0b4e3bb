package lsmdb.core.compaction;

import lsmdb.core.Options;
import lsmdb.core.format.InternalKey;
import lsmdb.core.version.FileMetaData;
import lsmdb.core.version.Version;

/**
 * Where a table flushed from a memtable goes: level 0, or deeper when nothing there overlaps it, so that
 * sequential loads skip compactions (LevelDB's {@code PickLevelForMemTableOutput}).
 */
public final class FlushPlacement {

    /** How deep a flushed memtable may be placed when nothing overlaps it (LevelDB's kMaxMemCompactLevel). */
    private static final int MAX_MEM_COMPACT_LEVEL = 2;
    /** A table placed deeper must not overlap more than this many target files one level further down. */
    private static final int MAX_GRANDPARENT_FILES = 10;

    private final Options options;
    private final CompactionPicker picker;

    public FlushPlacement(Options options, CompactionPicker picker) {
        this.options = options;
        this.picker = picker;
    }

    /** The level for {@code f} in {@code v}. Callers pass level 0 themselves while a compaction may write deeper. */
    public int levelFor(Version v, FileMetaData f) {
        byte[] lo = InternalKey.userKey(f.smallest());
        byte[] hi = InternalKey.userKey(f.largest());
        if (!v.overlapping(0, lo, hi).isEmpty()) {
            return 0;
        }
        if (options.dynamicLevelBytes()) {
            return belowEmptyLevels(v, lo, hi);
        }
        int level = 0;
        while (level < MAX_MEM_COMPACT_LEVEL) {
            if (!v.overlapping(level + 1, lo, hi).isEmpty()) {
                break;
            }
            if (level + 2 < Version.NUM_LEVELS && tooManyGrandparents(v, level + 2, lo, hi)) {
                break;
            }
            level++;
        }
        return level;
    }

    /**
     * With dynamic level targets the levels above the base level stay empty, so a table overlapping nothing goes
     * straight to the base level (or stays at level 0) rather than to a level in between.
     */
    private int belowEmptyLevels(Version v, byte[] lo, byte[] hi) {
        int base = picker.baseLevel(v);
        for (int level = 1; level <= base; level++) {
            if (!v.overlapping(level, lo, hi).isEmpty()) {
                return 0;
            }
        }
        if (base + 1 < Version.NUM_LEVELS && tooManyGrandparents(v, base + 1, lo, hi)) {
            return 0;
        }
        return base;
    }

    /**
     * Whether {@code f} (one part of a split flush) may go to the last level of {@code v}: no table at any level
     * spans any of its keys, so no older version of them exists on disk and nothing can ever sit below them. The
     * caller also keeps it out of what a running compaction writes.
     */
    public boolean fitsLastLevel(Version v, FileMetaData f) {
        if (!options.dynamicLevelBytes()) {
            return false;
        }
        byte[] lo = InternalKey.userKey(f.smallest());
        byte[] hi = InternalKey.userKey(f.largest());
        for (int level = 0; level < Version.NUM_LEVELS; level++) {
            if (!v.overlapping(level, lo, hi).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** The last level, where {@link #fitsLastLevel} parts go. */
    public static int lastLevel() {
        return Version.NUM_LEVELS - 1;
    }

    private boolean tooManyGrandparents(Version v, int level, byte[] lo, byte[] hi) {
        long bytes = 0;
        for (FileMetaData g : v.overlapping(level, lo, hi)) {
            bytes += g.size();
        }
        return bytes > MAX_GRANDPARENT_FILES * options.targetFileSize();
    }
}
