package lsmdb.core.compaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import lsmdb.core.Options;
import lsmdb.core.format.InternalKey;
import lsmdb.core.io.MemFileSystem;
import lsmdb.core.version.FileMetaData;
import lsmdb.core.version.Version;
import lsmdb.core.version.VersionEdit;
import lsmdb.core.version.VersionSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The picker's targets and choices for versions of known shapes. */
class CompactionPickerTest {

    private static final long MB = 1 << 20;

    private VersionSet versions;
    private long nextNumber = 100;
    private final CompactionPicker dynamic = new CompactionPicker(Options.defaults());

    @BeforeEach
    void setUp() throws IOException {
        MemFileSystem fs = new MemFileSystem();
        Path dir = Path.of("/db");
        fs.createDirectories(dir);
        versions = new VersionSet(dir, fs, line -> { });
        versions.writeNewManifest();
    }

    /** Adds {@code count} disjoint files of {@code bytes} each at {@code level}, keys from {@code firstKey}. */
    private Version add(int level, int count, long bytes, int firstKey) throws IOException {
        VersionEdit edit = new VersionEdit();
        for (int i = 0; i < count; i++) {
            int k = firstKey + 2 * i;
            edit.addFile(level, new FileMetaData(nextNumber++, bytes,
                    InternalKey.encode(String.format("k%08d", k).getBytes(), 1, InternalKey.KIND_PUT),
                    InternalKey.encode(String.format("k%08d", k + 1).getBytes(), 1, InternalKey.KIND_PUT), 1));
        }
        versions.logAndApply(edit);
        return versions.current();
    }

    @Test
    void idleCompactionTakesAllOfLevelZeroBelowItsTriggerIntoTheBaseLevel() throws IOException {
        add(6, 58, 2 * MB, 0);
        byte[][] pointers = new byte[Version.NUM_LEVELS][];
        assertNull(dynamic.pickIdle(versions.current(), pointers, Long.MAX_VALUE), "one level: nothing to do");
        Version v = add(0, 2, MB, 10); // two files under the trigger of 4: pick leaves them
        assertNull(dynamic.pick(v, pointers));
        Compaction c = dynamic.pickIdle(v, pointers, 0);
        assertNotNull(c, "level 0 needs no credit");
        assertEquals(0, c.level());
        assertEquals(2, c.inputs().size());
        assertEquals(dynamic.baseLevel(v), c.outputLevel());
    }

    @Test
    void idleCompactionSettlesTheShallowestLevelIntoTheNextWhileCreditLasts() throws IOException {
        add(6, 58, 2 * MB, 0); // keys k0..k115
        add(5, 2, 2 * MB, 3); // k3..k6, under its target: pick leaves it
        Version v = add(4, 1, MB, 5); // k5..k6 at the base level
        byte[][] pointers = new byte[Version.NUM_LEVELS][];
        assertNull(dynamic.pick(v, pointers));
        Compaction c = dynamic.pickIdle(v, pointers, 3 * MB);
        assertNotNull(c);
        assertEquals(4, c.level(), "the shallowest level first");
        assertEquals(5, c.outputLevel());
        assertEquals(1, c.overlaps().size(), "the level-5 file holding k5..k6");
        assertNull(dynamic.pickIdle(v, pointers, 3 * MB - 1), "a step costing more than the credit waits");
        CompactionPicker fixed = new CompactionPicker(Options.defaults().withDynamicLevelBytes(false));
        assertNull(fixed.pickIdle(v, pointers, Long.MAX_VALUE), "fixed targets keep LevelDB's shape");
    }

    /** Adds one file of {@code bytes} at {@code level} holding keys {@code lo..hi}. */
    private Version addSpan(int level, long bytes, int lo, int hi) throws IOException {
        VersionEdit edit = new VersionEdit();
        edit.addFile(level, new FileMetaData(nextNumber++, bytes,
                InternalKey.encode(String.format("k%08d", lo).getBytes(), 1, InternalKey.KIND_PUT),
                InternalKey.encode(String.format("k%08d", hi).getBytes(), 1, InternalKey.KIND_PUT), 1));
        versions.logAndApply(edit);
        return versions.current();
    }

