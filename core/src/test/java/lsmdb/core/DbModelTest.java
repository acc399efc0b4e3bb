package lsmdb.core;

import static lsmdb.core.TestData.b;
import static lsmdb.core.TestData.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import lsmdb.core.io.MemFileSystem;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Thousands of random operations against the engine and a {@link TreeMap} model side by side: puts, deletes,
 * batches, range deletes, gets, snapshots (each with a frozen copy of the model), iterators walked forwards and
 * backwards with seeks and bounds, flushes, compactions and reopens, with buffers small enough that data flows
 * through several levels.
 */
class DbModelTest {

    @TempDir
    Path tmp;

    static Options smallOptions() {
        return Options.defaults().withSync(false).withWriteBufferSize(8 << 10).withBlockSize(512)
                .withTargetFileSize(8 << 10).withMaxBytesForLevelBase(16 << 10).withLevelSizeMultiplier(3)
                .withBlockCacheSize(64 << 10);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void randomOperationsMatchModelOnDisk(long seed) throws Exception {
        run(seed, tmp.resolve("db"), smallOptions(), 6000);
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12})
    void randomOperationsMatchModelInMemoryFileSystem(long seed) throws Exception {
        run(seed, Path.of("/mem/db"), smallOptions().withFileSystem(new MemFileSystem()).withBloomBitsPerKey(0), 6000);
    }

    @ParameterizedTest
    @ValueSource(longs = {21})
    void randomOperationsWithoutBlockCache(long seed) throws Exception {
        run(seed, tmp.resolve("db"), smallOptions().withBlockCacheSize(0), 3000);
    }

    /**
     * Levels ten times apart, so that the level above the last one holds its balanced share ({@code sqrt(4
     * memtables * last level)}, several times a tenth at this size) and compactions into the last level move more
     * per step.
     */
    @ParameterizedTest
    @ValueSource(longs = {41, 42})
    void randomOperationsMatchModelWithTenfoldLevels(long seed) throws Exception {
        run(seed, tmp.resolve("db"), smallOptions().withLevelSizeMultiplier(10), 6000);
    }

    /** Every codec, on disk (compressed blocks decoded into the block cache) and in memory. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = Compression.class, names = {"LZ4", "ZSTD"})
    void randomOperationsMatchModelWithCompression(Compression codec) throws Exception {
        run(31, tmp.resolve("db"), smallOptions().withCompression(codec), 4000);
        run(32, Path.of("/mem/db"), smallOptions().withCompression(codec).withFileSystem(new MemFileSystem()), 3000);
    }

    private record Snap(Snapshot snapshot, TreeMap<String, String> view) {
    }

    private void run(long seed, Path dir, Options options, int steps) throws Exception {
        Random r = new Random(seed);
        TreeMap<String, String> model = TestData.model();
        List<Snap> snaps = new ArrayList<>();
        LsmDb db = LsmDb.open(dir, options);
        int keySpace = 1500;
        try {
            for (int step = 0; step < steps; step++) {
                int op = r.nextInt(100);
                if (op < 40) {
                    RandomWrites.put(db, model, r, keySpace, 120);
                } else if (op < 50) {
                    RandomWrites.delete(db, model, r, keySpace);
                } else if (op < 58) {
                    WriteBatch batch = new WriteBatch();
                    int n = 1 + r.nextInt(20);
                    for (int i = 0; i < n; i++) {
                        String k = TestData.key(r, keySpace);
                        if (r.nextInt(4) == 0) {
                            batch.delete(b(k));
                            model.remove(k);
                        } else {
                            String v = TestData.value(r, 60);
                            batch.put(b(k), b(v));
                            model.put(k, v);
                        }
                    }
                    db.write(batch);
                } else if (op < 59) {
                    String a = TestData.key(r, keySpace);
                    String z = TestData.key(r, keySpace);
                    if (a.compareTo(z) > 0) {
                        String t = a;
                        a = z;
                        z = t;
                    }
                    db.deleteRange(b(a), b(z));
                    model.subMap(a, z).clear();
                } else if (op < 80) {
                    if (r.nextInt(4) == 0) {
                        checkGetAll(db, null, model, r, keySpace, "at step " + step);
                    } else {
                        String k = TestData.key(r, keySpace);
                        assertEquals(model.get(k), s(db.get(b(k))), "get " + k + " at step " + step);
                    }
                } else if (op < 83 && snaps.size() < 4) {
                    snaps.add(new Snap(db.snapshot(), new TreeMap<>(model)));
                } else if (op < 86 && !snaps.isEmpty()) {
                    Snap sn = snaps.remove(r.nextInt(snaps.size()));
                    checkSnapshot(db, sn, r);
                    checkGather(db, sn.snapshot(), sn.view(), r);
                    sn.snapshot().close();
                } else if (op < 88) {
                    checkIterator(db, null, model, r);
                    checkGather(db, null, model, r);
                } else if (op < 89) {
                    db.flush();
                } else if (op < 90 && r.nextInt(4) == 0) {
                    db.compactRange(null, null);
                    checkAll(db, model);
                } else if (op < 91 && r.nextInt(3) == 0) {
                    for (Snap sn : snaps) {
                        sn.snapshot().close();
                    }
                    snaps.clear();
                    db.close();
                    db = LsmDb.open(dir, options);
                    checkAll(db, model);
                }
                if (!snaps.isEmpty() && r.nextInt(50) == 0) {
                    checkSnapshot(db, snaps.get(r.nextInt(snaps.size())), r);
                }
            }
            checkAll(db, model);
            for (Snap sn : snaps) {
                checkSnapshot(db, sn, r);
            }
            int deepest = 0;
            for (int l = 0; l < 7; l++) {
                if (Integer.parseInt(db.property("lsmdb.num-files-at-level" + l)) > 0) {
                    deepest = l;
                }
            }
            assertTrue(deepest >= 2, "data should have reached level 2 or deeper:\n" + db.property("lsmdb.stats"));
            assertTrue(gathers > 20, "short ranges should mostly be gathered, were " + gathers);
            assertTrue(overfullGathers > 0, "some ranges should have held more entries than the limit");
        } finally {
            db.close();
        }
        db = LsmDb.open(dir, options);
        try {
            checkAll(db, model);
        } finally {
            db.close();
        }
    }

    /** Successful and refused (over the limit) {@link LsmDb#gather}s of this test. */
    private int gathers;
    private int overfullGathers;
    private final lsmdb.core.sstable.RangeGather gather = new lsmdb.core.sstable.RangeGather();

