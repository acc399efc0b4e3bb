package lsmdb.core.compaction;

import java.util.ArrayList;
import java.util.List;
import lsmdb.core.Options;
import lsmdb.core.memtable.InternalKey;
import lsmdb.core.version.FileMetaData;
import lsmdb.core.version.Version;

/**
 * Leveled compaction's choices (LevelDB's): level 0 is scored by file count against
 * {@link Options#l0CompactionTrigger()}, deeper levels by bytes against a budget growing
 * {@link Options#levelSizeMultiplier()}-fold per level from {@link Options#maxBytesForLevelBase()}. The level
 * scoring highest (at least 1) compacts: all of level 0, or the next file of a deeper level after its round-robin
 * pointer, merged with whatever overlaps it one level down.
 */
public final class CompactionPicker {

    private final Options options;

    public CompactionPicker(Options options) {
        this.options = options;
    }

    public long maxBytesForLevel(int level) {
        long bytes = options.maxBytesForLevelBase();
        for (int l = 1; l < level; l++) {
            bytes *= options.levelSizeMultiplier();
        }
        return bytes;
    }

    /** The score of each level; a score of 1 or more asks for a compaction. The last level never compacts. */
    public double score(Version v, int level) {
        if (level == 0) {
            return v.numFiles(0) / (double) options.l0CompactionTrigger();
        }
        if (level >= Version.NUM_LEVELS - 1) {
            return 0;
        }
        return v.levelBytes(level) / (double) maxBytesForLevel(level);
    }

    /** The compaction the shape of {@code v} asks for, or null. */
    public Compaction pick(Version v, byte[][] compactPointers) {
        int best = -1;
        double bestScore = 1.0;
        for (int level = 0; level < Version.NUM_LEVELS - 1; level++) {
            double s = score(v, level);
            if (s >= bestScore) {
                best = level;
                bestScore = s;
            }
        }
        if (best < 0) {
            return null;
        }
        List<FileMetaData> inputs;
        if (best == 0) {
            inputs = v.files(0);
        } else {
            List<FileMetaData> files = v.files(best);
            byte[] pointer = compactPointers[best];
            FileMetaData chosen = files.get(0);
            if (pointer != null) {
                for (FileMetaData f : files) {
                    if (InternalKey.compare(f.largest(), pointer) > 0) {
                        chosen = f;
                        break;
                    }
                }
            }
            inputs = List.of(chosen);
        }
        return withOverlaps(v, best, inputs, false);
    }

    /**
     * A compaction of everything at {@code level} overlapping user keys {@code [from, to]} (null = unbounded) into
     * the next level, or rewritten in place at {@code level} (the bottom one); null if nothing there overlaps.
     */
    public Compaction manual(Version v, int level, byte[] from, byte[] to, boolean inPlace) {
        List<FileMetaData> inputs = v.overlapping(level, from, to);
        if (inputs.isEmpty()) {
            return null;
        }
        if (inPlace) {
            return new Compaction(level, new ArrayList<>(inputs), List.of(), true, level);
        }
        return withOverlaps(v, level, inputs, true);
    }

    private static Compaction withOverlaps(Version v, int level, List<FileMetaData> inputs, boolean manual) {
        byte[] lo = null;
        byte[] hi = null;
        for (FileMetaData f : inputs) {
            if (lo == null || InternalKey.compareUserKeys(f.smallest(), lo) < 0) {
                lo = f.smallest();
            }
            if (hi == null || InternalKey.compareUserKeys(f.largest(), hi) > 0) {
                hi = f.largest();
            }
        }
        List<FileMetaData> overlaps = v.overlapping(level + 1, InternalKey.userKey(lo), InternalKey.userKey(hi));
        return new Compaction(level, new ArrayList<>(inputs), overlaps, manual, level + 1);
    }
}
