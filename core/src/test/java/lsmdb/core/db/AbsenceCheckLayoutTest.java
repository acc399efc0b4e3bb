package lsmdb.core.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import lsmdb.core.Options;
import lsmdb.core.cache.BlockCache;
import lsmdb.core.cache.TableCache;
import lsmdb.core.format.DbFiles;
import lsmdb.core.format.InternalKey;
import lsmdb.core.io.MemFileSystem;
import lsmdb.core.io.WritableFile;
import lsmdb.core.memtable.MemTable;
import lsmdb.core.sstable.TableBuilder;
import lsmdb.core.version.FileMetaData;
import lsmdb.core.version.Version;
import lsmdb.core.version.VersionEdit;
import lsmdb.core.version.VersionSet;
import org.junit.jupiter.api.Test;

/**
 * {@link AbsenceCheck} over hand-made levels: overlapping level-0 files, deeper levels of one or many files whose
 * declared ranges reach past their keys and leave gaps, keys before, between and past every file. Every key a table
 * holds must be "maybe"; most keys none holds must be ruled out, so a check that skipped the file holding a key, or
 * probed none, fails.
 */
class AbsenceCheckLayoutTest {

    private final MemFileSystem fs = new MemFileSystem();
    private final Path dir = Path.of("/db");
    private final VersionSet versions = new VersionSet(dir, fs, s -> { });
    private final TableCache tables = new TableCache(fs, dir, Options.defaults(), new BlockCache(1 << 20));
    private final AbsenceCheck check;
    private long nextNumber = 10;

    AbsenceCheckLayoutTest() {
        MemTables memTables = new MemTables(1 << 20);
        memTables.start(new MemTable(1 << 20), 0, true); // empty: the tables alone answer
        check = new AbsenceCheck(memTables, versions, tables);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A table of {@code keys} (sorted), declared to span [{@code smallest}, {@code largest}], opened in the cache. */
    private FileMetaData table(List<String> keys, String smallest, String largest) throws IOException {
        long number = nextNumber++;
        Path path = DbFiles.table(dir, number);
        fs.createDirectories(dir);
        long size;
        try (WritableFile f = fs.create(path)) {
            TableBuilder builder = new TableBuilder(Options.defaults(), f);
            for (String k : keys) {
                builder.add(InternalKey.encode(b(k), 5, InternalKey.KIND_PUT), b("v"));
            }
            size = builder.finish();
        }
        tables.openAhead(number, size);
        return new FileMetaData(number, size, InternalKey.encode(b(smallest), 5, InternalKey.KIND_PUT),
                InternalKey.encode(b(largest), 5, InternalKey.KIND_PUT), 5);
    }

    private static List<String> keys(String prefix, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(String.format("%s%03d", prefix, i));
        }
        return out;
    }

    @Test
    void eachFileOfASortedLevelAnswersForItsOwnRange() throws IOException {
        List<String> second = new ArrayList<>(List.of("m"));
        second.addAll(keys("n", 50));
        VersionEdit edit = new VersionEdit()
                .addFile(1, table(keys("a", 50), "a000", "l")) // declared past its last key, "a049"
                .addFile(1, table(second, "m", "n049"))
                .addFile(1, table(keys("p", 50), "p000", "p049"));
        versions.applyInMemory(edit);
        assertTrue(check.mayExist(b("m")), "\"m\" opens the second file");
        for (String k : keys("a", 50)) {
            assertTrue(check.mayExist(b(k)), k);
        }
        for (String k : keys("n", 50)) {
            assertTrue(check.mayExist(b(k)), k);
        }
        for (String k : keys("p", 50)) {
            assertTrue(check.mayExist(b(k)), k);
        }
        // Before every file, within a range but not its table, in a gap, past every file: ruled out (bar a rare
        // filter false positive).
        int ruledOut = 0;
        for (String prefix : List.of("0", "b", "o", "z")) {
            for (String k : keys(prefix, 100)) {
                ruledOut += check.mayExist(b(k)) ? 0 : 1;
            }
        }
        assertTrue(ruledOut > 380, ruledOut + " of 400 absent keys ruled out");
    }

