package lsmdb.core.compaction;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

/** Where a flushed table goes, for versions of known shapes. */
class FlushPlacementTest {

    private static final long MB = 1 << 20;

    private final Options fixed = Options.defaults().withDynamicLevelBytes(false);
    private final FlushPlacement fixedLevels = new FlushPlacement(fixed, new CompactionPicker(fixed));
    private final FlushPlacement dynamicLevels =
            new FlushPlacement(Options.defaults(), new CompactionPicker(Options.defaults()));
    private VersionSet versions;
    private long nextNumber = 100;

    @BeforeEach
    void setUp() throws IOException {
        MemFileSystem fs = new MemFileSystem();
        Path dir = Path.of("/db");
        fs.createDirectories(dir);
        versions = new VersionSet(dir, fs, line -> { });
        versions.writeNewManifest();
    }

    private FileMetaData file(int from, int to, long bytes) {
        return new FileMetaData(nextNumber++, bytes,
                InternalKey.encode(String.format("k%08d", from).getBytes(), 1, InternalKey.KIND_PUT),
                InternalKey.encode(String.format("k%08d", to).getBytes(), 1, InternalKey.KIND_PUT), 1);
    }

    private Version add(int level, FileMetaData f) throws IOException {
        versions.logAndApply(new VersionEdit().addFile(level, f));
        return versions.current();
    }

    @Test
    void withFixedTargetsATableOverlappingNothingGoesToLevelTwo() {
        assertEquals(2, fixedLevels.levelFor(versions.current(), file(0, 10, MB)));
    }

    @Test
    void aTableOverlappingLevelZeroStaysThere() throws IOException {
        Version v = add(0, file(5, 6, MB));
        assertEquals(0, fixedLevels.levelFor(v, file(0, 10, MB)));
        assertEquals(0, dynamicLevels.levelFor(v, file(0, 10, MB)));
    }

    @Test
    void withFixedTargetsATableStopsAboveTheFirstLevelItOverlaps() throws IOException {
        assertEquals(0, fixedLevels.levelFor(add(1, file(5, 6, MB)), file(0, 10, MB)));
        setUp();
        assertEquals(1, fixedLevels.levelFor(add(2, file(5, 6, MB)), file(0, 10, MB)));
    }

    @Test
    void withFixedTargetsATableStopsAboveALevelItWouldOverlapTooMuchOf() throws IOException {
        Version v = add(2, file(5, 6, 11 * fixed.targetFileSize()));
        assertEquals(0, fixedLevels.levelFor(v, file(0, 10, MB)));
        assertEquals(2, fixedLevels.levelFor(v, file(20, 30, MB)), "a table beside it goes deep");
    }

    @Test
    void withDynamicTargetsATableOverlappingNothingGoesToTheBaseLevel() throws IOException {
        assertEquals(6, dynamicLevels.levelFor(versions.current(), file(0, 10, MB)));
        Version v = add(6, file(100, 200, MB));
        assertEquals(6, dynamicLevels.levelFor(v, file(0, 10, MB)));
    }

    @Test
    void withDynamicTargetsATableOverlappingTheBaseLevelStaysAtLevelZero() throws IOException {
        Version v = add(6, file(5, 6, MB));
        assertEquals(0, dynamicLevels.levelFor(v, file(0, 10, MB)));
    }
}
