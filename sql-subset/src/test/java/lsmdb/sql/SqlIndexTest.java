package lsmdb.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Secondary indexes: maintenance by every change, uniqueness, use by the planner, and a model test. */
class SqlIndexTest extends SqlTestBase {

    @Test
    void indexesAreBuiltMaintainedAndUsed() throws Exception {
        exec("CREATE TABLE o (id INT PRIMARY KEY, cust INT, note VARCHAR(20))");
        exec("INSERT INTO o VALUES (1, 10, 'a'), (2, 20, 'b'), (3, 10, NULL), (4, NULL, 'd')");
        exec("CREATE INDEX o_cust ON o (cust)");
        assertTrue(explain("SELECT id FROM o WHERE cust = 10").contains("INDEX O_CUST RANGE"));
        assertEquals(List.of(row(1), row(3)), query("SELECT id FROM o WHERE cust = 10 ORDER BY id"));
        exec("INSERT INTO o VALUES (5, 10, 'e')");
        exec("UPDATE o SET cust = 30 WHERE id = 1");
        exec("DELETE FROM o WHERE id = 3");
        assertEquals(List.of(row(5)), query("SELECT id FROM o WHERE cust = 10"));
        assertEquals(List.of(row(1)), query("SELECT id FROM o WHERE cust > 20"));
        assertEquals(List.of(row(2), row(5)), query("SELECT id FROM o WHERE cust < 25 ORDER BY id"),
                "a range below a value leaves NULLs out");
        exec("UPDATE o SET id = 9 WHERE id = 5");
        assertEquals(List.of(row(9)), query("SELECT id FROM o WHERE cust = 10"));
        reopen();
        assertEquals(List.of(row(9)), query("SELECT id FROM o WHERE cust = 10"));
        exec("DROP INDEX o_cust");
        fails("42S12", "DROP INDEX o_cust");
        exec("DROP INDEX IF EXISTS o_cust");
        assertEquals(List.of(row(9)), query("SELECT id FROM o WHERE cust = 10"));
    }

    @Test
    void uniqueIndexesAndConstraints() throws Exception {
        exec("CREATE TABLE u (id INT PRIMARY KEY, email VARCHAR(30) UNIQUE, a INT, b INT, UNIQUE (a, b))");
        exec("INSERT INTO u VALUES (1, 'x@y', 1, 1), (2, NULL, 1, 2), (3, NULL, NULL, NULL), (4, NULL, NULL, NULL)");
        fails("23505", "INSERT INTO u VALUES (5, 'x@y', 9, 9)");
        fails("23505", "INSERT INTO u VALUES (5, 'z', 1, 2)");
        fails("23505", "UPDATE u SET email = 'x@y' WHERE id = 2");
        exec("UPDATE u SET email = 'new' WHERE id = 1");
        exec("INSERT INTO u VALUES (5, 'x@y', 9, 9)");
        assertTrue(explain("SELECT id FROM u WHERE email = 'new'").contains("POINT"));
        assertEquals(List.of(row(1)), query("SELECT id FROM u WHERE email = 'new'"));
        exec("INSERT INTO u VALUES (6, 'x@y', 7, 7) ON CONFLICT DO NOTHING");
        assertEquals(List.of(row(5L)), query("SELECT COUNT(*) FROM u"));
        exec("CREATE TABLE d (id INT PRIMARY KEY, v INT)");
        exec("INSERT INTO d VALUES (1, 5), (2, 5)");
        fails("23505", "CREATE UNIQUE INDEX d_v ON d (v)");
        fails("42S12", "DROP INDEX d_v");
        exec("CREATE INDEX d_v ON d (v)");
        fails("42S11", "CREATE INDEX d_v ON d (v)");
        exec("CREATE INDEX IF NOT EXISTS d_v ON d (v)");
    }

