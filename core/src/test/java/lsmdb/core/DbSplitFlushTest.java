package lsmdb.core;

import static lsmdb.core.TestData.b;
import static lsmdb.core.TestData.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import lsmdb.core.cache.BlockCache;
import lsmdb.core.cache.TableCache;
import lsmdb.core.format.InternalIterator;
import lsmdb.core.format.InternalKey;
import lsmdb.core.io.FaultInjectingFileSystem;
import lsmdb.core.io.MemFileSystem;
import lsmdb.core.version.FileMetaData;
import lsmdb.core.version.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Flushes that cut a memtable into tables placed at different levels ({@code compaction.FlushSplit}): keys appended
 * in order ("s:" keys) beside keys written at random ("r:"), against a {@link TreeMap} model with snapshots held
 * across flushes, compactions and reopens; the layout checked for the LSM order (no version of a key below an older
 * one, no overlap within a level above 0); a failed split flush and a power loss after one losing nothing.
 */
class DbSplitFlushTest {

    @TempDir
    Path tmp;

    private static Options options(int partitionPrefix) {
        return Options.defaults().withSync(false).withWriteBufferSize(32 << 10).withBlockSize(512)
                .withTargetFileSize(8 << 10).withMaxBytesForLevelBase(16 << 10).withLevelSizeMultiplier(3)
                .withPartitionPrefixLength(partitionPrefix);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void appendedAndRandomWritesMatchTheModelWithPartitions(long seed) throws Exception {
        Path dir = tmp.resolve("db");
        long splits = run(seed, dir, options(2), 9000);
        assertTrue(splits > 0, () -> "some flush must have put tables at level 0 and at the last level: "
                + flushLines(dir));
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5})
    void appendedAndRandomWritesMatchTheModelWithoutPartitions(long seed) throws Exception {
        run(seed, tmp.resolve("db"), options(0), 9000);
    }

    @Test
    void inMemoryFileSystem() throws Exception {
        run(6, Path.of("/mem/db"), options(2).withFileSystem(new MemFileSystem()), 6000);
    }

    /** Flushes that cut the memtable, found in the LOG: one line naming tables at level 0 and at level 6. */
    private static long splitFlushes(Path dir) throws IOException {
        return Files.readAllLines(dir.resolve("LOG")).stream()
                .filter(l -> l.contains("flushed ") && l.contains("at level 0") && l.contains("at level 6")).count();
    }

    private static String flushLines(Path dir) {
        try {
            return String.join("\n", Files.readAllLines(dir.resolve("LOG")).stream().filter(l -> l.contains("flushed "))
                    .limit(30).toList());
        } catch (IOException e) {
            return e.toString();
        }
    }

    private record Snap(Snapshot snapshot, TreeMap<String, String> view) {
    }

    private static String seqKey(long i) {
        return String.format("s:%08d", i);
    }