    /**
     * The check probes one file per deeper level, the first reaching the key; that is right only because no version
     * holds a sorted level where versions of one user key straddle two neighbouring files (compaction cuts its
     * outputs between user keys). A version that would is refused, and the check keeps answering from the last one.
     */
    @Test
    void aUserKeyStraddlingTwoFilesOfASortedLevelIsRefused() throws IOException {
        versions.applyInMemory(new VersionEdit().addFile(1, table(keys("a", 20), "a000", "a019")));
        VersionEdit straddling = new VersionEdit()
                .addFile(2, table(List.of("k", "m"), "k", "m"))
                .addFile(2, table(List.of("m", "n"), "m", "n")); // "m" again: an older version, say
        assertThrows(IllegalStateException.class, () -> versions.applyInMemory(straddling));
        assertEquals(0, versions.current().files(2).size());
        for (String k : keys("a", 20)) {
            assertTrue(check.mayExist(b(k)), k);
        }
    }

    @Test
    void randomLayoutsNeverRuleOutAHeldKey() throws IOException {
        randomLayoutNeverRulesOutAHeldKey(new Random(42), 1, 2, 3, 4, 5, 6);
    }

    /** Empty levels between and below filled ones: the check must still find each filled level's files. */
    @Test
    void randomLayoutsWithEmptyLevelsNeverRuleOutAHeldKey() throws IOException {
        randomLayoutNeverRulesOutAHeldKey(new Random(43), 2, 5);
    }

    /** Level 0 and each of {@code filled}: random files over random keys; held keys maybe, absent ones mostly not. */
    private void randomLayoutNeverRulesOutAHeldKey(Random r, int... filled) throws IOException {
        TreeSet<String> held = new TreeSet<>();
        VersionEdit edit = new VersionEdit();
        for (int i = 0; i < 4; i++) { // level 0: overlapping files over random stretches of the key space
            List<String> ks = new ArrayList<>(new TreeSet<>(randomKeys(r, 30)));
            held.addAll(ks);
            edit.addFile(0, table(ks, ks.get(0), ks.get(ks.size() - 1)));
        }
        for (int level : filled) {
            TreeSet<String> levelKeys = new TreeSet<>(randomKeys(r, 20 * level));
            held.addAll(levelKeys);
            List<String> sorted = new ArrayList<>(levelKeys);
            int from = 0;
            while (from < sorted.size()) {
                int to = Math.min(sorted.size(), from + 1 + r.nextInt(12));
                List<String> part = sorted.subList(from, to);
                // Sometimes the declared range runs on into the gap before the next file, past the table's keys.
                String last = part.get(part.size() - 1);
                boolean runOn = to < sorted.size() && r.nextBoolean();
                edit.addFile(level, table(part, part.get(0), runOn ? last + "~" : last));
                from = to;
            }
        }
        versions.applyInMemory(edit);
        for (int level = 1; level < Version.NUM_LEVELS; level++) {
            int l = level;
            assertEquals(Arrays.stream(filled).anyMatch(f -> f == l),
                    !versions.current().files(level).isEmpty(), "level " + level);
        }
        for (String k : held) {
            assertTrue(check.mayExist(b(k)), k + " is held but was ruled out");
        }
        int ruledOut = 0;
        int absent = 0;
        for (String k : randomKeys(r, 2000)) {
            if (!held.contains(k)) {
                absent++;
                ruledOut += check.mayExist(b(k)) ? 0 : 1;
            }
        }
        assertTrue(ruledOut > absent * 9 / 10, ruledOut + " of " + absent + " absent keys ruled out");
    }

    private static List<String> randomKeys(Random r, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(String.format("k%05d", r.nextInt(100_000)));
        }
        return out;
    }
}
