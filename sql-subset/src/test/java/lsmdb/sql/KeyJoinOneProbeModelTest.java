package lsmdb.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * An index join whose probe side is one row and whose inner side is reached through the inner table's primary key
 * (peer-bench's join_point: {@code FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.id = ?}) streams
 * the inner rows through the key scan's cursor, each of the block's width: checked against a model over random
 * data. The inner key is a whole key (a point) or its first column (a range over a two-column key); the probe key is
 * missing, NULL or matches nothing; inner and LEFT joins, projections in either table order, whole rows, a condition
 * the lookup does not carry; rows changed between rounds, some rounds after a flush.
 */
class KeyJoinOneProbeModelTest extends SqlTestBase {

    private record P(Integer c, String tag) {
    }

    @Test
    void oneProbeRowKeyJoinsMatchTheModel() throws Exception {
        exec("CREATE TABLE p (id INT PRIMARY KEY, c INT, tag VARCHAR(10))");
        exec("CREATE TABLE c (name VARCHAR(10), id INT PRIMARY KEY, w BIGINT)"); // the key not the first column
        exec("CREATE TABLE m (g INT, k INT, v VARCHAR(10), PRIMARY KEY (g, k))"); // c's rows by g: a key range
        TreeMap<Integer, P> p = new TreeMap<>();
        TreeMap<Integer, Object[]> c = new TreeMap<>();
        TreeMap<List<Integer>, String> m = new TreeMap<>((x, y) -> x.get(0).equals(y.get(0))
                ? x.get(1).compareTo(y.get(1)) : x.get(0).compareTo(y.get(0)));
        Random r = new Random(26);
        for (int id = 0; id < 40; id++) {
            P row = new P(r.nextInt(9) == 0 ? null : r.nextInt(30), "t" + id);
            exec("INSERT INTO p VALUES (?, ?, ?)", id, row.c(), row.tag());
            p.put(id, row);
        }
        String point = "SELECT c.name, p.tag FROM p JOIN c ON c.id = p.c WHERE p.id = ?";
        String whole = "SELECT * FROM p JOIN c ON c.id = p.c WHERE p.id = ?";
        String left = "SELECT p.id, c.w, c.name FROM p LEFT JOIN c ON c.id = p.c WHERE p.id = ?";
        String checked = "SELECT c.id FROM p JOIN c ON c.id = p.c AND c.w > p.id WHERE p.id = ?";
        String range = "SELECT m.k, m.v, p.tag FROM p JOIN m ON m.g = p.c WHERE p.id = ?";
        String leftRange = "SELECT p.id, m.k FROM p LEFT JOIN m ON m.g = p.c WHERE p.id = ?";
        assertTrue(explain(point, 1).contains("INDEX JOIN"), explain(point, 1));
        assertTrue(explain(range, 1).contains("INDEX JOIN"), explain(range, 1));
        for (int round = 0; round < 8; round++) {
            for (int i = 0; i < 25; i++) {
                int id = r.nextInt(30);
                exec("DELETE FROM c WHERE id = ?", id);
                if (c.remove(id) == null || r.nextBoolean()) {
                    Object[] row = {"n" + round + "." + i, (long) r.nextInt(60)};
                    exec("INSERT INTO c VALUES (?, ?, ?)", row[0], id, row[1]);
                    c.put(id, row);
                }
                List<Integer> mk = List.of(r.nextInt(30), r.nextInt(6));
                exec("DELETE FROM m WHERE g = ? AND k = ?", mk.get(0), mk.get(1));
                if (m.remove(mk) == null || r.nextBoolean()) {
                    exec("INSERT INTO m VALUES (?, ?, ?)", mk.get(0), mk.get(1), "v" + round + "." + i);
                    m.put(mk, "v" + round + "." + i);
                }
            }
            for (int pid = -1; pid <= 40; pid++) { // -1 and 40: no probe row
                P probe = p.get(pid);
                Object[] inner = probe == null || probe.c() == null ? null : c.get(probe.c());
                String at = "p.id " + pid + ", round " + round;
                List<List<Object>> expected = new ArrayList<>();
                if (inner != null) {
                    expected.add(List.of(inner[0], probe.tag()));
                }
                assertEquals(expected, query(point, pid), "point, " + at);
                expected = new ArrayList<>();
                if (inner != null) {
                    expected.add(List.of(pid, probe.c(), probe.tag(), inner[0], probe.c(), inner[1]));
                }
                assertEquals(numbersAsLongs(expected), numbersAsLongs(query(whole, pid)), "whole rows, " + at);
                expected = new ArrayList<>();
                if (probe != null) {
                    expected.add(inner == null ? Arrays.asList(pid, null, null) : List.of(pid, inner[1], inner[0]));
                }
                assertEquals(numbersAsLongs(expected), numbersAsLongs(query(left, pid)), "left join, " + at);
                expected = new ArrayList<>();
                if (inner != null && (Long) inner[1] > pid) {
                    expected.add(List.of(probe.c()));
                }
                assertEquals(numbersAsLongs(expected), numbersAsLongs(query(checked, pid)), "checked, " + at);
                List<List<Object>> ranged = new ArrayList<>();
                List<List<Object>> leftRanged = new ArrayList<>();
                for (Map.Entry<List<Integer>, String> e : m.entrySet()) {
                    if (probe != null && probe.c() != null && e.getKey().get(0).equals(probe.c())) {
                        ranged.add(List.of(e.getKey().get(1), e.getValue(), probe.tag()));
                        leftRanged.add(List.of(pid, e.getKey().get(1)));
                    }
                }
                if (probe != null && leftRanged.isEmpty()) {
                    leftRanged.add(Arrays.asList(pid, null));
                }
                assertEquals(numbersAsLongs(ranged), numbersAsLongs(query(range, pid)), "range, " + at);
                assertEquals(numbersAsLongs(leftRanged), numbersAsLongs(query(leftRange, pid)), "left range, " + at);
            }
            if (round % 3 == 2) {
                db.engine().flush();
            }
        }
    }
}
