package lsmdb.core.compaction;

import java.util.ArrayList;
import java.util.List;
import lsmdb.core.Options;
import lsmdb.core.format.InternalKey;
import lsmdb.core.version.FileMetaData;
import lsmdb.core.version.Version;

/**
 * Leveled compaction's choices. Level 0 is scored by file count against {@link Options#l0CompactionTrigger()}
 * (raised while the base level is large, see {@link #levelZeroTrigger}),
 * deeper levels by bytes against a per-level target; the level scoring highest (at least 1) compacts: all of
 * level 0 into the base level, or the next file of a deeper level after its round-robin pointer, merged with
 * whatever overlaps it one level down.
 *
 * <p>Targets. With {@link Options#dynamicLevelBytes()} (RocksDB's {@code level_compaction_dynamic_level_bytes})
 * they derive from the data: the last level's target is its actual size and each level above it gets a
 * {@link Options#levelSizeMultiplier()}-th of the one below. Levels whose target would fall under
 * {@code maxBytesForLevelBase / multiplier} stay empty, and level 0 compacts straight into the first level kept
 * (the base level). Most data then sits in the last level with only a tenth above it, so stale versions hidden in
 * a deep level are bounded by the levels above it: space amplification stays near 1.1. Without it, the
 * targets are LevelDB's fixed ones, growing tenfold from {@link Options#maxBytesForLevelBase()} at level 1.
 * The level just above the last one targets at least {@code sqrt(batch * last)} (see {@link #balancedAboveLast}):
 * in a database of a few hundred megabytes a tenth of the last level makes every byte written rewrite ten bytes of
 * it.
 */
public final class CompactionPicker {

    static final int LAST = Version.NUM_LEVELS - 1;

    private final Options options;

    public CompactionPicker(Options options) {
        this.options = options;
    }

    /** A version's level targets: where level 0 compacts to and how many bytes each level may hold. */
    public record Targets(int baseLevel, long[] maxBytes) {
        public long maxBytes(int level) {
            return maxBytes[level];
        }
    }

    /** The targets for the shape of {@code v}. */
    public Targets targets(Version v) {
        long[] max = new long[Version.NUM_LEVELS];
        long base = options.maxBytesForLevelBase();
        int multiplier = options.levelSizeMultiplier();
        if (!options.dynamicLevelBytes()) {
            long bytes = base;
            for (int l = 1; l < Version.NUM_LEVELS; l++) {
                max[l] = bytes;
                bytes = saturatingMultiply(bytes, multiplier);
            }
            return new Targets(1, max);
        }
        java.util.Arrays.fill(max, Long.MAX_VALUE);
        long largest = 0;
        int firstNonEmpty = -1;
        for (int l = 1; l < Version.NUM_LEVELS; l++) {
            long bytes = v.levelBytes(l);
            if (bytes > 0 && firstNonEmpty < 0) {
                firstNonEmpty = l;
            }
            largest = Math.max(largest, bytes);
        }
        if (firstNonEmpty < 0) {
            return new Targets(LAST, max); // nothing below level 0 yet: it compacts into the last level
        }
        long baseMax = Math.max(base, v.levelBytes(0));
        long baseMin = baseMax / multiplier;
        // The first non-empty level's target if the last level's target were its actual size.
        long size = largest;
        for (int l = LAST - 1; l >= firstNonEmpty; l--) {
            size /= multiplier;
        }
        int baseLevel = firstNonEmpty; // never below a non-empty level: data above the base would be stranded
        long baseSize;
        if (size <= baseMin) {
            baseSize = baseMin + 1;
        } else {
            while (baseLevel > 1 && size > baseMax) {
                baseLevel--;
                size /= multiplier;
            }
            baseSize = Math.max(1, Math.min(size, baseMax));
        }
        long bytes = baseSize;
        for (int l = baseLevel; l < Version.NUM_LEVELS; l++) {
            if (l > baseLevel) {
                bytes = saturatingMultiply(bytes, multiplier);
            }
            // No level smaller than the base budget: an hourglass shape would starve level 0's compactions.
            max[l] = Math.max(bytes, baseMax);
        }
        if (baseLevel < LAST) {
            max[LAST - 1] = Math.max(max[LAST - 1], balancedAboveLast(v.levelBytes(LAST)));
        }
        return new Targets(baseLevel, max);
    }

