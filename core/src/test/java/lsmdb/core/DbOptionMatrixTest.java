package lsmdb.core;

import static lsmdb.core.TestData.b;
import static lsmdb.core.TestData.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import lsmdb.core.io.MemFileSystem;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same random history run against the engine under many option sets (Pebble's metamorphic idea) and against a
 * {@link TreeMap} model beside it: puts, deletes, range deletes, write batches, snapshots (each with a frozen copy
 * of the model), iterators walked forwards and backwards, reopens, forced flushes and compactions.
 *
 * <p>After every operation the keys it touched are read back, live and at every open snapshot; every
 * {@link #FULL_CHECK_EVERY} operations, and after every flush, compaction and reopen, the whole database is compared
 * (a forward and a backward scan, and every open snapshot scanned whole).
 *
 * <p>The matrix: by default a pairwise cover of the option values (every pair of values of any two options meets
 * in some run), which keeps CI well under a minute; {@code -Dlsmdb.optionMatrix=full} runs every combination with
 * longer histories and a whole comparison after every operation.
 */
class DbOptionMatrixTest {

    private static final boolean FULL = "full".equals(System.getProperty("lsmdb.optionMatrix"));
    private static final int STEPS = FULL ? 3000 : 1000;
    private static final int FULL_CHECK_EVERY = FULL ? 1 : 40;
    private static final int KEY_SPACE = 400;

    @TempDir
    Path tmp;

    /** One option and the values it takes in the matrix. */
    private record Dimension(String name, List<Object> values) {
    }

    private static final List<Dimension> DIMENSIONS = List.of(
            new Dimension("compression", List.of(Compression.NONE, Compression.LZ4, Compression.ZSTD)),
            new Dimension("writeBuffer", List.of("tiny", "default")),
            new Dimension("blockSize", List.of(256, 4096)),
            new Dimension("bloomBitsPerKey", List.of(0, 10)),
            new Dimension("sync", List.of(false, true)),
            new Dimension("dynamicLevelBytes", List.of(false, true)),
            new Dimension("blockCacheSize", List.of(0L, 16L << 10)),
            new Dimension("paranoidChecks", List.of(false, true)),
            new Dimension("mmapReads", List.of(true, false)),
            new Dimension("fileSystem", List.of("memory", "disk")));

    /** One run's choice: an index into each dimension's values. */
    private record Combination(int[] choice) {
        Object value(int dimension) {
            return DIMENSIONS.get(dimension).values().get(choice[dimension]);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (int d = 0; d < DIMENSIONS.size(); d++) {
                sb.append(d == 0 ? "" : " ").append(DIMENSIONS.get(d).name()).append('=').append(value(d));
            }
            return sb.toString();
        }
    }

    static Stream<Combination> combinations() {
        return (FULL ? everyCombination() : pairwiseCover(new Random(20261128))).stream();
    }

    private static List<Combination> everyCombination() {
        List<Combination> out = new ArrayList<>();
        int[] c = new int[DIMENSIONS.size()];
        while (true) {
            out.add(new Combination(c.clone()));
            int d = 0;
            while (d < c.length && ++c[d] == DIMENSIONS.get(d).values().size()) {
                c[d++] = 0;
            }
            if (d == c.length) {
                return out;
            }
        }
    }

    /**
     * A greedy pairwise cover: repeatedly the random candidate that covers the most pairs not yet covered. Far
     * fewer runs than the full product, yet any bug that needs two particular option values meets them.
     */
    private static List<Combination> pairwiseCover(Random r) {
        Set<String> uncovered = new HashSet<>();
        int n = DIMENSIONS.size();
        for (int a = 0; a < n; a++) {
            for (int bDim = a + 1; bDim < n; bDim++) {
                for (int va = 0; va < DIMENSIONS.get(a).values().size(); va++) {
                    for (int vb = 0; vb < DIMENSIONS.get(bDim).values().size(); vb++) {
                        uncovered.add(pair(a, va, bDim, vb));
                    }
                }
            }
        }
        List<Combination> out = new ArrayList<>();
        while (!uncovered.isEmpty()) {
            int[] best = null;
            int bestGain = -1;
            for (int attempt = 0; attempt < 200; attempt++) {
                int[] c = new int[n];
                for (int d = 0; d < n; d++) {
                    c[d] = r.nextInt(DIMENSIONS.get(d).values().size());
                }
                int gain = covered(c, uncovered).size();
                if (gain > bestGain) {
                    best = c;
                    bestGain = gain;
                }
            }
            uncovered.removeAll(covered(best, uncovered));
            out.add(new Combination(best));
        }
        return out;
    }

    private static String pair(int a, int va, int b, int vb) {
        return a + ":" + va + "/" + b + ":" + vb;
    }

    private static Set<String> covered(int[] c, Set<String> uncovered) {
        Set<String> hit = new HashSet<>();
        for (int a = 0; a < c.length; a++) {
            for (int b = a + 1; b < c.length; b++) {
                String p = pair(a, c[a], b, c[b]);
                if (uncovered.contains(p)) {
                    hit.add(p);
                }
            }
        }
        return hit;
    }

    private Options options(Combination c) {
        Options o = Options.defaults()
                .withCompression((Compression) c.value(0))
                .withBlockSize((Integer) c.value(2))
                .withBloomBitsPerKey((Integer) c.value(3))
                .withSync((Boolean) c.value(4))
                .withDynamicLevelBytes((Boolean) c.value(5))
                .withBlockCacheSize((Long) c.value(6))
                .withParanoidChecks((Boolean) c.value(7))
                .withMmapReads((Boolean) c.value(8));
        if ("tiny".equals(c.value(1))) {
            // Small enough that a run's data flows through several levels on its own.
            o = o.withWriteBufferSize(4 << 10).withTargetFileSize(4 << 10).withMaxBytesForLevelBase(8 << 10)
                    .withLevelSizeMultiplier(3);
        }
        if ("memory".equals(c.value(9))) {
            o = o.withFileSystem(new MemFileSystem());
        }
        return o;
    }

    private record Snap(Snapshot snapshot, TreeMap<String, String> view) {
    }

    @ParameterizedTest
    @MethodSource("combinations")
    void randomHistoryMatchesModel(Combination c) throws Exception {
        Options options = options(c);
        Path dir = "memory".equals(c.value(9)) ? Path.of("/mem/db") : Files.createDirectories(tmp.resolve("db"));
        new History(new Random(Arrays.hashCode(c.choice())), dir, options, c.toString()).run();
    }

    /** The deepest level holding a table. */
    private static int deepestLevel(LsmDb db) {
        int deepest = 0;
        for (int level = 0; level < 7; level++) {
            if (Integer.parseInt(db.property("lsmdb.num-files-at-level" + level)) > 0) {
                deepest = level;
            }
        }
        return deepest;
    }

    /** One random history against one database and its model. */
    private static final class History {
        private final Random r;
        private final Path dir;
        private final Options options;
        private final String label;
        private final TreeMap<String, String> model = TestData.model();
        private final List<Snap> snaps = new ArrayList<>();
        private LsmDb db;
        private int step;

        History(Random r, Path dir, Options options, String label) {
            this.r = r;
            this.dir = dir;
            this.options = options;
            this.label = label;
        }

        void run() throws Exception {
            db = LsmDb.open(dir, options);
            try {
                for (step = 0; step < STEPS; step++) {
                    List<String> touched = operate();
                    for (String k : touched) {
                        checkKey(k);
                    }
                    if (step % FULL_CHECK_EVERY == 0) {
                        checkEverything();
                    }
                }
                checkEverything();
                if (options.writeBufferSize() < 64 << 10) {
                    // Otherwise the history tested little of flushes and compactions.
                    assertTrue(deepestLevel(db) >= 1, "tables below level 0 with " + label + ":\n"
                            + db.property("lsmdb.stats"));
                }
                releaseSnapshots();
                db.close();
                db = LsmDb.open(dir, options);
                checkEverything();
            } finally {
                releaseSnapshots();
                db.close();
            }
        }

        /** One random operation, applied to both; returns the keys whose value it may have changed. */
        private List<String> operate() throws Exception {
            int op = r.nextInt(1000);
            if (op < 380) {
                String k = key();
                String v = TestData.value(r, 100);
                db.put(b(k), b(v));
                model.put(k, v);
                return List.of(k);
            } else if (op < 480) {
                String k = key();
                db.delete(b(k));
                model.remove(k);
                return List.of(k);
            } else if (op < 500) {
                String[] range = range();
                db.deleteRange(b(range[0]), b(range[1]));
                model.subMap(range[0], range[1]).clear();
                return List.of(range[0], range[1]);
            } else if (op < 600) {
                return writeBatch();
            } else if (op < 640 && snaps.size() < 4) {
                snaps.add(new Snap(db.snapshot(), new TreeMap<>(model)));
            } else if (op < 660 && !snaps.isEmpty()) {
                Snap sn = snaps.remove(r.nextInt(snaps.size()));
                checkView(sn.snapshot(), sn.view());
                sn.snapshot().close();
            } else if (op < 760) {
                checkKey(key());
            } else if (op < 860) {
                Snap sn = snaps.isEmpty() || r.nextBoolean() ? null : snaps.get(r.nextInt(snaps.size()));
                walk(sn == null ? null : sn.snapshot(), sn == null ? model : sn.view());
            } else if (op < 880) {
                db.flush();
                checkEverything();
            } else if (op < 890) {
                if (r.nextBoolean()) {
                    db.compactRange(null, null);
                } else {
                    String[] range = range();
                    db.compactRange(b(range[0]), b(range[1]));
                }
                checkEverything();
            } else if (op < 896) {
                releaseSnapshots(); // snapshots do not outlive the database they were taken on
                db.close();
                db = LsmDb.open(dir, options);
                checkEverything();
            }
            return List.of();
        }

        private List<String> writeBatch() throws Exception {
            WriteBatch batch = new WriteBatch();
            List<String> touched = new ArrayList<>();
            int n = 1 + r.nextInt(12);
            for (int i = 0; i < n; i++) {
                int kind = r.nextInt(10);
                if (kind == 0) {
                    String[] range = range();
                    batch.deleteRange(b(range[0]), b(range[1]));
                    model.subMap(range[0], range[1]).clear();
                    touched.add(range[0]);
                } else {
                    String k = key();
                    if (kind < 4) {
                        batch.delete(b(k));
                        model.remove(k);
                    } else {
                        String v = TestData.value(r, 60);
                        batch.put(b(k), b(v));
                        model.put(k, v);
                    }
                    touched.add(k);
                }
            }
            db.write(batch);
            return touched;
        }

        private String key() {
            return TestData.key(r, KEY_SPACE);
        }

        private String[] range() {
            String a = key();
            String z = key();
            return a.compareTo(z) <= 0 ? new String[] {a, z} : new String[] {z, a};
        }

        private byte[] get(String k, Snapshot snapshot) throws Exception {
            return snapshot == null ? db.get(b(k)) : db.get(b(k), snapshot);
        }

        private String where() {
            return " at step " + step + " with " + label;
        }

        /** The key's value, live and at every open snapshot. */
        private void checkKey(String k) throws Exception {
            assertEquals(model.get(k), s(db.get(b(k))), "get " + k + where());
            for (Snap sn : snaps) {
                assertEquals(sn.view().get(k), s(db.get(b(k), sn.snapshot())),
                        "get " + k + " at snapshot " + sn.snapshot() + where());
            }
        }

        private void checkEverything() throws Exception {
            checkView(null, model);
            for (Snap sn : snaps) {
                checkView(sn.snapshot(), sn.view());
            }
        }

        /** Forward and backward scans and every key's get, at {@code snapshot} (null: live). */
        private void checkView(Snapshot snapshot, TreeMap<String, String> view) throws Exception {
            String at = (snapshot == null ? "" : " at snapshot " + snapshot) + where();
            try (LsmIterator it = db.iterator(snapshot, null, null)) {
                assertEquals(TestData.entries(view), TestData.scan(it), "forward scan" + at);
                List<Map.Entry<String, String>> backward = new ArrayList<>();
                for (it.seekToLast(); it.isValid(); it.prev()) {
                    backward.add(Map.entry(s(it.key()), s(it.value())));
                }
                assertEquals(TestData.entries(view.descendingMap()), backward, "backward scan" + at);
            }
            for (Map.Entry<String, String> e : view.entrySet()) {
                assertEquals(e.getValue(), s(get(e.getKey(), snapshot)), "get " + e.getKey() + at);
            }
        }

        /** A random walk of seeks, nexts and prevs within random bounds, compared move by move. */
        private void walk(Snapshot snapshot, TreeMap<String, String> model) {
            String[] range = range();
            String from = r.nextInt(3) == 0 ? range[0] : null;
            String to = r.nextInt(3) == 0 ? range[1] : null;
            IteratorWalk.check(db, snapshot, model, from, to, r, this::key, 40, where());
        }

        private void releaseSnapshots() {
            for (Snap sn : snaps) {
                sn.snapshot().close();
            }
            snaps.clear();
        }
    }
}