    @Test
    void aWideSparseFileBelowIsMergedOnceWithEveryFileAboveItsSpan() throws IOException {
        add(6, 58, 2 * MB, 1000); // the bulk of the last level, away from the wide file
        addSpan(6, MB, 0, 99); // a sparse early file over k0..k99
        Version v = add(5, 20, MB, 10); // k10..k49 above it, file by file
        byte[][] pointers = new byte[Version.NUM_LEVELS][];
        Compaction c = dynamic.pickIdle(v, pointers, Long.MAX_VALUE);
        assertNotNull(c);
        assertEquals(5, c.level());
        assertEquals(20, c.inputs().size(), "every level-5 file inside the wide file's span");
        assertEquals(1, c.overlaps().size(), "and still only the wide file below");
        assertEquals(21 * MB, c.inputBytes());
        Compaction oneStep = dynamic.pickIdle(v, pointers, 2 * MB);
        assertEquals(1, oneStep.inputs().size(), "a credit short of the whole still pays for one file's step");
        assertNull(dynamic.pickIdle(v, pointers, 2 * MB - 1));
    }

    @Test
    void anIdleStepFromHigherUpMergesThroughTheNextLevelIntoTheOneBelow() throws IOException {
        add(6, 58, 2 * MB, 1000);
        addSpan(6, MB, 0, 99); // a sparse early file over k0..k99
        add(5, 13, 2 * MB, 10); // k10..k35
        Version v = addSpan(4, MB, 5, 40); // one file spanning all of level 5
        byte[][] pointers = new byte[Version.NUM_LEVELS][];
        Compaction c = dynamic.pickIdle(v, pointers, Long.MAX_VALUE);
        assertEquals(4, c.level());
        assertEquals(13, c.middle().size(), "level 5 merged on, not rewritten into place");
        assertEquals(5, c.middleLevel());
        assertEquals(6, c.outputLevel());
        assertEquals(1, c.overlaps().size(), "the wide file");
        assertEquals(28 * MB, c.inputBytes());
        Compaction intoNext = dynamic.pickIdle(v, pointers, 28 * MB - 1);
        assertEquals(5, intoNext.outputLevel(), "a credit short of the whole merges into the next level only");
        assertTrue(intoNext.middle().isEmpty());
    }

    @Test
    void inputsDoNotExpandOverMoreFilesBelowNorPastTheLimit() throws IOException {
        add(6, 58, 2 * MB, 1000);
        addSpan(6, MB, 0, 30); // k0..k30
        addSpan(6, MB, 31, 99); // k31..k99
        Version v = add(5, 20, MB, 10); // k10..k49: the first file's span holds k10..k29 only
        Compaction c = dynamic.pickIdle(v, new byte[Version.NUM_LEVELS][], Long.MAX_VALUE);
        assertEquals(1, c.overlaps().size(), "expanding may not add a file below");
        assertEquals(10, c.inputs().size(), "k10..k29: the level-5 files inside k0..k30");

        setUp();
        add(6, 58, 2 * MB, 1000);
        addSpan(6, MB, 0, 999);
        v = add(5, 60, MB, 10); // 60 MB above one file: past 25 target files
        c = dynamic.pickIdle(v, new byte[Version.NUM_LEVELS][], Long.MAX_VALUE);
        assertEquals(1, c.inputs().size(), "an expansion past the limit is not taken");
    }

