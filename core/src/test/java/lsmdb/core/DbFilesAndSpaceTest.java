package lsmdb.core;

import static lsmdb.core.TestData.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Disk space and file hygiene: compaction reclaims overwritten and deleted data and leaves no stray files. */
class DbFilesAndSpaceTest {

    @TempDir
    Path tmp;

    private static byte[] key(int i) {
        return b(String.format("%016d", i));
    }

    private static long dirBytes(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.mapToLong(p -> p.toFile().length()).sum();
        }
    }

    @Test
    void overwritingTenTimesAndCompactingStaysWithinOneAndAHalfTimesLiveData() throws Exception {
        int keys = 100_000;
        Path dir = tmp.resolve("db");
        Random r = new Random(7);
        byte[] value = new byte[100];
        try (LsmDb db = LsmDb.open(dir, Options.defaults().withSync(false))) {
            for (int round = 0; round < 10; round++) {
                WriteBatch batch = new WriteBatch();
                for (int i = 0; i < keys; i++) {
                    r.nextBytes(value);
                    batch.put(key(i), value.clone());
                    if (batch.count() == 1000) {
                        db.write(batch);
                        batch = new WriteBatch();
                    }
                }
                db.write(batch);
            }
            db.compactRange(null, null);
            long live = keys * (16L + 100);
            long disk = dirBytes(dir);
            System.out.printf("space: live data %d bytes, directory %d bytes (%.3fx)%n", live, disk, disk / (double) live);
            assertTrue(disk <= live * 1.5, "directory holds " + disk + " bytes for " + live + " bytes of live data\n"
                    + db.property("lsmdb.stats"));
            assertNotNull(db.get(key(keys - 1)));
        }
    }

    @Test
    void rangeDeleteIsReclaimedByCompaction() throws Exception {
        Path dir = tmp.resolve("db");
        try (LsmDb db = LsmDb.open(dir, Options.defaults().withSync(false).withWriteBufferSize(256 << 10))) {
            byte[] value = new byte[100];
            for (int i = 0; i < 50_000; i++) {
                db.put(key(i), value);
            }
            db.flush();
            long before = dirBytes(dir);
            db.deleteRange(key(0), key(45_000));
            assertNull(db.get(key(10)));
            assertNotNull(db.get(key(45_000)));
            db.compactRange(null, null);
            long after = dirBytes(dir);
            assertTrue(after < before / 4, "range delete should free space: " + before + " -> " + after);
            assertEquals("0", db.property("lsmdb.range-tombstones"), "tombstone should retire once nothing is under it");
            assertNull(db.get(key(10)));
            assertNotNull(db.get(key(49_999)));
        }
        try (LsmDb db = LsmDb.open(dir, Options.defaults())) {
            assertNull(db.get(key(44_999)));
            assertNotNull(db.get(key(45_000)));
        }
    }

    @Test
    void noObsoleteFilesRemainAfterCompactionAndReopen() throws Exception {
        Path dir = tmp.resolve("db");
        Options o = Options.defaults().withSync(false).withWriteBufferSize(64 << 10).withTargetFileSize(64 << 10)
                .withMaxBytesForLevelBase(256 << 10);
        Random r = new Random(3);
        try (LsmDb db = LsmDb.open(dir, o)) {
            for (int i = 0; i < 40_000; i++) {
                db.put(key(r.nextInt(20_000)), ByteBuffer.allocate(40).putInt(i).array());
            }
            db.compactRange(null, null);
        }
        try (LsmDb db = LsmDb.open(dir, o)) {
            String stats = db.property("lsmdb.stats");
            long tables = 0;
            for (int l = 0; l < 7; l++) {
                tables += Long.parseLong(db.property("lsmdb.num-files-at-level" + l));
            }
            List<String> names;
            try (Stream<Path> s = Files.list(dir)) {
                names = s.map(p -> p.getFileName().toString()).sorted().toList();
            }
            long sst = names.stream().filter(n -> n.endsWith(".sst")).count();
            long logs = names.stream().filter(n -> n.endsWith(".log")).count();
            long manifests = names.stream().filter(n -> n.startsWith("MANIFEST-")).count();
            assertEquals(tables, sst, "every table file is live: " + names + "\n" + stats);
            String spare = db.property("lsmdb.preallocated-log");
            assertEquals(spare.isEmpty() ? 1 : 2, logs, "one live WAL (and the preallocated next one, " + spare + "): "
                    + names);
            assertTrue(spare.isEmpty() || names.contains(spare), spare + " in " + names);
            assertEquals(1, manifests, "one MANIFEST: " + names);
            assertTrue(names.containsAll(Arrays.asList("CURRENT", "LOCK", "LOG")), names.toString());
        }
    }

    /**
     * A durable database writes into logs made ahead of time (zeros, grown a step at a time ahead of the writer), so
     * its fsyncs overwrite instead of append. Switching into them, replaying them after a reopen (data then zeros)
     * and dropping the unused one at close all keep every write.
     */
    @Test
    void durableDatabasesWriteIntoPreallocatedLogsAndLoseNothing() throws Exception {
        Path dir = tmp.resolve("durable");
        Options o = Options.defaults().withSync(true).withWriteBufferSize(64 << 10);
        int n = 3000;
        for (int round = 0; round < 2; round++) {
            try (LsmDb db = LsmDb.open(dir, o)) {
                for (int i = 0; i < n; i++) {
                    if (i % 100 == 0) {
                        waitForSpareLog(db, dir);
                    }
                    db.put(key(round * n + i), b("v" + i + "-" + "x".repeat(60)));
                }
                waitForSpareLog(db, dir);
                for (int i = 0; i < (round + 1) * n; i++) {
                    assertNotNull(db.get(key(i)), "key " + i);
                }
            }
            try (Stream<Path> s = Files.list(dir)) {
                List<Path> logs = s.filter(p -> p.toString().endsWith(".log")).toList();
                assertEquals(1, logs.size(), "the unused preallocated log is removed at close: " + logs);
                long size = Files.size(logs.get(0));
                assertTrue(size >= 64 << 10 && size <= (80 << 10) + (64 << 10),
                        "the live log keeps its preallocated steps, no more than a step past a memtable's worth: " + size);
            }
        }
        try (LsmDb db = LsmDb.open(dir, o)) {
            for (int i = 0; i < 2 * n; i++) {
                assertEquals("v" + (i % n) + "-" + "x".repeat(60), new String(db.get(key(i))), "key " + i);
            }
            assertTrue(db.property("lsmdb.stats").contains("flushes"), "reopened");
        }
    }

    /**
     * A database without sync keeps its live log ahead of its records (a mapped region), so synced writes among its
     * unsynced ones overwrite space the file already has instead of growing it at every fsync; every write replays.
     */
    @Test
    void syncedWritesOfANonDurableDatabaseDoNotGrowItsLogAtEachSync() throws Exception {
        Path dir = tmp.resolve("sync-on-demand");
        Options o = Options.defaults().withSync(false).withWriteBufferSize(4L << 20);
        int n = 500;
        try (LsmDb db = LsmDb.open(dir, o)) {
            for (int i = 0; i < n; i++) {
                db.put(key(i), b("v" + i));
            }
            for (int i = n; i < 2 * n; i++) {
                db.write(new WriteBatch().put(key(i), b("v" + i)), true);
            }
            long records = 2L * n * (7 + 12 + 16 + 8); // log header, batch header, key, value and lengths: ~43 KB
            long logs = logBytes(dir);
            assertTrue(logs >= 64 << 10 && logs > records,
                    "the live log runs ahead of its ~" + records + " bytes of records: " + logs);
        }
        try (LsmDb db = LsmDb.open(dir, o)) {
            for (int i = 0; i < 2 * n; i++) {
                assertEquals("v" + i, new String(db.get(key(i))), "key " + i);
            }
        }
    }

    /** Bounded preallocation: a durable database holding 100 KB keeps two logs of one step each, not 2 x 5 MB. */
    @Test
    void aSmallDurableDatabaseKeepsSmallLogs() throws Exception {
        Path dir = tmp.resolve("small-durable");
        try (LsmDb db = LsmDb.open(dir, Options.defaults())) {
            for (int i = 0; i < 1000; i++) {
                db.put(key(i), new byte[100]);
            }
            waitForSpareLog(db);
            long logs = logBytes(dir);
            assertTrue(logs < 3 << 20, "logs hold " + logs + " bytes for 100 KB of data");
        }
        try (LsmDb db = LsmDb.open(dir, Options.defaults())) {
            for (int i = 0; i < 1000; i++) {
                assertEquals(100, db.get(key(i)).length, "key " + i);
            }
        }
    }

    /** A log written well past its first step grows ahead of its data, and replays whole after a reopen. */
    @Test
    void aDurableLogGrowsInStepsAndReplaysWhole() throws Exception {
        Path dir = tmp.resolve("growing");
        Options o = Options.defaults().withWriteBufferSize(64L << 20); // one log for the whole test
        byte[] value = new byte[1000];
        int n = 4000; // about 4 MB: four 1 MiB steps
        try (LsmDb db = LsmDb.open(dir, o)) {
            WriteBatch batch = new WriteBatch();
            for (int i = 0; i < n; i++) {
                value[0] = (byte) i;
                batch.put(key(i), value.clone());
                if (batch.count() == 20) {
                    db.write(batch); // a synced write of 20 KB: 200 syncs, each growing the log when near its end
                    batch = new WriteBatch();
                }
            }
            waitForSpareLog(db);
            long logs = logBytes(dir) - Files.size(dir.resolve(db.property("lsmdb.preallocated-log")));
            long data = Long.parseLong(db.property("lsmdb.wal-bytes"));
            assertTrue(logs >= data && logs <= data + (2 << 20), "live log " + logs + " bytes for " + data + " of data");
        }
        try (LsmDb db = LsmDb.open(dir, o)) {
            for (int i = 0; i < n; i++) {
                byte[] v = db.get(key(i));
                assertEquals(1000, v.length, "key " + i);
                assertEquals((byte) i, v[0], "key " + i);
            }
        }
    }

    private static long logBytes(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".log")).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void waitForSpareLog(LsmDb db) throws Exception {
        for (int i = 0; i < 500 && db.property("lsmdb.preallocated-log").isEmpty(); i++) {
            Thread.sleep(2);
        }
        assertTrue(!db.property("lsmdb.preallocated-log").isEmpty(), "the flush thread prepares the next log");
    }

    private static void waitForSpareLog(LsmDb db, Path dir) throws Exception {
        for (int i = 0; i < 500 && db.property("lsmdb.preallocated-log").isEmpty(); i++) {
            Thread.sleep(2);
        }
        String spare = db.property("lsmdb.preallocated-log");
        assertTrue(!spare.isEmpty(), "the flush thread prepares the next log");
        assertEquals(64 << 10, Files.size(dir.resolve(spare)), "one preallocation step (at least 64 KiB)");
    }
}
