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
 * order, the projection a scan hands its rows straight through for, or fewer) answer as a TreeMap model of the table,
 * with committed writes in the engine and, inside a transaction, buffered ones over them.
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
            String v = "v" + k + "-" + random.nextInt(1000);
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
            assertEquals(v == null ? List.of() : List.of(row(v)), query("SELECT v FROM kv WHERE k = ?", k), "point " + k);
            assertEquals(v == null ? List.of() : List.of(row(k, v)), query("SELECT k, v FROM kv WHERE k = ?", k),
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
                values.add(row(e.getValue()));
            }
            assertEquals(range, query("SELECT k, v FROM kv WHERE k >= ? ORDER BY k LIMIT " + limit, k),
                    "range from " + k);
            assertEquals(range, query("SELECT * FROM kv WHERE k >= ? ORDER BY k LIMIT " + limit, k),
                    "range from " + k + ", star");
            assertEquals(values, query("SELECT v FROM kv WHERE k >= ? ORDER BY k LIMIT " + limit, k),
                    "range of values from " + k);
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