    /**
     * Random shapes of disjoint files per level: every pick of a sorted level takes a contiguous run of its level
     * that holds the unexpanded choice, together with exactly the files below that its key span overlaps (and,
     * merged through the next level, exactly what both overlap one level further down), and an expanded one adds
     * no file below and stays within the limit.
     */
    @Test
    void picksOfSortedLevelsKeepTheirInvariantsOverRandomShapes() throws IOException {
        java.util.Random r = new java.util.Random(24);
        int expandedPicks = 0;
        int throughPicks = 0;
        for (int round = 0; round < 300; round++) {
            setUp();
            int top = r.nextBoolean() ? 4 : 5;
            for (int level = 6; level >= top; level--) {
                int key = r.nextInt(20);
                int files = 1 + r.nextInt(level == 6 ? 10 : 30);
                for (int i = 0; i < files; i++) {
                    int width = level == 6 && r.nextInt(4) == 0 ? 200 : 1 + r.nextInt(6);
                    addSpan(level, (1 + r.nextInt(3)) * MB, key, key + width);
                    key += width + 1 + r.nextInt(level == 6 ? 40 : 8);
                }
            }
            Version v = versions.current();
            byte[][] pointers = new byte[Version.NUM_LEVELS][];
            pointers[top] = r.nextBoolean() ? null : v.files(top).get(r.nextInt(v.numFiles(top))).largest();
            Compaction c = dynamic.pickIdle(v, pointers, Long.MAX_VALUE);
            assertNotNull(c);
            assertEquals(top, c.level(), "the shallowest level");
            java.util.List<FileMetaData> levelFiles = v.files(top);
            FileMetaData chosen = levelFiles.get(0); // the file after the round-robin pointer
            for (FileMetaData f : levelFiles) {
                if (pointers[top] != null && InternalKey.compare(f.largest(), pointers[top]) > 0) {
                    chosen = f;
                    break;
                }
            }
            assertTrue(c.inputs().contains(chosen), "the round-robin choice is among the inputs");
            int first = levelFiles.indexOf(c.inputs().get(0));
            for (int i = 0; i < c.inputs().size(); i++) {
                assertEquals(levelFiles.get(first + i), c.inputs().get(i), "a contiguous run of the level");
            }
            byte[] lo = InternalKey.userKey(c.inputs().get(0).smallest());
            byte[] hi = InternalKey.userKey(c.inputs().get(c.inputs().size() - 1).largest());
            java.util.List<FileMetaData> next = c.middle().isEmpty() ? c.overlaps() : c.middle();
            assertEquals(v.overlapping(top + 1, lo, hi), next, "exactly what the inputs overlap");
            if (!c.middle().isEmpty()) {
                throughPicks++;
                assertEquals(top + 1, c.middleLevel());
                assertEquals(top + 2, c.outputLevel());
                for (FileMetaData f : c.middle()) {
                    lo = min(lo, InternalKey.userKey(f.smallest()));
                    hi = max(hi, InternalKey.userKey(f.largest()));
                }
                assertEquals(v.overlapping(top + 2, lo, hi), c.overlaps(), "exactly what both levels overlap");
            }
            if (c.inputs().size() > 1) {
                expandedPicks++;
                byte[] clo = InternalKey.userKey(chosen.smallest());
                byte[] chi = InternalKey.userKey(chosen.largest());
                assertEquals(v.overlapping(top + 1, clo, chi).size(), next.size(), "expanding added no file below");
                assertTrue(c.inputBytes() <= CompactionPicker.EXPANSION_LIMIT_FILES
                        * Options.defaults().targetFileSize(), "within the limit");
            }
        }
        assertTrue(expandedPicks > 20 && throughPicks > 20, expandedPicks + " expanded picks, " + throughPicks
                + " through the next level");
    }

    private static byte[] min(byte[] a, byte[] b) {
        return java.util.Arrays.compareUnsigned(a, b) <= 0 ? a : b;
    }

    private static byte[] max(byte[] a, byte[] b) {
        return java.util.Arrays.compareUnsigned(a, b) >= 0 ? a : b;
    }

    @Test
    void anEmptyDatabaseCompactsLevelZeroIntoTheLastLevel() throws IOException {
        Version v = add(0, 4, MB, 0);
        assertEquals(6, dynamic.baseLevel(v));
        Compaction c = dynamic.pick(v, new byte[Version.NUM_LEVELS][]);
        assertNotNull(c);
        assertEquals(0, c.level());
        assertEquals(6, c.outputLevel());
    }

