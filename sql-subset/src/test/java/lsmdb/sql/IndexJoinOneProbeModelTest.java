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
 * An index join whose probe side is one row (a key point: the join the customer's orders query makes) reads that
 * row's inner rows through an index cursor as they are asked for, not as a list: checked against a nested-loop
 * model over random data. The outer key is missing, NULL, matches nothing, one row, or more rows than the cursor's
 * first batches hold; inner and LEFT joins; whole rows (no projection folded in), a condition the lookup does not
 * carry, a LIMIT that closes the cursor midway, an ORDER BY that keeps rows; rows changed between rounds, inside a
 * transaction in odd rounds (its own writes seen), some rounds after a flush (versions in tables and memtable).
 */
class IndexJoinOneProbeModelTest extends SqlTestBase {

    private record B(Integer ax, String v, long w) {
    }

    @Test
    void oneProbeRowJoinsMatchTheModel() throws Exception {
        exec("CREATE TABLE a (id INT PRIMARY KEY, x INT, tag VARCHAR(10))");
        exec("CREATE TABLE b (v VARCHAR(20), id INT PRIMARY KEY, w BIGINT, ax INT)");
        exec("CREATE INDEX b_ax ON b (ax)");
        TreeMap<Integer, Integer> a = new TreeMap<>();
        TreeMap<Integer, B> b = new TreeMap<>();
        Random r = new Random(24);
        for (int id = 0; id < 30; id++) {
            Integer x = id % 7 == 3 ? null : id % 5 == 0 ? 0 : r.nextInt(12); // 0: a key with ~100 rows
            exec("INSERT INTO a VALUES (?, ?, ?)", id, x, "t" + id);
            a.put(id, x);
        }
        for (int id = 0; id < 400; id++) {
            B row = newRow(r, "v" + id);
            exec("INSERT INTO b VALUES (?, ?, ?, ?)", row.v(), id, row.w(), row.ax());
            b.put(id, row);
        }
        String columns = "SELECT b.id, b.w, a.tag FROM a JOIN b ON b.ax = a.x WHERE a.id = ?";
        String whole = "SELECT a.*, b.*, b.w + 1 FROM a JOIN b ON b.ax = a.x WHERE a.id = ?";
        String left = "SELECT a.id, b.id, b.v FROM a LEFT JOIN b ON b.ax = a.x WHERE a.id = ?";
        String checked = "SELECT b.id, b.w FROM a JOIN b ON b.ax = a.x AND b.w > a.id * 1000 WHERE a.id = ?";
        String limited = "SELECT b.id FROM a JOIN b ON b.ax = a.x WHERE a.id = ? LIMIT 20";
        String ordered = "SELECT b.id, b.v FROM a JOIN b ON b.ax = a.x WHERE a.id = ? ORDER BY b.v DESC";
        for (String sql : List.of(columns, whole, left, checked, limited, ordered)) {
            String plan = explain(sql, 1);
            assertTrue(plan.contains("INDEX JOIN") && plan.contains("INDEX B_AX"), plan);
        }
        for (int round = 0; round < 8; round++) {
            boolean tx = round % 2 == 1;
            if (tx) {
                session.setAutoCommit(false);
            }
            for (int i = 0; i < 40; i++) {
                int id = r.nextInt(420);
                exec("DELETE FROM b WHERE id = ?", id);
                if (b.remove(id) == null || r.nextBoolean()) {
                    B row = newRow(r, "r" + round + "." + i);
                    exec("INSERT INTO b VALUES (?, ?, ?, ?)", row.v(), id, row.w(), row.ax());
                    b.put(id, row);
                }
            }
            for (int aid = -1; aid <= 30; aid++) { // -1 and 30: no probe row
                Integer x = a.get(aid);
                boolean probe = a.containsKey(aid);
                List<List<Object>> cols = new ArrayList<>();
                List<List<Object>> all = new ArrayList<>();
                List<List<Object>> outer = new ArrayList<>();
                List<List<Object>> check = new ArrayList<>();
                List<List<Object>> ord = new ArrayList<>();
                for (Map.Entry<Integer, B> e : b.entrySet()) {
                    B row = e.getValue();
                    if (!probe || x == null || !x.equals(row.ax())) {
                        continue;
                    }
                    cols.add(List.of(e.getKey(), row.w(), "t" + aid));
                    all.add(List.of(aid, x, "t" + aid, row.v(), e.getKey(), row.w(), row.ax(), row.w() + 1));
                    outer.add(List.of(aid, e.getKey(), row.v()));
                    if (row.w() > aid * 1000L) {
                        check.add(List.of(e.getKey(), row.w()));
                    }
                    ord.add(List.of(e.getKey(), row.v()));
                }
                if (probe && outer.isEmpty()) {
                    outer.add(Arrays.asList(aid, null, null));
                }
                String at = "a.id " + aid + ", round " + round;
                assertEquals(numbersAsLongs(cols), numbersAsLongs(query(columns, aid)), "columns, " + at);
                assertEquals(numbersAsLongs(all), numbersAsLongs(query(whole, aid)), "whole rows, " + at);
                assertEquals(numbersAsLongs(outer), numbersAsLongs(query(left, aid)), "left join, " + at);
                assertEquals(numbersAsLongs(check), numbersAsLongs(query(checked, aid)), "checked, " + at);
                // index order: b.ax equal, then b's key
                List<List<Object>> first = new ArrayList<>();
                for (List<Object> c : cols.subList(0, Math.min(20, cols.size()))) {
                    first.add(List.of(c.get(0)));
                }
                assertEquals(numbersAsLongs(first), numbersAsLongs(query(limited, aid)), "limit, " + at);
                ord.sort((p, q) -> ((String) q.get(1)).compareTo((String) p.get(1)));
                assertEquals(numbersAsLongs(ord), numbersAsLongs(query(ordered, aid)), "order by, " + at);
            }
            if (tx) {
                session.commit();
                session.setAutoCommit(true);
            }
            if (round % 3 == 2) {
                db.engine().flush();
            }
        }
    }

    /** An inner row: its join key NULL now and then, else one of few values (0 most often: a long span). */
    private static B newRow(Random r, String v) {
        int k = r.nextInt(20);
        Integer ax = k == 0 ? null : k < 8 ? Integer.valueOf(0) : Integer.valueOf(r.nextInt(12));
        return new B(ax, v, r.nextLong());
    }
}