    /** Returns how many flushes cut their memtable (counted from the LOG of each session, on disk only). */
    private long run(long seed, Path dir, Options options, int steps) throws Exception {
        boolean onDisk = options.fileSystem() instanceof lsmdb.core.io.RealFileSystem;
        long splits = 0;
        Random r = new Random(seed);
        TreeMap<String, String> model = TestData.model();
        List<Snap> snaps = new ArrayList<>();
        LsmDb db = LsmDb.open(dir, options);
        long next = 0;
        try {
            for (int step = 0; step < steps; step++) {
                int op = r.nextInt(100);
                if (op < 45) {
                    String k = seqKey(next++);
                    String v = TestData.value(r, 120);
                    db.put(b(k), b(v));
                    model.put(k, v);
                } else if (op < 60) {
                    String k = "r:" + TestData.key(r, 2000);
                    String v = TestData.value(r, 60);
                    db.put(b(k), b(v));
                    model.put(k, v);
                } else if (op < 63) {
                    String k = "r:" + TestData.key(r, 2000);
                    db.delete(b(k));
                    model.remove(k);
                } else if (op < 66 && next > 0) {
                    // an appended key written again or deleted: now it overlaps what is on disk
                    String k = seqKey(r.nextLong(next));
                    if (r.nextBoolean()) {
                        db.delete(b(k));
                        model.remove(k);
                    } else {
                        String v = TestData.value(r, 60);
                        db.put(b(k), b(v));
                        model.put(k, v);
                    }
                } else if (op < 67 && r.nextInt(3) == 0 && next > 10) {
                    String a = seqKey(r.nextLong(next));
                    String z = seqKey(r.nextLong(next));
                    if (a.compareTo(z) > 0) {
                        String t = a;
                        a = z;
                        z = t;
                    }
                    db.deleteRange(b(a), b(z));
                    model.subMap(a, z).clear();
                } else if (op < 77) {
                    String k = r.nextBoolean() ? "r:" + TestData.key(r, 2000) : seqKey(r.nextLong(next + 1));
                    assertEquals(model.get(k), s(db.get(b(k))), "get " + k + " at step " + step);
                } else if (op < 80 && snaps.size() < 4) {
                    snaps.add(new Snap(db.snapshot(), new TreeMap<>(model)));
                } else if (op < 83 && !snaps.isEmpty()) {
                    Snap sn = snaps.remove(r.nextInt(snaps.size()));
                    checkSnapshot(db, sn);
                    sn.snapshot().close();
                } else if (op < 84 && r.nextInt(8) == 0) {
                    checkAll(db, model);
                } else if (op < 85) {
                    db.flush();
                    checkLayout(db);
                } else if (op < 86 && r.nextInt(6) == 0) {
                    db.compactRange(null, null);
                    checkLayout(db);
                } else if (op < 87 && r.nextInt(6) == 0) {
                    for (Snap sn : snaps) {
                        checkSnapshot(db, sn);
                        sn.snapshot().close();
                    }
                    snaps.clear();
                    db.close();
                    splits += onDisk ? splitFlushes(dir) : 0;
                    db = LsmDb.open(dir, options);
                    checkAll(db, model);
                    checkLayout(db);
                } else if (op < 88 && !snaps.isEmpty()) {
                    checkSnapshot(db, snaps.get(r.nextInt(snaps.size())));
                }
            }
            checkAll(db, model);
            for (Snap sn : snaps) {
                checkSnapshot(db, sn);
            }
            checkLayout(db);
        } finally {
            db.close();
        }
        splits += onDisk ? splitFlushes(dir) : 0;
        db = LsmDb.open(dir, options);
        try {
            checkAll(db, model);
            checkLayout(db);
        } finally {
            db.close();
        }
        return splits;
    }

    private static void checkAll(LsmDb db, TreeMap<String, String> model) throws Exception {
        try (LsmIterator it = db.iterator()) {
            assertEquals(TestData.entries(model), TestData.scan(it));
        }
        for (Map.Entry<String, String> e : model.entrySet()) {
            assertEquals(e.getValue(), s(db.get(b(e.getKey()))), "get " + e.getKey());
        }
    }

    private static void checkSnapshot(LsmDb db, Snap sn) throws Exception {
        try (LsmIterator it = db.iterator(sn.snapshot())) {
            assertEquals(TestData.entries(sn.view()), TestData.scan(it), "snapshot scan");
        }
        for (Map.Entry<String, String> e : sn.view().entrySet()) {
            assertEquals(e.getValue(), s(db.get(b(e.getKey()), sn.snapshot())), "snapshot get " + e.getKey());
        }
    }

    static DbImpl impl(LsmDb db) throws ReflectiveOperationException {
        Field f = LsmDb.class.getDeclaredField("impl");
        f.setAccessible(true);
        return (DbImpl) f.get(db);
    }

