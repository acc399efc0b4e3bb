package lsmdb.core;

import static lsmdb.core.TestData.b;
import static lsmdb.core.TestData.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repair rebuilds a lost or damaged MANIFEST from the tables and logs present: every key comes back with its
 * newest value (tables from several levels, overwrites, deletes, a range delete and rows only in the log), and a
 * table that cannot be read is moved to lost/.
 */
class RepairerTest {

    @TempDir
    Path tmp;

    private final TreeMap<String, String> model = new TreeMap<>();
    private final Options options = Options.defaults().withSync(false).withWriteBufferSize(64 << 10);

    private Path buildDatabase() throws IOException {
        Path dir = tmp.resolve("db");
        try (LsmDb db = LsmDb.open(dir, options)) {
            for (int i = 0; i < 3000; i++) {
                put(db, i, "v1-" + i);
            }
            db.flush();
            db.compactRange(null, null); // the first versions go deep
            for (int i = 0; i < 3000; i += 3) {
                put(db, i, "v2-" + i); // newer versions in level 0 over older ones below
            }
            db.flush();
            for (int i = 1; i < 3000; i += 7) {
                db.delete(b(key(i)));
                model.remove(key(i));
            }
            db.flush();
            // A range delete still in the log: repair salvages it. (One already flushed lives only in the MANIFEST,
            // so a lost MANIFEST loses it: see Repairer.)
            db.deleteRange(b(key(2000)), b(key(2100)));
            model.subMap(key(2000), key(2100)).clear();
            for (int i = 2900; i < 3100; i++) {
                put(db, i, "v3-" + i); // only in the log
            }
            assertTrue(Integer.parseInt(db.property("lsmdb.num-files-at-level0")) > 0);
        }
        return dir;
    }

    private static String key(int i) {
        return String.format("key%05d", i);
    }

    private void put(LsmDb db, int i, String value) throws IOException {
        db.put(b(key(i)), b(value + "-" + "p".repeat(40)));
        model.put(key(i), value + "-" + "p".repeat(40));
    }

    private void assertHoldsTheModel(Path dir) throws IOException {
        try (LsmDb db = LsmDb.open(dir, options)) {
            Map<String, String> found = new TreeMap<>();
            try (LsmIterator it = db.iterator()) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    found.put(s(it.key()), s(it.value()));
                }
            }
            List<String> wrong = new java.util.ArrayList<>();
            for (String k : new java.util.TreeSet<>(java.util.Set.copyOf(
                    Stream.concat(model.keySet().stream(), found.keySet().stream()).toList()))) {
                if (!java.util.Objects.equals(model.get(k), found.get(k)) && wrong.size() < 5) {
                    wrong.add(k + ": expected " + model.get(k) + ", found " + found.get(k));
                }
            }
            assertEquals(List.of(), wrong, "first differences of " + model.size() + " expected rows, " + found.size()
                    + " found");
            for (int i = 0; i < 3100; i++) {
                assertEquals(model.get(key(i)), s(db.get(b(key(i)))), key(i));
            }
        }
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static Path manifest(Path dir) throws IOException {
        return dir.resolve(Files.readString(dir.resolve("CURRENT"), StandardCharsets.UTF_8).trim());
    }

    @Test
    void deletedManifestIsRebuiltWithEveryKey() throws IOException {
        Path dir = buildDatabase();
        Files.delete(manifest(dir));
        assertThrows(IOException.class, () -> LsmDb.open(dir, options).close());
        Repairer.Report report = Repairer.repair(dir, options);
        assertTrue(report.tables() > 1 && report.entries() > 3000, report.toString());
        assertTrue(report.actions().stream().anyMatch(a -> a.contains("replayed")), report.toString());
        assertHoldsTheModel(dir);
    }

    @Test
    void corruptedManifestIsRebuiltWithEveryKey() throws IOException {
        Path dir = buildDatabase();
        Path manifest = manifest(dir);
        try (RandomAccessFile f = new RandomAccessFile(manifest.toFile(), "rw")) {
            f.seek(20);
            int v = f.read();
            f.seek(20);
            f.write(v ^ 0x55);
        }
        assertInstanceOf(CorruptionException.class, assertThrows(IOException.class, () -> LsmDb.open(dir, options)));
        Repairer.Report report = Repairer.repair(dir, options);
        assertTrue(Files.exists(dir.resolve("lost").resolve(manifest.getFileName())), "the old MANIFEST is kept");
        assertTrue(report.actions().size() > 1, report.toString());
        assertHoldsTheModel(dir);
    }

    @Test
    void repairingAHealthyDatabaseChangesNoRow() throws IOException {
        Path dir = buildDatabase();
        Repairer.repair(dir, options);
        assertHoldsTheModel(dir);
        Repairer.repair(dir, options); // twice: lost/ keeps both runs' files
        assertHoldsTheModel(dir);
    }

    @Test
    void corruptTableIsMovedToLost() throws IOException {
        Path dir = buildDatabase();
        List<Path> tables = files(dir, ".sst");
        Path victim = tables.get(0);
        try (RandomAccessFile f = new RandomAccessFile(victim.toFile(), "rw")) {
            f.seek(10);
            int v = f.read();
            f.seek(10);
            f.write(v ^ 0x55);
        }
        Repairer.Report report = Repairer.repair(dir, options);
        assertTrue(Files.exists(dir.resolve("lost").resolve(victim.getFileName())), report.toString());
        assertTrue(report.filesMovedToLost() >= 1);
        assertTrue(report.actions().stream().anyMatch(a -> a.contains(victim.getFileName().toString())),
                report.toString());
        try (LsmDb db = LsmDb.open(dir, options)) {
            // the rows of the other tables and the log are there; the damaged table's are gone, nothing is wrong
            assertEquals(model.get(key(3050)), s(db.get(b(key(3050)))));
            int present = 0;
            try (LsmIterator it = db.iterator()) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    String k = s(it.key());
                    String v = s(it.value());
                    assertTrue(v.startsWith("v1-") || v.equals(model.get(k)), k + " = " + v);
                    present++;
                }
            }
            assertTrue(present > 100, "rows of the readable tables: " + present);
        }
    }

    /** Range deletes recorded only in the MANIFEST are taken from its readable records. */
    @Test
    void rangeDeletesInTheReadablePartOfADamagedManifestAreKept() throws IOException {
        Path dir = tmp.resolve("ranges");
        try (LsmDb db = LsmDb.open(dir, options)) {
            for (int i = 0; i < 500; i++) {
                put(db, i, "v1-" + i);
            }
            db.deleteRange(b(key(100)), b(key(200)));
            model.subMap(key(100), key(200)).clear();
            db.flush();
        }
        try (LsmDb db = LsmDb.open(dir, options)) { // a new MANIFEST: its first record holds the range delete
            put(db, 600, "v1-600");
            db.flush(); // and a second record, damaged below
        }
        Path manifest = manifest(dir);
        long size = Files.size(manifest);
        try (RandomAccessFile f = new RandomAccessFile(manifest.toFile(), "rw")) {
            f.seek(size - 3); // damage the last record only
            int v = f.read();
            f.seek(size - 3);
            f.write(v ^ 0x55);
        }
        Repairer.repair(dir, options);
        Path saved = dir;
        try (LsmDb db = LsmDb.open(saved, options)) {
            for (int i = 0; i < 500; i++) {
                assertEquals(model.get(key(i)), s(db.get(b(key(i)))), key(i));
            }
        }
    }
}