    @Test
    void targetsDeriveFromTheLastLevel() throws IOException {
        Version v = add(6, 58, 2 * MB, 0); // 116 MB at the bottom
        CompactionPicker.Targets t = dynamic.targets(v);
        assertEquals(4, t.baseLevel(), "116 MB: L5 targets 11.6 MB, L4 1.16 MB (under 10 MB, so L4 is the base)");
        assertEquals(10 * MB, t.maxBytes(4), "no level under maxBytesForLevelBase");
        assertEquals((long) Math.sqrt(16.0 * MB * 116 * MB), t.maxBytes(5), 10,
                "above the last level: sqrt(4 memtables of 4 MB * 116 MB) = 43 MB, more than a tenth (11.6 MB)");
        for (int l = 1; l < 4; l++) {
            assertEquals(Long.MAX_VALUE, t.maxBytes(l), "levels above the base stay empty: " + l);
        }
        Version big = add(6, 450, 2 * MB, 1000); // about 1 GB
        assertEquals(3, dynamic.baseLevel(big));
        assertTrue(dynamic.targets(big).maxBytes(5) > 100 * MB);
    }

    @Test
    void theLevelAboveTheLastHoldsTheBalancedShareUntilATenthIsMore() throws IOException {
        add(6, 58, 2 * MB, 0); // 116 MB
        Version v = add(5, 15, 2 * MB, 5000); // 30 MB: over a tenth of the last level, under sqrt(16 MB * 116 MB)
        assertTrue(dynamic.score(v, 5) < 1, "score " + dynamic.score(v, 5));
        assertNull(dynamic.pick(v, new byte[Version.NUM_LEVELS][]), "30 MB above 116 MB waits for more");
        Version big = add(6, 40, 100 * MB, 100_000); // about 4.1 GB: a tenth (410 MB) is more than sqrt(16 MB * 4.1 GB)
        long last = big.levelBytes(6);
        assertEquals(last / 10, dynamic.targets(big).maxBytes(5), MB, "a tenth (up to the rounding of the targets above it)");
        CompactionPicker fixed = new CompactionPicker(Options.defaults().withDynamicLevelBytes(false));
        assertEquals(100_000L * MB, fixed.targets(v).maxBytes(5), "fixed targets keep LevelDB's shape");
        CompactionPicker bigBatches = new CompactionPicker(Options.defaults().withWriteBufferSize(16 * MB));
        assertEquals((long) Math.sqrt(64.0 * MB * 116 * MB), bigBatches.targets(v).maxBytes(5), 10,
                "the batch is l0CompactionTrigger memtables");
    }

    @Test
    void levelZeroGathersHalfALargeBaseLevelBeforeMergingIntoIt() throws IOException {
        add(6, 40, 2 * MB, 0); // 80 MB: the base level is level 5, its target sqrt(16 MB * 80 MB) = 36 MB
        add(5, 16, 2 * MB, 1000); // 32 MB in the base level, under its target
        Version v = add(0, 4, 4 * MB, 5000);
        assertEquals(5, dynamic.baseLevel(v));
        CompactionPicker.Targets t = dynamic.targets(v);
        assertEquals(4, dynamic.levelZeroTrigger(v, t), "16 MB of level 0 is half of 32 MB");
        Version more = add(5, 8, 2 * MB, 2000); // 48 MB: level 0 waits for 24 MB
        t = dynamic.targets(more);
        assertEquals(6, dynamic.levelZeroTrigger(more, t));
        assertEquals(4 / 6.0, dynamic.score(more, 0), 1e-9);
        Version huge = add(5, 20, 2 * MB, 3000); // 88 MB: level 0 would wait for 44 MB, capped at half the slowdown trigger
        assertEquals(10, dynamic.levelZeroTrigger(huge, dynamic.targets(huge)));
        Version full = add(0, 6, 4 * MB, 9000); // 10 files: level 0 compacts
        Compaction c = dynamic.pick(full, new byte[Version.NUM_LEVELS][]);
        assertTrue(dynamic.score(full, 0) >= 1);
        assertNotNull(c);
        CompactionPicker fixed = new CompactionPicker(Options.defaults().withDynamicLevelBytes(false));
        assertEquals(4, fixed.levelZeroTrigger(huge, fixed.targets(huge)), "fixed targets keep the trigger");
    }