    /**
     * A gather of a short random range (a few keys wide, so versions, deletions and range deletions in it resolve),
     * then of a wide one, against the model: when it answers, exactly the model's entries in the range.
     */
    private void checkGather(LsmDb db, Snapshot snapshot, java.util.NavigableMap<String, String> model, Random r)
            throws Exception {
        for (int width : new int[] {1 + r.nextInt(12), 200 + r.nextInt(800)}) {
            int a = r.nextInt(1500);
            String from = String.format("k%06d", a);
            String to = r.nextInt(8) == 0 ? from + "~" : String.format("k%06d", a + width);
            int limit = r.nextInt(4) == 0 ? 1 + r.nextInt(8) : 64;
            if (db.gather(snapshot, b(from), b(to), limit, gather)) {
                List<Map.Entry<String, String>> got = new ArrayList<>();
                for (int i = 0; i < gather.visible(); i++) {
                    got.add(Map.entry(s(gather.userKey(i)), s(gather.value(i))));
                }
                assertEquals(new ArrayList<>(model.subMap(from, to).entrySet()), got, "gather [" + from + ", " + to
                        + ") limit " + limit);
                assertTrue(gather.gathered() <= limit, "a gather holds at most its limit");
                gathers++;
            } else {
                overfullGathers++; // more stored entries than the limit: the caller reads the range with an iterator
            }
        }
    }

    private static void checkAll(LsmDb db, TreeMap<String, String> model) throws Exception {
        try (LsmIterator it = db.iterator()) {
            assertEquals(TestData.entries(model), TestData.scan(it));
        }
        for (Map.Entry<String, String> e : model.entrySet()) {
            assertEquals(e.getValue(), s(db.get(b(e.getKey()))), "get " + e.getKey());
        }
        // every key (and each one's absent neighbour) through getAll, in chunks of varying size
        List<String> keys = new ArrayList<>();
        for (String k : model.keySet()) {
            keys.add(k);
            keys.add(k + "~");
        }
        Random r = new Random(keys.size());
        List<byte[]> kept = new ArrayList<>(); // every value handed out, which later calls must leave alone
        for (int from = 0; from < keys.size(); ) {
            int n = Math.min(keys.size() - from, 1 + r.nextInt(70));
            byte[][] ks = new byte[n + 2][];
            for (int i = 0; i < n; i++) {
                ks[i] = b(keys.get(from + i));
            }
            byte[][] values = new byte[n + 1][];
            db.getAll(ks, n, null, values);
            for (int i = 0; i < n; i++) {
                assertEquals(model.get(keys.get(from + i)), s(values[i]), "getAll " + keys.get(from + i));
                kept.add(values[i]);
            }
            from += n;
        }
        for (int i = 0; i < keys.size(); i++) {
            assertEquals(model.get(keys.get(i)), s(kept.get(i)), "a value kept from an earlier getAll: " + keys.get(i));
        }
    }

    /** A getAll of random keys (some absent, some repeated, in any order) against the model. */
    private static void checkGetAll(LsmDb db, Snapshot snapshot, java.util.NavigableMap<String, String> model,
                                    Random r, int keySpace, String when) throws Exception {
        int n = 1 + r.nextInt(40);
        String[] keys = RandomWrites.keysWithRepeats(r, n, keySpace);
        byte[][] ks = RandomWrites.bytes(keys);
        byte[][] values = new byte[n][];
        java.util.Arrays.fill(values, new byte[] {'x'}); // stale contents must be overwritten, with null if absent
        db.getAll(ks, n, snapshot, values);
        for (int i = 0; i < n; i++) {
            assertEquals(model.get(keys[i]), s(values[i]), "getAll " + keys[i] + " " + when);
        }
    }

    private static void checkSnapshot(LsmDb db, Snap sn, Random r) throws Exception {
        for (int i = 0; i < 50; i++) {
            String k = TestData.key(r, 1500);
            assertEquals(sn.view().get(k), s(db.get(b(k), sn.snapshot())), "snapshot get " + k);
        }
        checkGetAll(db, sn.snapshot(), sn.view(), r, 1500, "at a snapshot");
        checkIterator(db, sn.snapshot(), sn.view(), r);
    }

    /** A random walk: seeks, next and prev, within random bounds, compared step by step with the model. */
    private static void checkIterator(LsmDb db, Snapshot snapshot, TreeMap<String, String> model, Random r) {
        String from = r.nextInt(3) == 0 ? TestData.key(r, 1500) : null;
        String to = r.nextInt(3) == 0 ? TestData.key(r, 1500) : null;
        if (from != null && to != null && from.compareTo(to) > 0) {
            String t = from;
            from = to;
            to = t;
        }
        IteratorWalk.check(db, snapshot, model, from, to, r, () -> TestData.key(r, 1500), 60, "");
    }
}