    @Test
    void joinsUseIndexesOnTheInnerSide() throws Exception {
        exec("CREATE TABLE c (id INT PRIMARY KEY, name VARCHAR(10))");
        exec("CREATE TABLE o (id INT PRIMARY KEY, cust INT)");
        exec("CREATE INDEX o_cust ON o (cust)");
        exec("INSERT INTO c VALUES (1, 'a'), (2, 'b')");
        exec("INSERT INTO o VALUES (10, 1), (11, 1), (12, 2)");
        String plan = explain("SELECT c.name, o.id FROM c JOIN o ON o.cust = c.id");
        assertTrue(plan.contains("INDEX JOIN") && plan.contains("INDEX O_CUST"), plan);
        assertEquals(List.of(row("a", 10), row("a", 11), row("b", 12)),
                query("SELECT c.name, o.id FROM c JOIN o ON o.cust = c.id ORDER BY o.id"));
    }

    /** A query that reads only an index's columns and the key is answered from the entries, rows unread. */
    @Test
    void indexOnlyScansAnswerFromTheEntries() throws Exception {
        exec("CREATE TABLE c (id BIGINT PRIMARY KEY, city VARCHAR(20), name VARCHAR(20), amount DECIMAL(8,2))");
        exec("CREATE INDEX c_city ON c(city)");
        exec("CREATE UNIQUE INDEX c_name ON c(name)");
        for (int i = 0; i < 300; i++) {
            exec("INSERT INTO c VALUES (?, ?, ?, ?)", (long) i, i % 7 == 0 ? null : "city" + (i % 5),
                    i % 11 == 0 ? null : "n" + i, new java.math.BigDecimal(i + ".50"));
        }
        exec("UPDATE c SET city = 'moved' WHERE id < 20");
        exec("DELETE FROM c WHERE id BETWEEN 280 AND 289");
        String count = "SELECT COUNT(*) FROM c WHERE city = ?";
        assertTrue(explain("SELECT COUNT(*) FROM c WHERE city = 'city1'").contains("INDEX C_CITY RANGE (INDEX ONLY)"), explain("SELECT COUNT(*) FROM c WHERE city = 'city1'"));
        for (String city : new String[] {"city1", "city2", "moved", "nowhere"}) {
            assertEquals(query("SELECT COUNT(*) FROM c WHERE city || '' = ?", city), query(count, city), city);
        }
        String keys = "SELECT id, city FROM c WHERE city >= 'city3'";
        assertTrue(explain(keys).contains("(INDEX ONLY)"), explain(keys));
        assertEquals(sorted(query("SELECT id, city FROM c WHERE city || '' >= 'city3'")), sorted(query(keys)));
        String byName = "SELECT name, id FROM c WHERE name LIKE 'n1%'";
        assertTrue(explain(byName).contains("(INDEX ONLY)"), explain(byName));
        assertEquals(sorted(query("SELECT name, id FROM c WHERE name || '' LIKE 'n1%'")), sorted(query(byName)));
        // A column outside the index (or one whose key form is not exact, like DECIMAL) needs the row.
        String amount = "SELECT SUM(amount) FROM c WHERE city = 'city2'";
        assertTrue(!explain(amount).contains("INDEX ONLY"), explain(amount));
        assertEquals(query("SELECT SUM(amount) FROM c WHERE city || '' = 'city2'"), query(amount));
        // Inside a transaction the entries include its own writes.
        exec("BEGIN");
        exec("INSERT INTO c VALUES (1000, 'city2', 'new', 1)");
        exec("DELETE FROM c WHERE id = 22");
        assertEquals(query("SELECT COUNT(*) FROM c WHERE city || '' = 'city2'"), query(count, "city2"));
        exec("ROLLBACK");
    }

    private static List<String> sorted(List<List<Object>> rows) {
        List<String> out = new ArrayList<>();
        for (List<Object> r : rows) {
            out.add(r.toString());
        }
        java.util.Collections.sort(out);
        return out;
    }