    /**
     * The LSM order in the current version: files of a level above 0 sorted and disjoint, and every version of a key
     * at a shallower level newer than every version of it deeper down (level 0 above all).
     */
    static void checkLayout(LsmDb db) throws Exception {
        DbImpl impl = impl(db);
        Version v;
        do {
            v = impl.currentVersion();
        } while (!v.tryRef());
        TableCache tables = new TableCache(impl.fileSystem(), db.directory(), db.options(), new BlockCache(1 << 20));
        try {
            // user key -> {shallowest level seen, smallest sequence there} per level, checked as levels descend
            Map<String, long[]> oldestAbove = new HashMap<>();
            for (int level = 0; level < Version.NUM_LEVELS; level++) {
                List<FileMetaData> files = v.files(level);
                Map<String, long[]> atLevel = new HashMap<>();
                for (int i = 0; i < files.size(); i++) {
                    FileMetaData f = files.get(i);
                    if (level > 0 && i > 0) {
                        FileMetaData prev = files.get(i - 1);
                        if (InternalKey.compareUserKeys(prev.largest(), f.smallest()) >= 0) {
                            fail("level " + level + " files " + prev.number() + " and " + f.number() + " overlap");
                        }
                    }
                    try (InternalIterator it = tables.iterator(f.number(), f.size())) {
                        for (it.seekToFirst(); it.isValid(); it.next()) {
                            String k = new String(InternalKey.userKey(it.key()));
                            long seq = InternalKey.sequence(it.key());
                            long[] above = oldestAbove.get(k);
                            if (above != null && seq >= above[1]) {
                                fail(k + " has sequence " + seq + " at level " + level + " (table " + f.number()
                                        + ") below sequence " + above[1] + " at level " + above[0]);
                            }
                            long[] here = atLevel.computeIfAbsent(k, x -> new long[] {-1, Long.MAX_VALUE});
                            here[0] = level;
                            here[1] = Math.min(here[1], seq);
                        }
                    }
                }
                for (Map.Entry<String, long[]> e : atLevel.entrySet()) {
                    oldestAbove.merge(e.getKey(), e.getValue(), (a, b) -> b[1] < a[1] ? b : a);
                }
            }
        } finally {
            tables.close();
            v.unref();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2})
    void aRunOverKeysHeldAtLevelZeroStaysAboveThemWhileARunBesideGoesDeep(int partitionPrefix) throws Exception {
        Options o = options(partitionPrefix).withL0CompactionTrigger(100).withL0SlowdownTrigger(200)
                .withL0StopTrigger(300);
        try (LsmDb db = LsmDb.open(tmp.resolve("db"), o)) {
            String pad = "x".repeat(100);
            for (int i = 0; i < 200; i++) {
                db.put(b(String.format("b:%04d", i)), b("old" + pad));
            }
            db.flush(); // overlaps nothing: the last level
            db.put(b("b:0050"), b("newer"));
            db.put(b("e:0000"), b("old")); // too small for a table of its own
            db.flush(); // one level-0 table over [b:0050, e:0000], beside nothing at the last level past b:0199
            for (int i = 0; i < 60; i++) {
                db.put(b(String.format("c:%04d", i)), b("old" + pad));
            }
            db.flush(); // inside that level-0 table's range: level 0 too
            assertEquals(2, Integer.parseInt(db.property("lsmdb.num-files-at-level0")), db.property("lsmdb.stats"));
            for (int i = 0; i < 200; i++) {
                db.put(b(String.format("c:%04d", i)), b("new" + pad)); // c:0000..59 again, and a run beyond them
                db.put(b(String.format("f:%04d", i)), b("new" + pad)); // a run no table spans
            }
            db.flush();
            checkLayout(db);
            for (int i = 0; i < 200; i++) {
                assertEquals("new" + pad, s(db.get(b(String.format("c:%04d", i)))), "c:" + i);
                assertEquals("new" + pad, s(db.get(b(String.format("f:%04d", i)))), "f:" + i);
            }
            assertEquals("newer", s(db.get(b("b:0050"))));
            assertEquals("old", s(db.get(b("e:0000"))));
            assertTrue(Integer.parseInt(db.property("lsmdb.num-files-at-level6")) >= 2,
                    "the f run went to the last level beside the b table: " + db.property("lsmdb.stats"));
        }
    }

