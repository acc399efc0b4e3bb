package lsmdb.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dynamic level targets: after many overwrites and a reopen, background compaction alone (no compactRange) leaves
 * the tables close to the live data, because stale versions cannot sit in a deep level under a level that stays
 * below its target.
 */
class DbLevelSizingTest {

    private static final int KEYS = 50_000;
    private static final int VALUE = 120;

    @TempDir
    Path tmp;

    private static byte[] key(int i) {
        return String.format("%016d", i).getBytes();
    }

    /** Bytes of the newest version of every key: what a database with no stale data would hold. */
    private static long liveBytes() {
        return KEYS * (16L + VALUE);
    }

    @Test
    void overwrittenDataSettlesWithinFifteenPercentOfLiveDataWithoutManualCompaction() throws Exception {
        Report r = overwriteReopenAndSettle(Options.defaults().withWriteBufferSize(256 << 10));
        System.out.printf("dynamic levels: tables %d bytes, logs %d bytes, live %d bytes: %.3fx, %.3fx with logs%n%s",
                r.tables, r.logs, liveBytes(), r.tables / (double) liveBytes(),
                (r.tables + r.logs) / (double) liveBytes(), r.stats);
        assertTrue(r.tables <= liveBytes() * 1.15, "tables hold " + r.tables + " bytes for " + liveBytes()
                + " bytes of live data\n" + r.stats);
    }

    /** The same workload under LevelDB's fixed targets leaves a deep level of dead versions (the defect fixed). */
    @Test
    void fixedTargetsLeaveStaleVersionsBehind() throws Exception {
        Report r = overwriteReopenAndSettle(Options.defaults().withSync(false).withWriteBufferSize(256 << 10)
                .withDynamicLevelBytes(false));
        System.out.printf("fixed levels: tables %d bytes, live %d bytes: %.3fx%n%s", r.tables, liveBytes(),
                r.tables / (double) liveBytes(), r.stats);
        assertTrue(r.tables > liveBytes() * 1.5, "fixed targets are expected to keep dead data\n" + r.stats);
    }

    @Test
    void levelZeroCompactsIntoTheLastLevelWhileTheDatabaseIsSmall() throws Exception {
        Path dir = tmp.resolve("small");
        Options o = Options.defaults().withSync(false).withWriteBufferSize(64 << 10);
        Random random = new Random(5);
        try (LsmDb db = LsmDb.open(dir, o)) {
            for (int i = 0; i < 20_000; i++) {
                db.put(key(random.nextInt(10_000)), new byte[50]);
            }
            db.flush();
            db.compactRange(null, null);
            for (int l = 0; l < 6; l++) {
                assertEquals("0", db.property("lsmdb.num-files-at-level" + l), "level " + l + "\n"
                        + db.property("lsmdb.stats"));
            }
            assertTrue(Integer.parseInt(db.property("lsmdb.num-files-at-level6")) > 0, db.property("lsmdb.stats"));
        }
    }

    private record Report(long tables, long logs, String stats) {
    }

    private Report overwriteReopenAndSettle(Options o) throws Exception {
        Path dir = tmp.resolve("db" + System.nanoTime());
        byte[][] last = new byte[KEYS][];
        Random random = new Random(11);
        try (LsmDb db = LsmDb.open(dir, o)) {
            for (int round = 0; round < 8; round++) {
                WriteBatch batch = new WriteBatch();
                for (int i = 0; i < KEYS; i++) {
                    byte[] v = new byte[VALUE];
                    random.nextBytes(v);
                    last[i] = v;
                    batch.put(key(i), v);
                    if (batch.count() == 500) {
                        db.write(batch);
                        batch = new WriteBatch();
                    }
                }
                db.write(batch);
            }
        }
        try (LsmDb db = LsmDb.open(dir, o)) {
            settle(db);
            for (int i = 0; i < KEYS; i += 97) {
                assertArrayEquals(last[i], db.get(key(i)), "key " + i);
            }
            return new Report(Long.parseLong(db.property("lsmdb.total-table-bytes")), bytesOf(dir, ".log"),
                    db.property("lsmdb.stats"));
        }
    }

    /** Waits until no level asks for a compaction and the compaction count stays put. */
    static void settle(LsmDb db) throws InterruptedException {
        String lastCount = null;
        int quiet = 0;
        for (int i = 0; i < 1200 && quiet < 5; i++) {
            double max = 0;
            for (int l = 0; l < 6; l++) {
                max = Math.max(max, Double.parseDouble(db.property("lsmdb.score-at-level" + l)));
            }
            String count = db.property("lsmdb.compaction-count") + "/" + db.property("lsmdb.trivial-moves");
            quiet = max < 1 && count.equals(lastCount) ? quiet + 1 : 0;
            lastCount = count;
            Thread.sleep(50);
        }
    }

    private static long bytesOf(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(suffix)).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