    /**
     * The least target of the level above the last one: the geometric mean of the bytes one level-0 compaction
     * brings ({@link Options#l0CompactionTrigger()} memtables) and the last level's size. Under random keys every
     * byte written is merged twice more: into the level above the last with all of that level (cost
     * {@code S / batch} per byte), and then into the last level with the part of it that it overlaps (cost
     * {@code last / S}); the sum is least where {@code S = sqrt(batch * last)}. A tenth of the last level, the
     * usual target, lies below that while the last level is under about 100 batches (1.6 GB at the defaults):
     * 110 MB of 1 KB records being overwritten at random read 6.6 bytes per byte flushed with the tenth, 5.7 with
     * this target (bytes above the last level while writes go on: up to about 40% of it instead of 10%; idle
     * compaction settles them into the last level once writes stop).
     */
    private long balancedAboveLast(long lastBytes) {
        double batch = (double) options.l0CompactionTrigger() * options.writeBufferSize();
        return (long) Math.sqrt(batch * lastBytes);
    }

    private static long saturatingMultiply(long a, int b) {
        return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }

    /** The level that level 0 compacts into (and that a flush may skip to) for the shape of {@code v}. */
    public int baseLevel(Version v) {
        return targets(v).baseLevel();
    }

    /** The score of each level; a score of 1 or more asks for a compaction. The last level never compacts. */
    public double score(Version v, int level) {
        return score(v, level, targets(v));
    }

    private double score(Version v, int level, Targets t) {
        if (level == 0) {
            return v.numFiles(0) / (double) levelZeroTrigger(v, t);
        }
        if (level >= LAST) {
            return 0;
        }
        return v.levelBytes(level) / (double) t.maxBytes(level);
    }

    /**
     * How many files level 0 gathers before it compacts. A merge of level 0 into the base level rewrites the base
     * level's overlap (under random keys, all of it) for what level 0 brings, so while the base level is large
     * against level 0 (the level above the last one at its balanced share, or the base level after a load, whose
     * target level 0's own growth raised) the trigger rises until level 0 holds half the base level's bytes: each
     * merge reads at most three bytes per byte it moves down. It stops at half {@link Options#l0SlowdownTrigger()},
     * well before writes slow down; reads pay one filter probe per extra file. A base level within the trigger's
     * worth keeps {@link Options#l0CompactionTrigger()}.
     */
    int levelZeroTrigger(Version v, Targets t) {
        int trigger = options.l0CompactionTrigger();
        int files = v.numFiles(0);
        if (!options.dynamicLevelBytes() || t.baseLevel() >= LAST || files == 0) {
            return trigger;
        }
        long perFile = Math.max(1, v.levelBytes(0) / files);
        long wanted = (v.levelBytes(t.baseLevel()) / 2 + perFile - 1) / perFile;
        int cap = Math.max(trigger, options.l0SlowdownTrigger() / 2);
        return (int) Math.max(trigger, Math.min(cap, wanted));
    }

    /** The compaction the shape of {@code v} asks for, or null. */
    public Compaction pick(Version v, byte[][] compactPointers) {
        Targets t = targets(v);
        int best = -1;
        double bestScore = 1.0;
        for (int level = 0; level < LAST; level++) {
            double s = score(v, level, t);
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
            Compaction through = throughInvertedBase(v, t.baseLevel());
            if (through != null) {
                return through;
            }
            inputs = v.files(0);
        } else {
            inputs = List.of(next(v.files(best), compactPointers[best]));
        }
        return withOverlaps(v, best, inputs, false, best == 0 ? t.baseLevel() : best + 1);
    }

