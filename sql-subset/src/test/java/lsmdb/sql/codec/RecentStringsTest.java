package lsmdb.sql.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RecentStrings: the strings it hands out equal their bytes, and values sharing a slot are both kept. */
class RecentStringsTest {

    private static String get(RecentStrings s, String v) {
        byte[] b = ("xx" + v + "yy").getBytes(StandardCharsets.UTF_8);
        return s.get(b, 2, b.length - 4);
    }

    @Test
    void twoValuesOfOneSlotAreBothKeptAndEveryStringIsRight() {
        // "paid" and "packed" share a slot of the hash; "delivered" and "returned" sit in neighbouring slots
        String[] values = {"new", "paid", "packed", "shipped", "delivered", "returned", "refunded", "cancelled"};
        RecentStrings s = new RecentStrings();
        Map<String, String> first = new HashMap<>();
        for (int round = 0; round < 50; round++) {
            for (int i = 0; i < values.length; i++) {
                String v = values[(i * 3 + round) % values.length];
                String got = get(s, v);
                assertEquals(v, got);
                String kept = first.putIfAbsent(v, got);
                if (kept != null) {
                    assertSame(kept, got, v + " was built again in round " + round);
                }
            }
        }
    }

    @Test
    void manyCollidingValuesStayCorrect() {
        RecentStrings s = new RecentStrings();
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < 5000; i++) {
            String v = Integer.toString(r.nextInt(300), 36) + (i % 5 == 0 ? "é" : "");
            assertEquals(v, get(s, v));
        }
    }

    @Test
    void noneBuildsEveryStringAfreshAndKeepsNothing() {
        for (String v : new String[] {"paid", "", "é", "a longer value than any that is looked up, past 32 bytes"}) {
            String a = get(RecentStrings.NONE, v);
            String b = get(RecentStrings.NONE, v);
            assertEquals(v, a);
            assertEquals(v, b);
            if (!v.isEmpty()) {
                assertNotSame(a, b, "NONE kept " + v);
            }
        }
    }
}
