package lsmdb.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database written by the build before tables carried per-block counts (2867447; its writer is
 * {@code old-tables-2867447/History.java.txt}, whose history {@link #history} repeats): it opens, its counts match the
 * model, and they still do once new tables (with counts) lie beside and over the old ones, and after all are
 * rewritten.
 */
class OldTablesCountTest {

    @TempDir
    Path dir;

    private static final Options OPTIONS = Options.defaults().withSync(false).withBlockSize(256)
            .withWriteBufferSize(64 * 1024);

    /** The writes History.java made, applied to the model. */
    private static NavigableMap<byte[], byte[]> history() {
        NavigableMap<byte[], byte[]> model = new TreeMap<>(Arrays::compareUnsigned);
        Random rnd = new Random(20261129);
        for (int round = 0; round < 8; round++) {
            for (int i = 0; i < 600; i++) {
                byte[] k = String.format("k%05d", rnd.nextInt(3000)).getBytes();
                if (rnd.nextInt(5) == 0) {
                    model.remove(k);
                } else {
                    byte[] v = new byte[rnd.nextInt(12)];
                    rnd.nextBytes(v);
                    model.put(k, v);
                }
            }
        }
        return model;
    }

    @Test
    void oldTablesCountAloneBesideNewOnesAndRewritten() throws IOException, URISyntaxException {
        Path fixture = Path.of(getClass().getResource("old-tables-2867447/CURRENT").toURI()).getParent();
        Path db = dir.resolve("db");
        Files.createDirectories(db);
        try (var files = Files.list(fixture)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (!f.getFileName().toString().endsWith(".txt")) {
                    Files.copy(f, db.resolve(f.getFileName()));
                }
            }
        }
        NavigableMap<byte[], byte[]> model = history();
        Random rnd = new Random(7);
        assertTrue(model.size() > 1000, "fixture model of " + model.size() + " keys");
        try (LsmDb old = LsmDb.open(db, OPTIONS.withReadOnly(true))) {
            check(old, model, rnd); // the old tables alone: a read-only open compacts nothing
        }
        try (LsmDb lsm = LsmDb.open(db, OPTIONS)) {
            for (int round = 0; round < 6; round++) {
                for (int i = 0; i < 300; i++) {
                    byte[] k = String.format("k%05d", rnd.nextInt(3200)).getBytes();
                    if (rnd.nextInt(6) == 0) {
                        lsm.delete(k);
                        model.remove(k);
                    } else {
                        byte[] v = new byte[rnd.nextInt(12)];
                        lsm.put(k, v);
                        model.put(k, v);
                    }
                }
                if (round % 2 == 0) {
                    lsm.flush(); // a new table in level 0 over the old ones
                } else {
                    byte[] a = String.format("k%05d", rnd.nextInt(3000)).getBytes();
                    lsm.compactRange(a, String.format("k%05d", 3000 + rnd.nextInt(200)).getBytes());
                }
                check(lsm, model, rnd);
            }
            lsm.compactRange(null, null);
            check(lsm, model, rnd);
        }
    }

    private static void check(LsmDb lsm, NavigableMap<byte[], byte[]> model, Random rnd) {
        for (int q = 0; q < 200; q++) {
            int a = rnd.nextInt(3300);
            int b = a + rnd.nextInt(q % 4 == 0 ? 3300 : 400);
            byte[] from = String.format("k%05d", a).getBytes();
            byte[] to = String.format("k%05d", b).getBytes();
            try (LsmIterator it = lsm.iterator(null, from, to)) {
                it.seekToFirst();
                assertEquals(model.subMap(from, true, to, false).size(), it.countRest(null), a + ".." + b);
            }
        }
    }
}
