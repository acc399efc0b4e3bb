package lsmdb.core;

import static lsmdb.core.TestData.b;

import java.util.Map;
import java.util.Random;

/** Random writes made to the engine and to its model alike, and random keys to read back, for the model tests. */
final class RandomWrites {

    private RandomWrites() {
    }

    /** Puts a random key (of {@code keySpace}) with a random value of up to {@code maxValueLength} chars. */
    static void put(LsmDb db, Map<String, String> model, Random r, int keySpace, int maxValueLength)
            throws Exception {
        String k = TestData.key(r, keySpace);
        String v = TestData.value(r, maxValueLength);
        db.put(b(k), b(v));
        model.put(k, v);
    }

    /** Deletes a random key of {@code keySpace} (present or not). */
    static void delete(LsmDb db, Map<String, String> model, Random r, int keySpace) throws Exception {
        String k = TestData.key(r, keySpace);
        db.delete(b(k));
        model.remove(k);
    }

    /** {@code n} random keys of {@code keySpace}, about one in eight a repeat of an earlier one, in any order. */
    static String[] keysWithRepeats(Random r, int n, int keySpace) {
        String[] keys = new String[n];
        for (int i = 0; i < n; i++) {
            keys[i] = i > 0 && r.nextInt(8) == 0 ? keys[r.nextInt(i)] : TestData.key(r, keySpace);
        }
        return keys;
    }

    static byte[][] bytes(String[] keys) {
        byte[][] ks = new byte[keys.length][];
        for (int i = 0; i < keys.length; i++) {
            ks[i] = b(keys[i]);
        }
        return ks;
    }
}
