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
 * The inner side of an index join hands its rows in the table's own layout and the join places them after the probe
 * row's slots: checked against a model for both kinds of inner side (primary-key lookup, index range; one reading
 * only the index's columns and the key), inner and LEFT, with the inner table's columns in another order than the select list, and rows changed
 * between rounds (inside a transaction in odd rounds, so its own writes must be seen; outside one the inner index's
 * short spans are gathered without a cursor, and some rounds flush first, so a span's versions and deletions lie in
 * tables and the memtable both).
 */
class IndexJoinRowsModelTest extends SqlTestBase {

    private record B(int ax, String v, long w) {
    }

    @Test
    void indexJoinRowsMatchTheModel() throws Exception {
        exec("CREATE TABLE a (id INT PRIMARY KEY, x INT, tag VARCHAR(10))");
        exec("CREATE TABLE b (v VARCHAR(20), id INT PRIMARY KEY, w BIGINT, ax INT)");
        exec("CREATE INDEX b_ax ON b (ax)");
        TreeMap<Integer, Integer> a = new TreeMap<>();
        TreeMap<Integer, B> b = new TreeMap<>();
        Random r = new Random(11);
        for (int id = 0; id < 40; id++) {
            int x = r.nextInt(30);
            exec("INSERT INTO a VALUES (?, ?, ?)", id, x, "t" + id);
            a.put(id, x);
        }
        for (int id = 0; id < 300; id++) {
            B row = new B(r.nextInt(30), "v" + id, r.nextLong());
            exec("INSERT INTO b VALUES (?, ?, ?, ?)", row.v(), id, row.w(), row.ax());
            b.put(id, row);
        }
        String byIndex = "SELECT a.id, a.tag, b.w, b.id, b.v FROM a JOIN b ON b.ax = a.x WHERE a.id < ?";
        String indexOnly = "SELECT a.id, b.id, b.ax FROM a JOIN b ON b.ax = a.x WHERE a.id < ?";
        String byKey = "SELECT a.id, b.v, b.w FROM a LEFT JOIN b ON b.id = a.x WHERE a.id < ?";
        for (String sql : List.of(byIndex, indexOnly, byKey)) {
            assertTrue(explain(sql, 10).contains("INDEX JOIN"), explain(sql, 10));
        }
        for (int round = 0; round < 9; round++) {
            boolean tx = round % 2 == 1;
            if (tx) {
                session.setAutoCommit(false);
            }
            for (int i = 0; i < 30; i++) {
                int id = r.nextInt(320);
                if (b.containsKey(id) && r.nextBoolean()) {
                    exec("DELETE FROM b WHERE id = ?", id);
                    b.remove(id);
                } else {
                    B row = new B(r.nextInt(30), "r" + round + "." + i, r.nextLong());
                    exec("DELETE FROM b WHERE id = ?", id);
                    exec("INSERT INTO b VALUES (?, ?, ?, ?)", row.v(), id, row.w(), row.ax());
                    b.put(id, row);
                }
            }
            int limit = 5 + r.nextInt(40);
            List<List<Object>> joined = new ArrayList<>();
            List<List<Object>> only = new ArrayList<>();
            List<List<Object>> keyed = new ArrayList<>();
            for (Map.Entry<Integer, Integer> pa : a.headMap(limit).entrySet()) {
                int aid = pa.getKey();
                for (Map.Entry<Integer, B> pb : b.entrySet()) {
                    if (pb.getValue().ax() == pa.getValue()) {
                        joined.add(List.of(aid, "t" + aid, pb.getValue().w(), pb.getKey(), pb.getValue().v()));
                        only.add(List.of(aid, pb.getKey(), pb.getValue().ax()));
                    }
                }
                B hit = b.get(pa.getValue());
                keyed.add(hit == null ? java.util.Arrays.asList(aid, null, null) : List.of(aid, hit.v(), hit.w()));
            }
            assertEquals(sorted(joined), sorted(query(byIndex, limit)), "index join, round " + round);
            assertEquals(sorted(only), sorted(query(indexOnly, limit)), "index-only join, round " + round);
            assertEquals(sorted(keyed), sorted(query(byKey, limit)), "key join, round " + round);
            if (tx) {
                session.commit();
                session.setAutoCommit(true);
            }
            if (round % 3 == 2) {
                db.engine().flush();
            }
        }
    }

    /** Rows ordered by their first two values (ids), as text so mixed Integer/Long compare alike. */
    private static List<List<Object>> sorted(List<List<Object>> rows) {
        List<List<Object>> out = numbersAsLongs(rows);
        out.sort(Comparator.comparing((List<Object> x) -> (Long) x.get(0))
                .thenComparing(x -> String.valueOf(x.get(1))));
        return out;
    }
}