    /** Random rows and changes against a map model; after each step every index entry has its row and vice versa. */
    @Test
    void randomChangesKeepIndexesExactlyInStepWithRows() throws Exception {
        exec("CREATE TABLE m (id INT PRIMARY KEY, g INT, s VARCHAR(5))");
        exec("CREATE INDEX m_g ON m (g)");
        exec("CREATE INDEX m_sg ON m (s, g)");
        Map<Integer, Object[]> model = new HashMap<>();
        Random r = new Random(42);
        for (int step = 0; step < 1500; step++) {
            int id = r.nextInt(60);
            Integer g = r.nextInt(5) == 0 ? null : r.nextInt(8);
            String s = r.nextInt(5) == 0 ? null : "s" + r.nextInt(4);
            switch (r.nextInt(4)) {
                case 0 -> {
                    if (model.containsKey(id)) {
                        fails("23505", "INSERT INTO m VALUES (?, ?, ?)", id, g, s);
                    } else {
                        exec("INSERT INTO m VALUES (?, ?, ?)", id, g, s);
                        model.put(id, new Object[] {g, s});
                    }
                }
                case 1 -> {
                    exec("UPSERT INTO m VALUES (?, ?, ?)", id, g, s);
                    model.put(id, new Object[] {g, s});
                }
                case 2 -> {
                    exec("UPDATE m SET g = ?, s = ? WHERE id = ?", g, s, id);
                    if (model.containsKey(id)) {
                        model.put(id, new Object[] {g, s});
                    }
                }
                default -> {
                    exec("DELETE FROM m WHERE id = ?", id);
                    model.remove(id);
                }
            }
            if (step % 100 == 0) {
                reopenSometimes(step);
            }
            int probe = r.nextInt(8);
            List<Object> expected = new ArrayList<>();
            model.entrySet().stream().filter(e -> Integer.valueOf(probe).equals(e.getValue()[0]))
                    .map(Map.Entry::getKey).sorted().forEach(expected::add);
            List<Object> got = new ArrayList<>();
            for (List<Object> row : query("SELECT id FROM m WHERE g = ? ORDER BY id", probe)) {
                got.add(row.get(0));
            }
            assertEquals(expected, got, "step " + step + ": rows with g = " + probe);
            String sv = "s" + r.nextInt(4);
            long count = model.values().stream().filter(v -> sv.equals(v[1]) && v[0] != null && (Integer) v[0] >= 3)
                    .count();
            assertEquals(count, query("SELECT COUNT(*) FROM m WHERE s = ? AND g >= 3", sv).get(0).get(0),
                    "step " + step);
        }
        assertEquals((long) model.size(), query("SELECT COUNT(*) FROM m").get(0).get(0));
    }

    private void reopenSometimes(int step) throws Exception {
        if (step % 300 == 0) {
            reopen();
        }
    }

    @Test
    void systemTablesShowTheEngineAndTheCatalog() throws Exception {
        exec("CREATE TABLE st (id INT PRIMARY KEY, v INT)");
        exec("CREATE UNIQUE INDEX st_v ON st (v)");
        exec("INSERT INTO st VALUES (1, 1), (2, 2)");
        assertEquals(List.of(row("ST", "ID", 2L)), query("SELECT table_name, key_columns, row_estimate FROM sys.tables"));
        assertEquals(List.of(row("ST_V", "ST", "V", true)), query("SELECT * FROM SYS.INDEXES"));
        assertEquals(7L, query("SELECT COUNT(*) FROM sys.levels").get(0).get(0));
        assertTrue((Long) query("SELECT COUNT(*) FROM sys.stats WHERE name = 'lsmdb.memtable-bytes' AND value > 0")
                .get(0).get(0) == 1L);
        fails("42000", "DELETE FROM sys.stats");
        fails("42000", "INSERT INTO sys.tables VALUES ('x', 'y', 1, 1)");
        fails("42S02", "SELECT * FROM sys.nope");
    }
}
