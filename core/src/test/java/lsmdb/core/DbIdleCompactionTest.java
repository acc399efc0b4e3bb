package lsmdb.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Level 0 below its compaction trigger is compacted away once writes go idle, so the reads that follow probe no
 * level-0 file; what the database holds is unchanged (checked against a TreeMap).
 */
class DbIdleCompactionTest {

    @TempDir
    Path tmp;

    private static byte[] key(int i) {
        return String.format("%08d", i).getBytes();
    }

    private static long level0(LsmDb db) {
        return Long.parseLong(db.property("lsmdb.num-files-at-level0"));
    }

    @Test
    void levelZeroUnderTheTriggerIsCompactedAwayWhenWritesGoIdle() throws Exception {
        Options options = Options.defaults().withSync(false).withWriteBufferSize(1 << 20); // one flush per round
        TreeMap<String, byte[]> model = new TreeMap<>();
        Random random = new Random(7);
        try (LsmDb db = LsmDb.open(tmp.resolve("db"), options)) {
            // Three whole-range flushes: the first goes to the last level, the next two stay at level 0 (trigger 4).
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 2000; i++) {
                    int k = random.nextInt(5000);
                    byte[] v = ("r" + round + "-" + random.nextInt()).getBytes();
                    db.put(key(k), v);
                    model.put(new String(key(k)), v);
                }
                if (round == 1) {
                    db.delete(key(17));
                    model.remove(new String(key(17)));
                }
                db.flush();
            }
            assertEquals("3", db.property("lsmdb.flush-count"));
            for (int i = 0; i < 600 && level0(db) > 0; i++) {
                Thread.sleep(50);
            }
            assertEquals(0, level0(db), "level 0 left behind after writes went idle\n" + db.property("lsmdb.stats"));
            assertTrue(Long.parseLong(db.property("lsmdb.idle-compactions")) >= 1, db.property("lsmdb.stats"));
            for (Map.Entry<String, byte[]> e : model.entrySet()) {
                assertArrayEquals(e.getValue(), db.get(e.getKey().getBytes()), e.getKey());
            }
            assertEquals(null, db.get(key(17)));
            try (LsmIterator it = db.iterator()) {
                it.seekToFirst();
                for (Map.Entry<String, byte[]> e : model.entrySet()) {
                    assertTrue(it.isValid());
                    assertEquals(e.getKey(), new String(it.key()));
                    assertArrayEquals(e.getValue(), it.value());
                    it.next();
                }
                assertTrue(!it.isValid());
            }
        }
    }

    @Test
    void upperLevelsSettleIntoTheLastOneWhenWritesGoIdle() throws Exception {
        Options options = Options.defaults().withSync(false).withWriteBufferSize(64 << 10)
                .withMaxBytesForLevelBase(256 << 10).withTargetFileSize(64 << 10);
        TreeMap<String, byte[]> model = new TreeMap<>();
        Random random = new Random(11);
        Path dir = tmp.resolve("settle");
        try (LsmDb db = LsmDb.open(dir, options)) {
            // On a loaded machine writes stall and the score-driven compactions may carry everything down before
            // writes go idle: then nothing is left for the idle ones, so another round is written.
            boolean idleStarted = false;
            Snapshot held = null; // held through the settling: the versions it sees must survive the idle merges
            TreeMap<String, byte[]> heldView = null;
            for (int round = 0; round < 5 && !idleStarted; round++) {
                writeRound(db, model, random);
                if (held == null) {
                    held = db.snapshot();
                    heldView = new TreeMap<>(model);
                }
                idleStarted = idleStartsBeforeTheUpperLevelsEmpty(db);
            }
            assertTrue(idleStarted, "no round left work above the last level for idle compaction\n"
                    + db.property("lsmdb.stats"));
            boolean settled = false;
            for (int i = 0; i < 600 && !settled; i++) {
                Thread.sleep(50);
                settled = upperLevelsEmpty(db);
            }
            assertTrue(settled, "levels above the last left behind\n" + db.property("lsmdb.stats"));
            checkAgainst(db, model);
            checkSnapshot(db, held, heldView);
            held.close();
        }
        try (LsmDb db = LsmDb.open(dir, options)) {
            checkAgainst(db, model);
        }
    }

    private static void writeRound(LsmDb db, TreeMap<String, byte[]> model, Random random) throws Exception {
        for (int i = 0; i < 60_000; i++) {
            int k = random.nextInt(20_000);
            byte[] v = new byte[60];
            random.nextBytes(v);
            if (i % 50 == 0) {
                db.delete(key(k));
                model.remove(new String(key(k)));
            } else {
                db.put(key(k), v);
                model.put(new String(key(k)), v);
            }
        }
        db.flush();
    }

    /** Waits for an idle compaction to start (true) or for the levels above the last to empty without one. */
    private static boolean idleStartsBeforeTheUpperLevelsEmpty(LsmDb db) throws Exception {
        long before = Long.parseLong(db.property("lsmdb.idle-compactions"));
        for (int i = 0; i < 1500; i++) {
            if (Long.parseLong(db.property("lsmdb.idle-compactions")) > before) {
                return true;
            }
            if (upperLevelsEmpty(db)) {
                return false;
            }
            Thread.sleep(20);
        }
        return false;
    }

    private static boolean upperLevelsEmpty(LsmDb db) {
        for (int l = 0; l < 6; l++) {
            if (!db.property("lsmdb.num-files-at-level" + l).equals("0")) {
                return false;
            }
        }
        return true;
    }

    private static void checkSnapshot(LsmDb db, Snapshot snapshot, TreeMap<String, byte[]> view) throws Exception {
        try (LsmIterator it = db.iterator(snapshot, null, null)) {
            it.seekToFirst();
            for (Map.Entry<String, byte[]> e : view.entrySet()) {
                assertTrue(it.isValid(), "missing at the snapshot " + e.getKey());
                assertEquals(e.getKey(), new String(it.key()));
                assertArrayEquals(e.getValue(), it.value());
                it.next();
            }
            assertTrue(!it.isValid());
        }
    }

    /** The database holds exactly the model: every key in order through an iterator, and sampled keys by get. */
    static void checkAgainst(LsmDb db, TreeMap<String, byte[]> model) throws Exception {
        try (LsmIterator it = db.iterator()) {
            it.seekToFirst();
            for (Map.Entry<String, byte[]> e : model.entrySet()) {
                assertTrue(it.isValid(), "missing " + e.getKey());
                assertEquals(e.getKey(), new String(it.key()));
                assertArrayEquals(e.getValue(), it.value());
                it.next();
            }
            assertTrue(!it.isValid());
        }
        for (int k = 0; k < 20_000; k += 37) {
            assertArrayEquals(model.get(new String(key(k))), db.get(key(k)), "key " + k);
        }
    }
}
