package lsmdb.core;

import static lsmdb.core.TestData.b;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link LsmDb#mayExist} against a model: random puts, overwrites, deletes and range deletes, with flushes and
 * compactions moving keys through the memtables, level 0 and deeper levels, and snapshots held across them. It must
 * never say "absent" for a key that has a value now or at any live snapshot; and it must say so for most keys never
 * written, or it would be no test of anything.
 */
class MayExistModelTest {

    @TempDir
    Path tmp;

    private static Options smallOptions() {
        return DbModelTest.smallOptions(); // the model test's shape: many small tables over several levels
    }

    private record Snap(Snapshot snapshot, TreeMap<String, String> view) {
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void neverAbsentForAVisibleKey(long seed) throws Exception {
        Random r = new Random(seed);
        TreeMap<String, String> model = new TreeMap<>();
        List<Snap> snaps = new ArrayList<>();
        try (LsmDb db = LsmDb.open(tmp.resolve("db"), smallOptions())) {
            for (int step = 0; step < 8000; step++) {
                String k = written(r.nextInt(600));
                int op = r.nextInt(100);
                if (op < 55) {
                    String v = TestData.value(r, 40);
                    db.put(b(k), b(v));
                    model.put(k, v);
                } else if (op < 75) {
                    db.delete(b(k));
                    model.remove(k);
                } else if (op < 77) {
                    String end = written(Math.min(599, r.nextInt(600) + r.nextInt(20)));
                    if (k.compareTo(end) < 0) {
                        db.deleteRange(b(k), b(end));
                        model.subMap(k, end).clear();
                    }
                } else if (op < 79) {
                    snaps.add(new Snap(db.snapshot(), new TreeMap<>(model)));
                } else if (op < 81 && !snaps.isEmpty()) {
                    snaps.remove(r.nextInt(snaps.size())).snapshot().close();
                } else if (op < 82) {
                    db.flush();
                } else if (op < 83) {
                    db.compactRange(null, null);
                }
                for (int probe = 0; probe < 4; probe++) {
                    String p = written(r.nextInt(600));
                    if (visible(p, model, snaps)) {
                        assertTrue(db.mayExist(b(p)), "step " + step + ": " + p + " has a value but was said absent");
                    }
                }
            }
            // Neither a stub nor a filter-less answer: keys never written are mostly ruled out, wherever data lies.
            for (int round = 0; round < 2; round++) {
                int absent = 0;
                for (int i = 0; i < 1000; i++) {
                    if (!db.mayExist(b(neverWritten(i)))) {
                        absent++;
                    }
                }
                assertTrue(absent > 800, "only " + absent + " of 1000 never-written keys were ruled out");
                db.compactRange(null, null);
            }
            for (String k : model.keySet()) {
                assertTrue(db.mayExist(b(k)), k + " has a value but was said absent");
            }
            for (Snap s : snaps) {
                s.snapshot().close();
            }
        }
    }

    /** Written keys interleave never-written ones, so both share the tables' key ranges. */
    private static String written(int i) {
        return String.format("k%06d", 2 * i);
    }

    private static String neverWritten(int i) {
        return String.format("k%06d", 2 * (i % 600) + 1) + (i >= 600 ? "x" : "");
    }

    private static boolean visible(String k, TreeMap<String, String> model, List<Snap> snaps) {
        if (model.containsKey(k)) {
            return true;
        }
        for (Snap s : snaps) {
            if (s.view().containsKey(k)) {
                return true;
            }
        }
        return false;
    }
}
