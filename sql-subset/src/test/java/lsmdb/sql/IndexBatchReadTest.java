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
 * An index scan fetches its rows in batches (the row keys of several entries, then their rows in one multi-get):
 * checked against a model across batch boundaries, under LIMIT, inside a transaction whose own uncommitted writes
 * must win over the engine's rows, and on the inner side of an index join.
 */
class IndexBatchReadTest extends SqlTestBase {

    @Test
    void batchedIndexReadsMatchTheModelInsideAndOutsideTransactions() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, g INT, v VARCHAR(20))");
        exec("CREATE INDEX t_g ON t (g)");
        exec("CREATE TABLE s (x INT PRIMARY KEY)");
        exec("INSERT INTO s VALUES (1), (2), (5)");
        TreeMap<Integer, Object[]> model = new TreeMap<>();
        for (int id = 0; id < 600; id++) {
            int g = id % 6;
            exec("INSERT INTO t VALUES (?, ?, ?)", id, g, "v" + id);
            model.put(id, new Object[] {g, "v" + id});
        }
        Random r = new Random(7);
        for (int round = 0; round < 8; round++) {
            boolean tx = round % 2 == 1;
            if (tx) {
                session.setAutoCommit(false);
            }
            for (int i = 0; i < 40; i++) {
                int id = r.nextInt(700);
                int op = r.nextInt(3);
                if (op == 0 && model.containsKey(id)) {
                    exec("DELETE FROM t WHERE id = ?", id);
                    model.remove(id);
                } else if (op == 1 && model.containsKey(id)) {
                    int g = r.nextInt(6);
                    exec("UPDATE t SET g = ?, v = ? WHERE id = ?", g, "u" + round + "." + i, id);
                    model.put(id, new Object[] {g, "u" + round + "." + i});
                } else if (!model.containsKey(id)) {
                    exec("INSERT INTO t VALUES (?, ?, ?)", id, 1, "n" + id);
                    model.put(id, new Object[] {1, "n" + id});
                }
            }
            for (int g = 0; g < 6; g++) {
                List<List<Object>> expected = expectedRows(model, g);
                assertEquals(expected, query("SELECT id, v FROM t WHERE g = ?", g), "g = " + g + ", round " + round);
                for (int limit : new int[] {1, 15, 16, 17, 48, 49, 200}) {
                    assertEquals(expected.subList(0, Math.min(limit, expected.size())),
                            query("SELECT id, v FROM t WHERE g = ? LIMIT " + limit, g), "limit " + limit);
                }
            }
            List<List<Object>> joined = new ArrayList<>();
            for (int x : new int[] {1, 2, 5}) {
                for (List<Object> row : expectedRows(model, x)) {
                    joined.add(List.of(x, row.get(0), row.get(1)));
                }
            }
            String join = "SELECT s.x, t.id, t.v FROM s JOIN t ON t.g = s.x";
            assertTrue(explain(join).contains("INDEX T_G"), explain(join));
            List<List<Object>> got = query(join);
            got.sort(java.util.Comparator.<List<Object>>comparingInt(a -> ((Number) a.get(0)).intValue())
                    .thenComparingInt(a -> ((Number) a.get(1)).intValue()));
            assertEquals(joined, got, "join, round " + round);
            if (tx) {
                session.commit();
                session.setAutoCommit(true);
            }
            if (round == 3) {
                reopen();
            }
        }
    }

    /**
     * Short index spans (a few entries per value, versions and deletions among them, some in the memtable, some in
     * tables) are read at once without a cursor: the same rows as the model, alone, under LIMIT, in an IN list, with
     * only the index read (id from the entry), and in a transaction whose own writes take the cursor route.
     */
    @Test
    void shortIndexSpansMatchTheModel() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, g INT, v VARCHAR(20))");
        exec("CREATE INDEX t_g ON t (g)");
        TreeMap<Integer, Object[]> model = new TreeMap<>();
        int groups = 50;
        for (int id = 0; id < 300; id++) {
            int g = id % groups;
            exec("INSERT INTO t VALUES (?, ?, ?)", id, g, "v" + id);
            model.put(id, new Object[] {g, "v" + id});
        }
        Random r = new Random(11);
        for (int round = 0; round < 10; round++) {
            boolean tx = round % 3 == 2;
            if (tx) {
                session.setAutoCommit(false);
            }
            for (int i = 0; i < 60; i++) {
                int id = r.nextInt(340);
                int op = r.nextInt(3);
                if (op == 0 && model.containsKey(id)) {
                    exec("DELETE FROM t WHERE id = ?", id);
                    model.remove(id);
                } else if (op == 1 && model.containsKey(id)) {
                    int g = r.nextInt(groups);
                    exec("UPDATE t SET g = ?, v = ? WHERE id = ?", g, "u" + round + "." + i, id);
                    model.put(id, new Object[] {g, "u" + round + "." + i});
                } else if (!model.containsKey(id)) {
                    int g = r.nextInt(groups);
                    exec("INSERT INTO t VALUES (?, ?, ?)", id, g, "n" + id);
                    model.put(id, new Object[] {g, "n" + id});
                }
            }
            for (int g = 0; g < groups + 2; g++) {
                List<List<Object>> expected = expectedRows(model, g);
                String where = "g = " + g + ", round " + round;
                assertEquals(expected, query("SELECT id, v FROM t WHERE g = ?", g), where);
                assertEquals(expected.subList(0, Math.min(2, expected.size())),
                        query("SELECT id, v FROM t WHERE g = ? LIMIT 2", g), "limit 2, " + where);
                List<List<Object>> ids = new ArrayList<>();
                for (List<Object> row : expected) {
                    ids.add(List.of(row.get(0)));
                }
                assertEquals(ids, query("SELECT id FROM t WHERE g = ?", g), "index only, " + where);
            }
            int a = r.nextInt(groups);
            int b = r.nextInt(groups);
            List<List<Object>> both = new ArrayList<>(expectedRows(model, Math.min(a, b)));
            if (a != b) {
                both.addAll(expectedRows(model, Math.max(a, b)));
            }
            assertEquals(both, query("SELECT id, v FROM t WHERE g IN (?, ?)", a, b), "IN, round " + round);
            if (tx) {
                session.commit();
                session.setAutoCommit(true);
            }
            if (round % 4 == 1) {
                reopen();
            } else if (round % 4 == 3) {
                db.engine().flush(); // the spans' entries then lie in tables and the memtable both
            }
        }
    }

    /** The rows of group {@code g} in index order (g, then id): id and v. */
    /**
     * Index scans of one thread share a free batch (the arrays a scan reads row keys and rows into): scans open at
     * once, closed early or read to the end in any order, each still read their own rows.
     */
    @Test
    void interleavedIndexScansOnOneThreadReadTheirOwnRows() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, g INT, v VARCHAR(20))");
        exec("CREATE INDEX t_g ON t (g)");
        TreeMap<Integer, Object[]> model = new TreeMap<>();
        for (int id = 0; id < 700; id++) {
            int g = id % 7;
            exec("INSERT INTO t VALUES (?, ?, ?)", id, g, "v" + id);
            model.put(id, new Object[] {g, "v" + id});
        }
        Prepared plan = session.prepare("SELECT id, v FROM t WHERE g = ?");
        Random r = new Random(11);
        for (int round = 0; round < 30; round++) {
            List<RowCursor> open = new ArrayList<>();
            List<List<List<Object>>> read = new ArrayList<>();
            List<Integer> groups = new ArrayList<>();
            for (int step = 0; step < 60; step++) {
                int pick = r.nextInt(open.size() + 1);
                if (pick == open.size()) {
                    if (open.size() < 4) {
                        int g = r.nextInt(7);
                        open.add(session.execute(plan, new Object[] {g}).rows());
                        read.add(new ArrayList<>());
                        groups.add(g);
                    }
                    continue;
                }
                RowCursor c = open.get(pick);
                List<List<Object>> expected = expectedRows(model, groups.get(pick));
                List<List<Object>> got = read.get(pick);
                int n = 1 + r.nextInt(40);
                boolean ended = false;
                for (int i = 0; i < n && !ended; i++) {
                    if (c.next()) {
                        got.add(List.of(c.get(0), c.get(1)));
                    } else {
                        ended = true;
                    }
                }
                assertEquals(expected.subList(0, got.size()), got, "group " + groups.get(pick) + ", round " + round);
                if (ended || r.nextInt(4) == 0) { // read to the end, or closed early as under a LIMIT
                    if (ended) {
                        assertEquals(expected, got);
                    }
                    c.close();
                    open.remove(pick);
                    read.remove(pick);
                    groups.remove(pick);
                }
            }
            for (RowCursor c : open) {
                c.close();
            }
        }
    }

    private static List<List<Object>> expectedRows(TreeMap<Integer, Object[]> model, int g) {
        List<List<Object>> rows = new ArrayList<>();
        for (Map.Entry<Integer, Object[]> e : model.entrySet()) {
            if ((Integer) e.getValue()[0] == g) {
                rows.add(List.of(e.getKey(), e.getValue()[1]));
            }
        }
        return rows;
    }
}