    @Test
    void levelZeroAndAnInvertedBaseLevelGoIntoTheLastLevelInOneMerge() throws IOException {
        add(6, 10, 2 * MB, 0); // 20 MB, keys k0..k19
        add(5, 5, 2 * MB, 100); // 10 MB in the base level (level 5), half the last level: inverted
        Version v = add(0, 4, 4 * MB, 104); // k104..k111: overlaps the level-5 files holding k104..k109
        assertEquals(5, dynamic.baseLevel(v));
        Compaction c = dynamic.pick(v, new byte[Version.NUM_LEVELS][]);
        assertEquals(0, c.level());
        assertEquals(6, c.outputLevel(), "straight into the last level");
        assertEquals(5, c.middleLevel());
        assertEquals(3, c.middle().size(), "the base-level files level 0 overlaps");
        assertTrue(c.overlaps().isEmpty(), "nothing of the last level lies in k104..k111");
        assertEquals(16 * MB + 6 * MB, c.inputBytes());
        assertTrue(!c.isTrivialMove());
        VersionEdit edit = new VersionEdit();
        c.deleteInputs(edit);
        versions.logAndApply(edit);
        Version after = versions.current();
        assertEquals(0, after.numFiles(0));
        assertEquals(2, after.numFiles(5), "the middle files are removed from level 5");
        assertEquals(10, after.numFiles(6));

        add(5, 3, 2 * MB, 300); // 10 MB in level 5 again
        add(6, 30, 2 * MB, 1000); // 80 MB at the bottom: the base level is no longer half of it
        Compaction usual = dynamic.pick(add(0, 4, 4 * MB, 2000), new byte[Version.NUM_LEVELS][]);
        assertEquals(5, usual.outputLevel());
        assertTrue(usual.middle().isEmpty());
    }

    @Test
    void levelZeroKeepsItsTriggerWhileItCompactsIntoTheLastLevel() throws IOException {
        Version v = add(0, 4, 4 * MB, 0);
        assertEquals(6, dynamic.baseLevel(v));
        assertEquals(4, dynamic.levelZeroTrigger(v, dynamic.targets(v)));
        assertEquals(1.0, dynamic.score(v, 0), 1e-9);
    }

    @Test
    void aLevelOverItsTargetCompactsIntoTheNextOne() throws IOException {
        add(6, 58, 2 * MB, 0);
        Version v = add(5, 24, 2 * MB, 5000); // 48 MB against 43 MB
        assertTrue(dynamic.score(v, 5) > 1);
        Compaction c = dynamic.pick(v, new byte[Version.NUM_LEVELS][]);
        assertEquals(5, c.level());
        assertEquals(6, c.outputLevel());
        assertEquals(0, dynamic.score(v, 6), "the last level never compacts by size");
    }

    @Test
    void theBaseNeverSitsBelowANonEmptyLevel() throws IOException {
        add(2, 30, 2 * MB, 0); // a database shaped by fixed targets: data in L1 and L2
        Version v = add(1, 3, MB, 10_000);
        assertEquals(1, dynamic.baseLevel(v), "data above the base would be stranded");
        assertTrue(dynamic.score(v, 1) < 1, "3 MB in L1 is under its 10 MB target");
        Compaction c = dynamic.pick(v, new byte[Version.NUM_LEVELS][]);
        assertEquals(2, c.level(), "60 MB in L2 against 10 MB: the data moves down");
        assertEquals(3, c.outputLevel());
        assertTrue(c.isTrivialMove());
    }

    @Test
    void fixedTargetsGrowTenfoldFromLevelOne() throws IOException {
        CompactionPicker fixed = new CompactionPicker(Options.defaults().withDynamicLevelBytes(false));
        Version v = add(0, 4, MB, 0);
        CompactionPicker.Targets t = fixed.targets(v);
        assertEquals(1, t.baseLevel());
        assertEquals(10 * MB, t.maxBytes(1));
        assertEquals(100 * MB, t.maxBytes(2));
        assertEquals(1, fixed.pick(v, new byte[Version.NUM_LEVELS][]).outputLevel());
    }
}