    /**
     * The compaction to run when writes have gone idle and {@link #pick} finds nothing, or null.
     *
     * <p>First all of level 0 into the base level, however few files it holds: below the trigger, level-0 files
     * cost every read that follows (a bloom probe per get, a merged child per seek) while no write is left to
     * amortize the merge over; its cost is bounded by level 0 plus the base level, which dynamic targets keep near
     * {@code maxBytesForLevelBase}.
     *
     * <p>Then, with dynamic targets only, the levels above the last one settle into it, the shallowest first, one
     * file (after the round-robin pointer, with its neighbours inside the same span below) and what it overlaps
     * below (and, above the level over the last, what those overlap further down: {@link #throughNextLevel}) at a
     * time: a scan then merges one level instead of three and skips no stale versions. That rewrites the last level once, so it runs only while
     * {@code credit} (bytes the caller lets idle compactions read, earned by flushes) covers the step's inputs
     * (the one file's step when the expanded one costs more); a trivial move is free.
     */
    public Compaction pickIdle(Version v, byte[][] compactPointers, long credit) {
        if (v.numFiles(0) > 0) {
            return withOverlaps(v, 0, v.files(0), false, baseLevel(v));
        }
        if (!options.dynamicLevelBytes()) {
            return null;
        }
        for (int level = 1; level < LAST; level++) {
            if (v.numFiles(level) == 0) {
                continue;
            }
            List<FileMetaData> inputs = List.of(next(v.files(level), compactPointers[level]));
            Compaction c = withOverlaps(v, level, inputs, false, level + 1);
            Compaction through = throughNextLevel(v, c);
            if (through != null && through.inputBytes() <= credit) {
                return through;
            }
            if (c.isTrivialMove() || c.inputBytes() <= credit) {
                return c;
            }
            Compaction single = unexpanded(v, level, inputs, level + 1); // the one file, if the credit covers it
            return single.inputBytes() <= credit ? single : null;
        }
        return null;
    }

    /**
     * An idle step {@code c} from a level two or more above the last one, merged on through the files it would
     * merge with ({@code c}'s overlaps, now its middle) into the level below those, or null when it has none. Idle
     * steps settle every level into the last one, so merging into the next level only to merge the result on
     * later writes that level's overlap twice: after a load, one level-4 file spanning every level-5 file
     * rewrote all of level 5 (30 MB), and the next idle step rewrote it again into level 6.
     */
    private static Compaction throughNextLevel(Version v, Compaction c) {
        int middleLevel = c.outputLevel();
        if (middleLevel >= LAST || c.overlaps().isEmpty()) {
            return null;
        }
        List<FileMetaData> all = new ArrayList<>(c.inputs());
        all.addAll(c.overlaps());
        byte[][] range = userKeyRange(all);
        List<FileMetaData> below = v.overlapping(middleLevel + 1, range[0], range[1]);
        return new Compaction(c.level(), c.inputs(), below, false, middleLevel + 1, c.overlaps());
    }

    /**
     * Level 0 and the base level merged together into the last level, when the base level is the one above the
     * last and holds at least half as much as the last level (or null). A random load leaves that inverted shape:
     * level 0's growth raised the base level's target while the last level was still small. Merging level 0 into
     * the base level would then rewrite the base level's backlog, which must next be merged into the last level
     * file by file, each file rewriting the last-level files it straddles; one merge of all three reads each byte
     * once.
     */
    private Compaction throughInvertedBase(Version v, int base) {
        if (!options.dynamicLevelBytes() || base != LAST - 1 || v.numFiles(base) == 0
                || v.levelBytes(base) * 2 < v.levelBytes(LAST)) {
            return null;
        }
        List<FileMetaData> levelZero = v.files(0);
        byte[][] range = userKeyRange(levelZero);
        List<FileMetaData> middle = v.overlapping(base, range[0], range[1]);
        List<FileMetaData> all = new ArrayList<>(levelZero);
        all.addAll(middle);
        range = userKeyRange(all);
        List<FileMetaData> overlaps = v.overlapping(LAST, range[0], range[1]);
        return new Compaction(0, new ArrayList<>(levelZero), overlaps, false, LAST, new ArrayList<>(middle));
    }

    /** The smallest and largest user keys of {@code files}. */
    private static byte[][] userKeyRange(List<FileMetaData> files) {
        byte[] lo = null;
        byte[] hi = null;
        for (FileMetaData f : files) {
            if (lo == null || InternalKey.compareUserKeys(f.smallest(), lo) < 0) {
                lo = f.smallest();
            }
            if (hi == null || InternalKey.compareUserKeys(f.largest(), hi) > 0) {
                hi = f.largest();
            }
        }
        return new byte[][] {InternalKey.userKey(lo), InternalKey.userKey(hi)};
    }

