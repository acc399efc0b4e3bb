package lsmdb.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Reads through the primary key (a lone point, a list of points, a range with a limit, each selecting every column in
 * order, the projection a scan hands its rows straight through for, or fewer; ranges up and down, with the limit a
 * literal or a parameter, read whole or in part) answer as a TreeMap model of the table, with committed writes in the
 * engine and, inside a transaction, buffered ones over them. Ranges with a limit are the shape the driver reads
 * straight from the engine ({@code KeyRangeRows}), so this compares that cursor with the model too.
 */
class PrimaryKeyReadsModelTest extends SqlTestBase {

    private final TreeMap<Long, String> model = new TreeMap<>();
    private final Random random = new Random(20261130);

    private void write(long k) throws Exception {
        int op = random.nextInt(4);
        if (op == 0) {
            exec("DELETE FROM kv WHERE k = ?", k);
            model.remove(k);
        } else {
            // some NULLs: a row read after one must not show the value of the row before it
            String v = random.nextInt(8) == 0 ? null : "v" + k + "-" + random.nextInt(1000);
            if (model.containsKey(k)) {
                exec("UPDATE kv SET v = ? WHERE k = ?", v, k);
            } else {
                exec("INSERT INTO kv VALUES (?, ?)", k, v);
            }
            model.put(k, v);
        }
    }

    private void checkReads() throws Exception {
        for (int i = 0; i < 25; i++) {
            long k = random.nextInt(220) - 10;
            String v = model.get(k);
            boolean present = model.containsKey(k);
            assertEquals(!present ? List.of() : List.of(row((Object) v)), query("SELECT v FROM kv WHERE k = ?", k),
                    "point " + k);
            assertEquals(!present ? List.of() : List.of(row(k, v)), query("SELECT k, v FROM kv WHERE k = ?", k),
                    "point, every column " + k);
            long a = random.nextInt(220) - 10;
            long b = random.nextInt(220) - 10;
            List<List<Object>> in = new ArrayList<>();
            for (Map.Entry<Long, String> e : model.subMap(Math.min(a, Math.min(b, k)), true,
                    Math.max(a, Math.max(b, k)), true).entrySet()) {
                long key = e.getKey();
                if (key == a || key == b || key == k) {
                    in.add(row(key, e.getValue()));
                }
            }
            assertEquals(in, query("SELECT k, v FROM kv WHERE k IN (?, ?, ?) ORDER BY k", a, b, k), "points");
            int limit = 1 + random.nextInt(30);
            List<List<Object>> range = new ArrayList<>();
            List<List<Object>> values = new ArrayList<>();
            for (Map.Entry<Long, String> e : model.tailMap(k, true).entrySet()) {
                if (range.size() == limit) {
                    break;
                }
                range.add(row(e.getKey(), e.getValue()));
                values.add(row((Object) e.getValue()));
            }
            assertEquals(range, query("SELECT k, v FROM kv WHERE k >= ? ORDER BY k LIMIT " + limit, k),
                    "range from " + k);
            assertEquals(range, query("SELECT * FROM kv WHERE k >= ? ORDER BY k LIMIT " + limit, k),
                    "range from " + k + ", star");
            assertEquals(values, query("SELECT v FROM kv WHERE k >= ? ORDER BY k LIMIT " + limit, k),
                    "range of values from " + k);
            checkOtherRanges(k, a, limit);
        }
    }

