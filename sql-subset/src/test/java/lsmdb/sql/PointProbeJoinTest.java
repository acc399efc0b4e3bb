package lsmdb.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * An index join whose probe side is one row read by its key ({@code WHERE c.id = ? JOIN o ON o.cid = c.id}, the sql
 * suite's join_customer), checked against a model: a probe row that is missing, one without matches (inner and LEFT
 * JOIN), one the probe side's filter rejects, a join on a non-key column of the probe row, an extra ON condition, and
 * inside transactions whose own writes must be seen. It guards any shortcut that reads the probe row together with
 * the joined rows (one was tried: it must find the entries from the whole probe row, not its key alone).
 */
class PointProbeJoinTest extends SqlTestBase {

    private final TreeMap<Integer, Object[]> customers = new TreeMap<>(); // id -> {a, name}
    private final TreeMap<Integer, Object[]> orders = new TreeMap<>(); // id -> {cid, a, v}

    @Test
    void pointProbeJoinsMatchTheModel() throws Exception {
        exec("CREATE TABLE c (id INT PRIMARY KEY, a INT, name VARCHAR(20))");
        exec("CREATE TABLE o (id INT PRIMARY KEY, cid INT, a INT, v VARCHAR(20))");
        exec("CREATE INDEX o_cid ON o (cid)");
        exec("CREATE INDEX o_a ON o (a)");
        Random r = new Random(11);
        for (int id = 0; id < 30; id++) {
            putCustomer(id, r.nextInt(8), "n" + r.nextInt(10));
        }
        for (int id = 0; id < 300; id++) {
            putOrder(id, r.nextInt(40), r.nextInt(8), "n" + r.nextInt(10));
        }
        String byKey = "SELECT c.name, o.id, o.v FROM c JOIN o ON o.cid = c.id WHERE c.id = ?";
        String byColumn = "SELECT c.name, o.id, o.v FROM c JOIN o ON o.a = c.a WHERE c.id = ?";
        String left = "SELECT c.name, o.id, o.v FROM c LEFT JOIN o ON o.cid = c.id WHERE c.id = ?";
        String extra = "SELECT c.name, o.id, o.v FROM c JOIN o ON o.cid = c.id AND o.v > c.name WHERE c.id = ?";
        String filtered = "SELECT c.name, o.id, o.v FROM c JOIN o ON o.cid = c.id WHERE c.id = ? AND c.a < 4";
        for (String q : List.of(byKey, byColumn, left, extra, filtered)) {
            String plan = explain(q, 1);
            assertTrue(plan.contains("INDEX JOIN") && plan.contains("SCAN C PRIMARY KEY POINT"), plan);
        }
        for (int round = 0; round < 6; round++) {
            boolean tx = round % 2 == 1;
            if (tx) {
                session.setAutoCommit(false);
            }
            for (int i = 0; i < 30; i++) {
                int op = r.nextInt(4);
                if (op == 0) {
                    putCustomer(r.nextInt(40), r.nextInt(8), "m" + r.nextInt(10));
                } else if (op == 1) {
                    int id = r.nextInt(40);
                    exec("DELETE FROM c WHERE id = ?", id);
                    customers.remove(id);
                } else if (op == 2) {
                    putOrder(r.nextInt(360), r.nextInt(40), r.nextInt(8), "m" + r.nextInt(10));
                } else {
                    int id = r.nextInt(360);
                    exec("DELETE FROM o WHERE id = ?", id);
                    orders.remove(id);
                }
            }
            for (int cid = 0; cid < 42; cid++) {
                String at = "round " + round + ", c.id " + cid;
                assertEquals(expected(cid, false, false, false), sorted(query(byKey, cid)), at);
                assertEquals(expected(cid, true, false, false), sorted(query(byColumn, cid)), at);
                assertEquals(expected(cid, false, true, false), sorted(query(left, cid)), at);
                assertEquals(expected(cid, false, false, true), sorted(query(extra, cid)), at);
                Object[] c = customers.get(cid);
                assertEquals(c != null && (Integer) c[0] < 4 ? expected(cid, false, false, false) : List.of(),
                        sorted(query(filtered, cid)), at);
            }
            if (tx) {
                session.commit();
                session.setAutoCommit(true);
            }
            if (round == 2) {
                reopen();
            }
        }
    }

    private void putCustomer(int id, int a, String name) throws Exception {
        exec(customers.containsKey(id) ? "UPDATE c SET a = ?, name = ? WHERE id = ?"
                : "INSERT INTO c (a, name, id) VALUES (?, ?, ?)", a, name, id);
        customers.put(id, new Object[] {a, name});
    }

    private void putOrder(int id, int cid, int a, String v) throws Exception {
        exec(orders.containsKey(id) ? "UPDATE o SET cid = ?, a = ?, v = ? WHERE id = ?"
                : "INSERT INTO o (cid, a, v, id) VALUES (?, ?, ?, ?)", cid, a, v, id);
        orders.put(id, new Object[] {cid, a, v});
    }

    /** The model's answer: customer {@code cid} joined to its orders by key (or by column a), as name, id, v. */
    private List<List<Object>> expected(int cid, boolean byColumn, boolean outer, boolean vAfterName) {
        List<List<Object>> rows = new ArrayList<>();
        Object[] c = customers.get(cid);
        if (c == null) {
            return rows;
        }
        for (Map.Entry<Integer, Object[]> e : orders.entrySet()) {
            Object[] o = e.getValue();
            boolean match = byColumn ? o[1].equals(c[0]) : o[0].equals(cid);
            if (match && (!vAfterName || ((String) o[2]).compareTo((String) c[1]) > 0)) {
                rows.add(List.of(c[1], e.getKey(), o[2]));
            }
        }
        if (rows.isEmpty() && outer) {
            rows.add(java.util.Arrays.asList(c[1], null, null));
        }
        return rows;
    }

    private static List<List<Object>> sorted(List<List<Object>> rows) {
        rows.sort(Comparator.comparingInt(x -> x.get(1) == null ? -1 : ((Number) x.get(1)).intValue()));
        return rows;
    }
}
