package lsmdb.sql.indexbuild;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link StoredValueIds}' packed and plain lookups against a map. */
class StoredValueIdsTest {

    /** Packed (up to 16 bytes) and plain byte strings, NULL apart from the empty string, against a map. */
    @Test
    void storedValueIdsRememberEachByteStringOnce() {
        Random r = new Random(3);
        StoredValueIds ids = new StoredValueIds();
        Map<String, Integer> model = new HashMap<>();
        byte[] buf = new byte[64];
        for (int i = 0; i < 20_000; i++) {
            boolean present = r.nextInt(10) != 0;
            int n = present ? r.nextInt(r.nextBoolean() ? 17 : 40) : 0;
            int from = r.nextInt(8);
            r.nextBytes(buf);
            for (int k = from; k < from + n; k++) {
                buf[k] = (byte) r.nextInt(3); // few distinct strings, so lookups hit
            }
            String key = present ? "v" + Arrays.toString(Arrays.copyOfRange(buf, from, from + n)) : "null";
            Integer expected = model.get(key);
            int got;
            if (n <= StoredValueIds.SHORT) {
                got = ids.getShort(buf, from, from + n, present);
                if (got < 0 && !ids.full()) {
                    ids.putShort(i);
                    model.put(key, i);
                }
            } else {
                byte[] plain = Arrays.copyOfRange(buf, from, from + n);
                got = ids.get(plain, n);
                if (got < 0 && !ids.full()) {
                    ids.put(plain, n, i);
                    model.put(key, i);
                }
            }
            if (expected != null) {
                assertEquals(expected.intValue(), got, key);
            } else if (!ids.full() || got >= 0) {
                assertEquals(-1, got, key);
            }
        }
        assertEquals(true, ids.full(), "the test should have filled it");
    }
}