    // ---------------------------------------------------------------- failures

    private static final Path DIR = Path.of("/db");

    /** Appended keys beside random ones until a flush has cut its memtable; returns how many appended. */
    private static int writeUntilSplit(LsmDb db, TreeMap<String, String> model, Random r) throws Exception {
        int i = 0;
        for (; i < 4000; i++) {
            String k = seqKey(i);
            String v = "v" + i + "x".repeat(80);
            db.put(b(k), b(v));
            model.put(k, v);
            if (i % 3 == 0) {
                String rk = "r:" + TestData.key(r, 500);
                db.put(b(rk), b("w" + i));
                model.put(rk, "w" + i);
            }
        }
        return i;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 5, 8, 13})
    void aSplitFlushThatFailsPartWayLosesNothingAcknowledged(int failAfter) throws Exception {
        FaultInjectingFileSystem fs = new FaultInjectingFileSystem(new MemFileSystem());
        Options o = options(2).withFileSystem(fs);
        TreeMap<String, String> model = TestData.model();
        Random r = new Random(failAfter);
        try (LsmDb db = LsmDb.open(DIR, o)) {
            writeUntilSplit(db, model, r);
            db.flush();
            checkLayout(db);
            // a memtable holding a new appended run and random keys, flushed while writes start failing
            for (int i = 4000; i < 4300; i++) {
                db.put(b(seqKey(i)), b("v" + i + "y".repeat(80)));
                model.put(seqKey(i), "v" + i + "y".repeat(80));
                String rk = "r:" + TestData.key(r, 500);
                db.put(b(rk), b("u" + i));
                model.put(rk, "u" + i);
            }
            fs.failWritesAfter(failAfter);
            try {
                db.flush();
            } catch (IOException expected) {
                // the flush failed part-way: some of its tables written, none named in the MANIFEST
            }
            fs.reset();
        } catch (IOException closing) {
            // closing a failed database may fail too; what matters is what reopens
        }
        fs.reset();
        try (LsmDb db = LsmDb.open(DIR, o)) {
            checkAll(db, model);
            checkLayout(db);
            db.flush();
            db.compactRange(null, null);
            checkAll(db, model);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void aPowerLossAfterSplitFlushesKeepsTheirTablesAtTheirLevels(long seed) throws Exception {
        FaultInjectingFileSystem fs = new FaultInjectingFileSystem(new MemFileSystem());
        Options o = options(2).withFileSystem(fs);
        TreeMap<String, String> model = TestData.model();
        Random r = new Random(seed);
        int[] before;
        LsmDb db = LsmDb.open(DIR, o);
        writeUntilSplit(db, model, r);
        db.flush(); // everything flushed is synced (tables, then the MANIFEST edit naming them all)
        before = filesPerLevel(db);
        assertTrue(before[6] > 0 && before[0] + before[1] + before[2] + before[3] + before[4] + before[5] > 0,
                "tables at the last level and above it: " + Arrays.toString(before));
        // the power goes: unsynced data is lost, the database is not closed
        PowerLoss.cut(fs, db);
        try (LsmDb reopened = LsmDb.open(DIR, o)) {
            checkAll(reopened, model);
            checkLayout(reopened);
        }
    }

    private static int[] filesPerLevel(LsmDb db) {
        int[] n = new int[Version.NUM_LEVELS];
        for (int l = 0; l < n.length; l++) {
            n[l] = Integer.parseInt(db.property("lsmdb.num-files-at-level" + l));
        }
        return n;
    }
}
