package lsmdb.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * UPDATEs by primary-key points, which patch stored rows instead of rebuilding them, checked against a model of the
 * table: SET from parameters and from the old row, extra WHERE conditions on other columns, IN lists, NULLs, failed
 * statements that must change nothing, transactions that roll back, and the same statements after ADD COLUMN (rows
 * stored before it have fewer columns).
 */
class SqlPointUpdateTest extends SqlTestBase {

    private final TreeMap<Integer, Object[]> model = new TreeMap<>();

    private void check(String when) throws SQLException {
        List<List<Object>> expected = new ArrayList<>();
        for (var e : model.entrySet()) {
            Object[] m = e.getValue();
            expected.add(row(e.getKey(), m[0], m[1], m[2], m[3]));
        }
        assertEquals(expected, query("SELECT k, a, b, c, d FROM t ORDER BY k"), when);
    }

    @Test
    void pointUpdatesMatchAModel() throws Exception {
        exec("CREATE TABLE t (k INT PRIMARY KEY, a INT, b VARCHAR(8) NOT NULL, c DOUBLE, d VARCHAR(20))");
        Random r = new Random(42);
        for (int k = 0; k < 40; k++) {
            Object[] m = {k % 5 == 0 ? null : k, "b" + k, k / 2.0, k % 3 == 0 ? null : "d\u00e9" + k};
            model.put(k, m);
            exec("INSERT INTO t VALUES (?, ?, ?, ?, ?)", k, m[0], m[1], m[2], m[3]);
        }
        for (int step = 0; step < 400; step++) {
            if (step == 200) {
                exec("ALTER TABLE t ADD COLUMN e INT"); // later statements also meet rows stored without e
            }
            boolean tx = r.nextInt(5) == 0;
            boolean rollback = tx && r.nextBoolean();
            TreeMap<Integer, Object[]> before = new TreeMap<>();
            model.forEach((key, v) -> before.put(key, v.clone()));
            if (tx) {
                session.setAutoCommit(false);
            }
            int statements = tx ? 1 + r.nextInt(3) : 1;
            for (int s = 0; s < statements; s++) {
                step(r);
            }
            if (tx) {
                if (rollback) {
                    session.rollback();
                    model.clear();
                    model.putAll(before);
                } else {
                    session.commit();
                }
                session.setAutoCommit(true);
            }
            check("step " + step);
        }
    }

    private void step(Random r) throws SQLException {
        int k = r.nextInt(45); // some keys do not exist
        Object[] m = model.get(k);
        switch (r.nextInt(6)) {
            case 0 -> {
                int v = r.nextInt(100);
                assertEquals(m == null ? 0 : 1, exec("UPDATE t SET a = ? WHERE k = ?", v, k));
                if (m != null) {
                    m[0] = v;
                }
            }
            case 1 -> { // SET from the old row, and a condition on another column
                double min = r.nextInt(20);
                boolean hit = m != null && (Double) m[2] > min;
                assertEquals(hit ? 1 : 0, exec("UPDATE t SET a = a + 1, d = b WHERE k = ? AND c > ?", k, min));
                if (hit) {
                    m[0] = m[0] == null ? null : (Integer) m[0] + 1;
                    m[3] = m[1];
                }
            }
            case 2 -> { // several points; a key listed twice is updated once
                int k2 = r.nextInt(45);
                String b = "x" + r.nextInt(1000);
                long n = model.containsKey(k) ? 1 : 0;
                n += k2 != k && model.containsKey(k2) ? 1 : 0;
                assertEquals(n, exec("UPDATE t SET b = ?, c = c * 2 WHERE k IN (?, ?, ?)", b, k, k2, k));
                for (int key : new int[] {k, k2}) {
                    Object[] x = model.get(key);
                    if (x != null && (key == k || k2 != k)) {
                        x[1] = b;
                        x[2] = (Double) x[2] * 2;
                    }
                }
            }
            case 3 -> {
                assertEquals(m == null ? 0 : 1, exec("UPDATE t SET d = NULL, a = NULL WHERE k = ?", k));
                if (m != null) {
                    m[3] = null;
                    m[0] = null;
                }
            }
            case 4 -> { // fails and changes nothing: NOT NULL, then a value too long for VARCHAR(8)
                if (m != null) {
                    fails("23502", "UPDATE t SET a = 1, b = NULL WHERE k = ?", k);
                    fails("22001", "UPDATE t SET b = ? WHERE k = ?", "123456789", k);
                }
            }
            default -> { // a string parameter converted to the column's type
                assertEquals(m == null ? 0 : 1, exec("UPDATE t SET a = ?, d = ? WHERE k = ?", "7", "\u00fc" + k, k));
                if (m != null) {
                    m[0] = 7;
                    m[3] = "\u00fc" + k;
                }
            }
        }
    }
}
