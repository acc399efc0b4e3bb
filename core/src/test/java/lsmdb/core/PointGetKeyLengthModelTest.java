package lsmdb.core;

import static lsmdb.core.TestData.b;
import static lsmdb.core.TestData.s;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Point gets answered by the tables, of keys whose lengths change from get to get (the table search reuses one seek
 * key per thread while the length repeats), against a {@link TreeMap} model: puts, deletes and range deletes, the
 * memtable flushed often so that most gets reach level 0 and deeper levels, read at the latest sequence and at a
 * snapshot.
 */
class PointGetKeyLengthModelTest {

    @TempDir
    Path tmp;

    @Test
    void getsOfKeysOfEveryLengthMatchModel() throws Exception {
        Random r = new Random(7);
        TreeMap<String, String> model = TestData.model();
        try (LsmDb db = LsmDb.open(tmp.resolve("db"), DbModelTest.smallOptions())) {
            for (int step = 0; step < 8000; step++) {
                int op = r.nextInt(100);
                String k = key(r);
                if (op < 45) {
                    String v = TestData.value(r, 40);
                    db.put(b(k), b(v));
                    model.put(k, v);
                } else if (op < 55) {
                    db.delete(b(k));
                    model.remove(k);
                } else if (op < 56) {
                    String z = key(r);
                    String a = k.compareTo(z) <= 0 ? k : z;
                    String e = k.compareTo(z) <= 0 ? z : k;
                    db.deleteRange(b(a), b(e));
                    model.subMap(a, e).clear();
                } else if (op < 58) {
                    db.flush();
                } else if (op < 59) {
                    TreeMap<String, String> frozen = new TreeMap<>(model);
                    try (Snapshot sn = db.snapshot()) {
                        for (int i = 0; i < 50; i++) {
                            db.put(b(key(r)), b("later"));
                        }
                        db.flush();
                        for (int i = 0; i < 200; i++) {
                            String g = key(r);
                            assertEquals(frozen.get(g), s(db.get(b(g), sn)), "snapshot get " + g + " at " + step);
                        }
                    }
                    model = frozen;
                    db.deleteRange(b(""), b("~")); // back to the frozen state: clear, then rewrite it
                    for (var e : frozen.entrySet()) {
                        db.put(b(e.getKey()), b(e.getValue()));
                    }
                } else {
                    assertEquals(model.get(k), s(db.get(b(k))), "get " + k + " at " + step);
                }
            }
            db.flush();
            for (int i = 0; i < 3000; i++) {
                String k = key(r);
                assertEquals(model.get(k), s(db.get(b(k))), "get " + k + " after the last flush");
            }
        }
    }

    /** A key of 1 to 12 characters, from a space small enough that gets often hit. */
    private static String key(Random r) {
        int len = 1 + r.nextInt(12);
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            sb.append((char) ('a' + r.nextInt(3)));
        }
        return sb.toString();
    }
}