    /** Ranges of other shapes: downward, bounded both ways, the limit a parameter (0 too), the whole table. */
    private void checkOtherRanges(long k, long a, int limit) throws Exception {
        List<List<Object>> down = new ArrayList<>();
        for (Map.Entry<Long, String> e : model.headMap(k, true).descendingMap().entrySet()) {
            if (down.size() == limit) {
                break;
            }
            down.add(row(e.getValue(), e.getKey()));
        }
        assertEquals(down, query("SELECT v, k FROM kv WHERE k <= ? ORDER BY k DESC LIMIT ?", k, limit),
                "downward from " + k);
        List<List<Object>> between = new ArrayList<>();
        if (a < k) {
            for (long key : model.subMap(a, false, k, false).keySet()) {
                between.add(row(key));
            }
        }
        assertEquals(between, query("SELECT k FROM kv WHERE k > ? AND k < ? ORDER BY k", a, k),
                "between " + a + " and " + k);
        int small = random.nextInt(4);
        List<List<Object>> first = new ArrayList<>();
        for (Map.Entry<Long, String> e : model.entrySet()) {
            if (first.size() == small) {
                break;
            }
            first.add(row(e.getKey(), e.getValue(), e.getKey()));
        }
        assertEquals(first, query("SELECT k, v, k FROM kv ORDER BY k LIMIT ?", small), "the first " + small);
        assertEquals(List.of(), query("SELECT k, v FROM kv WHERE k >= ? ORDER BY k LIMIT 5", (Object) null),
                "a NULL bound");
        checkPartlyRead(k, limit);
    }

    /**
     * A range whose rows are read in part: some not at all, some one column, some a column twice, some the key as a
     * {@code long}. Each value read
     * is the model's, whichever rows before it were skipped.
     */
    private void checkPartlyRead(long k, int limit) throws Exception {
        List<Map.Entry<Long, String>> expected = new ArrayList<>();
        for (Map.Entry<Long, String> e : model.tailMap(k, true).entrySet()) {
            if (expected.size() == limit) {
                break;
            }
            expected.add(e);
        }
        Result r = session.execute(session.prepare("SELECT k, v FROM kv WHERE k >= ? ORDER BY k LIMIT ?"),
                new Object[] {k, limit});
        try (RowCursor c = r.rows()) {
            for (Map.Entry<Long, String> e : expected) {
                assertTrue(c.next(), "a row for " + e.getKey());
                int how = random.nextInt(5);
                if (how == 1) {
                    assertEquals(e.getValue(), c.get(1), "value at " + e.getKey());
                } else if (how == 2) {
                    assertEquals(e.getKey(), c.get(0), "key");
                    assertEquals(e.getValue(), c.get(1), "value at " + e.getKey());
                    assertEquals(e.getKey(), c.get(0), "key again");
                } else if (how == 3) {
                    assertEquals(e.getValue(), c.get(1), "value at " + e.getKey());
                    assertEquals(e.getValue(), c.get(1), "value again at " + e.getKey());
                } else if (how == 4) {
                    // the BIGINT key as a long, before and after the row's value, and as an object between
                    assertTrue(c.readsLong(0) && !c.readsLong(1), "the key, and only the key, reads as a long");
                    assertEquals((long) e.getKey(), c.getLong(0), "key as a long");
                    assertEquals(e.getValue(), c.get(1), "value at " + e.getKey());
                    assertEquals(e.getKey(), c.get(0), "key");
                    assertEquals((long) e.getKey(), c.getLong(0), "key as a long again");
                }
            }
            assertEquals(false, c.next(), "the rows end after " + expected.size());
            assertEquals(false, c.next(), "and stay ended");
        }
    }

    @Test
    void pointsListsAndRangesAnswerAsTheModel() throws Exception {
        exec("CREATE TABLE kv (k BIGINT PRIMARY KEY, v VARCHAR(100))");
        for (int round = 0; round < 6; round++) {
            for (int i = 0; i < 150; i++) {
                write(random.nextInt(200));
            }
            checkReads();
            // the same reads over writes the transaction has buffered but not committed
            TreeMap<Long, String> committed = new TreeMap<>(model);
            session.setAutoCommit(false);
            for (int i = 0; i < 30; i++) {
                write(random.nextInt(200));
            }
            checkReads();
            if (round % 2 == 0) {
                exec("COMMIT");
            } else {
                exec("ROLLBACK");
                model.clear();
                model.putAll(committed);
            }
            session.setAutoCommit(true);
            if (round == 3) {
                reopen();
            }
        }
        assertTrue(model.size() > 50, "the table holds a mix of rows: " + model.size());
    }
}