    /** The first file after the round-robin {@code pointer} (wrapping to the first). */
    private static FileMetaData next(List<FileMetaData> files, byte[] pointer) {
        if (pointer != null) {
            for (FileMetaData f : files) {
                if (InternalKey.compare(f.largest(), pointer) > 0) {
                    return f;
                }
            }
        }
        return files.get(0);
    }

    /**
     * A compaction of everything at {@code level} overlapping user keys {@code [from, to]} (null = unbounded) into
     * the next level (the base level from level 0), or rewritten in place at {@code level} (the bottom one); null
     * if nothing there overlaps.
     */
    public Compaction manual(Version v, int level, byte[] from, byte[] to, boolean inPlace) {
        List<FileMetaData> inputs = v.overlapping(level, from, to);
        if (inputs.isEmpty()) {
            return null;
        }
        if (inPlace) {
            return new Compaction(level, new ArrayList<>(inputs), List.of(), true, level);
        }
        return withOverlaps(v, level, inputs, true, level == 0 ? baseLevel(v) : level + 1);
    }

    /**
     * As {@link #unexpanded}, and a picked compaction of a sorted level also takes the
     * other files of its level that lie inside the span of what it merges with below (which adds no file below),
     * when the whole stays within {@link #EXPANSION_LIMIT_FILES} target files (LevelDB's expanded inputs): a wide,
     * sparse file below is then rewritten once with every file above it, not once per file. After a load that
     * filled the level above the last one file by file over a sparse early file of the last level, settling the
     * level read that file's remaining tail again in each of ~20 steps (45 MB read instead of 27).
     */
    private Compaction withOverlaps(Version v, int level, List<FileMetaData> inputs, boolean manual, int outputLevel) {
        Compaction c = unexpanded(v, level, inputs, outputLevel);
        if (manual) {
            return new Compaction(level, c.inputs(), c.overlaps(), true, outputLevel);
        }
        if (level == 0 || c.overlaps().isEmpty()) {
            return c;
        }
        List<FileMetaData> spanned = new ArrayList<>(c.inputs());
        spanned.addAll(c.overlaps());
        byte[][] span = userKeyRange(spanned);
        List<FileMetaData> expanded = within(v.overlapping(level, span[0], span[1]), span);
        if (expanded.size() <= c.inputs().size()
                || bytes(expanded) + bytes(c.overlaps()) > EXPANSION_LIMIT_FILES * options.targetFileSize()) {
            return c;
        }
        Compaction wider = unexpanded(v, level, expanded, outputLevel);
        return wider.overlaps().size() == c.overlaps().size() ? wider : c;
    }

    /**
     * Those of a sorted level's {@code files} that lie inside {@code span}: the files below that they overlap are
     * among those the span's own files overlap, so taking them adds none.
     */
    private static List<FileMetaData> within(List<FileMetaData> files, byte[][] span) {
        List<FileMetaData> inside = new ArrayList<>(files.size());
        for (FileMetaData f : files) {
            if (java.util.Arrays.compareUnsigned(InternalKey.userKey(f.smallest()), span[0]) >= 0
                    && java.util.Arrays.compareUnsigned(InternalKey.userKey(f.largest()), span[1]) <= 0) {
                inside.add(f);
            }
        }
        return inside;
    }

    /** How many target-sized files an expanded compaction may read at most (LevelDB's limit). */
    static final int EXPANSION_LIMIT_FILES = 25;

    private static long bytes(List<FileMetaData> files) {
        long n = 0;
        for (FileMetaData f : files) {
            n += f.size();
        }
        return n;
    }

    /** {@code inputs} at {@code level} and what they overlap at {@code outputLevel}, as they are. */
    private static Compaction unexpanded(Version v, int level, List<FileMetaData> inputs, int outputLevel) {
        byte[][] range = userKeyRange(inputs);
        List<FileMetaData> overlaps = v.overlapping(outputLevel, range[0], range[1]);
        return new Compaction(level, new ArrayList<>(inputs), overlaps, false, outputLevel);
    }
}
