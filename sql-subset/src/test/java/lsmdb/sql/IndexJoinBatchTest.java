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
 * An index join reads its probe rows a batch ahead and looks their keys up together (a multi-get for primary-key
 * points): checked against a model across batch boundaries (16, then 32, then 64 probe rows), with probe rows whose
 * key is NULL or names no row, LEFT JOIN, a condition beyond the key, LIMIT, and a transaction whose uncommitted
 * writes to the looked-up table must win over the engine's rows.
 */
class IndexJoinBatchTest extends SqlTestBase {

    @Test
    void batchedPrimaryKeyJoinMatchesTheModel() throws Exception {
        exec("CREATE TABLE c (id INT PRIMARY KEY, city VARCHAR(10))");
        exec("CREATE TABLE o (id INT PRIMARY KEY, cid INT, amount INT)");
        TreeMap<Integer, String> cities = new TreeMap<>();
        TreeMap<Integer, Integer[]> orders = new TreeMap<>(); // id -> {cid (may be null), amount}
        Random r = new Random(11);
        for (int id = 0; id < 80; id++) {
            String city = "c" + r.nextInt(5);
            exec("INSERT INTO c VALUES (?, ?)", id, city);
            cities.put(id, city);
        }
        for (int id = 0; id < 300; id++) {
            Integer cid = r.nextInt(10) == 0 ? null : r.nextInt(100); // ids 80..99 name no customer
            int amount = r.nextInt(1000);
            exec("INSERT INTO o VALUES (?, ?, ?)", id, cid, amount);
            orders.put(id, new Integer[] {cid, amount});
        }
        String inner = "SELECT o.id, c.city FROM o JOIN c ON c.id = o.cid WHERE o.id BETWEEN ? AND ?";
        assertTrue(explain(inner, 0, 1).contains("INDEX JOIN"), explain(inner, 0, 1));
        for (int round = 0; round < 6; round++) {
            boolean tx = round % 2 == 1;
            if (tx) {
                session.setAutoCommit(false);
            }
            for (int i = 0; i < 30; i++) {
                int id = r.nextInt(100);
                if (cities.containsKey(id) && r.nextBoolean()) {
                    exec("DELETE FROM c WHERE id = ?", id);
                    cities.remove(id);
                } else {
                    String city = "n" + r.nextInt(5);
                    exec(cities.containsKey(id) ? "UPDATE c SET city = ? WHERE id = ?"
                            : "INSERT INTO c (city, id) VALUES (?, ?)", city, id);
                    cities.put(id, city);
                }
            }
            // windows of one and two probe rows and of none too: one probe row is looked up without a batch
            for (int[] w : new int[][] {{0, 299}, {0, 15}, {0, 16}, {5, 60}, {17, 130}, {100, 299}, {290, 400},
                {7, 7}, {8, 9}, {400, 500}}) {
                assertEquals(joined(orders, cities, w[0], w[1], false, null),
                        query(inner, w[0], w[1]), "inner " + w[0] + ".." + w[1] + ", round " + round);
                assertEquals(joined(orders, cities, w[0], w[1], true, null),
                        query("SELECT o.id, c.city FROM o LEFT JOIN c ON c.id = o.cid WHERE o.id BETWEEN ? AND ?",
                                w[0], w[1]), "left " + w[0] + ".." + w[1] + ", round " + round);
                assertEquals(joined(orders, cities, w[0], w[1], false, "c1"),
                        query("SELECT o.id, c.city FROM o JOIN c ON c.id = o.cid AND c.city <> 'c1' "
                                + "WHERE o.id BETWEEN ? AND ?", w[0], w[1]), "condition, round " + round);
                List<List<Object>> all = joined(orders, cities, w[0], w[1], false, null);
                for (int limit : new int[] {1, 16, 17, 50}) {
                    assertEquals(all.subList(0, Math.min(limit, all.size())),
                            query(inner + " LIMIT " + limit, w[0], w[1]), "limit " + limit + ", round " + round);
                }
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

    /** The join's rows in order id order: (order id, city), LEFT keeping orders without a customer. */
    private static List<List<Object>> joined(TreeMap<Integer, Integer[]> orders, TreeMap<Integer, String> cities,
                                             int lo, int hi, boolean left, String excludedCity) {
        List<List<Object>> rows = new ArrayList<>();
        for (Map.Entry<Integer, Integer[]> e : orders.subMap(lo, true, hi, true).entrySet()) {
            Integer cid = e.getValue()[0];
            String city = cid == null ? null : cities.get(cid);
            if (city != null && !city.equals(excludedCity)) {
                rows.add(List.of(e.getKey(), city));
            } else if (left) {
                rows.add(java.util.Arrays.asList(e.getKey(), null));
            }
        }
        return rows;
    }
}
