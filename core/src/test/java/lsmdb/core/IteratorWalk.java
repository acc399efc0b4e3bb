package lsmdb.core;

import static lsmdb.core.TestData.b;
import static lsmdb.core.TestData.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.NavigableMap;
import java.util.Random;
import java.util.function.Supplier;

/** A random walk of seeks, nexts and prevs over a database iterator within bounds, checked move by move with a model. */
final class IteratorWalk {

    private IteratorWalk() {
    }

    /**
     * Walks {@code moves} moves over {@code db}'s iterator on [from, to) (null: unbounded) at {@code snapshot} (null:
     * latest); {@code model} holds every key then visible; {@code where} names the case in failure messages.
     */
    static void check(LsmDb db, Snapshot snapshot, NavigableMap<String, String> model, String from, String to,
                      Random r, Supplier<String> randomKey, int moves, String where) {
        NavigableMap<String, String> view = model;
        if (from != null) {
            view = view.tailMap(from, true);
        }
        if (to != null) {
            view = view.headMap(to, false);
        }
        try (LsmIterator it = db.iterator(snapshot, from == null ? null : b(from), to == null ? null : b(to))) {
            String expected = null;
            for (int move = 0; move < moves; move++) {
                int op = r.nextInt(10);
                if (op == 0) {
                    it.seekToFirst();
                    expected = view.isEmpty() ? null : view.firstKey();
                } else if (op == 1) {
                    it.seekToLast();
                    expected = view.isEmpty() ? null : view.lastKey();
                } else if (op < 4) {
                    String target = randomKey.get();
                    it.seek(b(target));
                    expected = view.ceilingKey(target);
                } else if (expected == null) {
                    continue;
                } else if (op < 7) {
                    it.next();
                    expected = view.higherKey(expected);
                } else {
                    it.prev();
                    expected = view.lowerKey(expected);
                }
                String context = "iterator move " + move + " in [" + from + ", " + to + ")"
                        + (snapshot == null ? "" : " at snapshot " + snapshot) + where;
                if (expected == null) {
                    assertFalse(it.isValid(), "exhausted, " + context);
                } else {
                    assertTrue(it.isValid(), "at " + expected + ", " + context);
                    assertEquals(expected, s(it.key()), context);
                    assertEquals(view.get(expected), s(it.value()), context);
                }
            }
        }
    }
}
