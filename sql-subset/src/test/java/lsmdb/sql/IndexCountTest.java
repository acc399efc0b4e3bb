package lsmdb.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * COUNT(*) answered by counting index entries (no decoding, no filter): every answer equals the same query forced
 * off the index ({@code col + 0}, {@code col || ''}), for values of every kind a parameter may carry.
 */
class IndexCountTest extends SqlTestBase {

    private void load() throws Exception {
        exec("CREATE TABLE c (id BIGINT PRIMARY KEY, city VARCHAR(8), grp INT, sub SMALLINT, amount DECIMAL(8,2))");
        exec("CREATE INDEX c_city ON c(city)");
        exec("CREATE INDEX c_grp_sub ON c(grp, sub)");
        exec("CREATE INDEX c_amount ON c(amount)");
        Random r = new Random(5);
        for (int i = 0; i < 400; i++) {
            exec("INSERT INTO c VALUES (?, ?, ?, ?, ?)", (long) i, r.nextInt(9) == 0 ? null : "c" + r.nextInt(6),
                    r.nextInt(9) == 0 ? null : r.nextInt(5), r.nextInt(3), new BigDecimal(r.nextInt(20) + ".5"));
        }
        exec("UPDATE c SET city = 'moved', grp = 7 WHERE id < 30");
        exec("DELETE FROM c WHERE id BETWEEN 300 AND 330");
    }

    @Test
    void countsEntriesOfDescendingIndexesToo() throws Exception {
        exec("CREATE TABLE d (id BIGINT PRIMARY KEY, city VARCHAR(8), grp INT)");
        exec("CREATE INDEX d_city ON d(city DESC)");
        exec("CREATE INDEX d_grp_city ON d(grp DESC, city)");
        Random r = new Random(11);
        for (int i = 0; i < 300; i++) {
            exec("INSERT INTO d VALUES (?, ?, ?)", (long) i, r.nextInt(7) == 0 ? null : "c" + r.nextInt(5),
                    r.nextInt(7) == 0 ? null : r.nextInt(4) - 2);
        }
        String count = "SELECT COUNT(*) FROM d WHERE city = ?";
        assertTrue(explain(count, "c1").contains("COUNT INDEX ENTRIES"), explain(count, "c1"));
        for (Object city : new Object[] {"c0", "c1", "c4", "c", "c10", "", null}) {
            assertEquals(query("SELECT COUNT(*) FROM d WHERE city || '' = ?", city), query(count, city),
                    String.valueOf(city));
        }
        String two = "SELECT COUNT(*) FROM d WHERE grp = ? AND city = ?";
        for (Object[] p : new Object[][] {{-2, "c1"}, {0, "c3"}, {1, "c0"}, {5, "c1"}, {null, "c1"}}) {
            assertEquals(query("SELECT COUNT(*) FROM d WHERE grp + 0 = ? AND city || '' = ?", p), query(two, p),
                    java.util.Arrays.toString(p));
        }
    }

    @Test
    void countsEntriesExactlyLikeTheFilteredQuery() throws Exception {
        load();
        String count = "SELECT COUNT(*) FROM c WHERE city = ?";
        assertTrue(explain(count, "c1").contains("COUNT INDEX ENTRIES"), explain(count, "c1"));
        assertTrue(explain(count, "c1").contains("INDEX C_CITY RANGE"), explain(count, "c1"));
        for (Object city : new Object[] {"c1", "c2", "moved", "nowhere", "", "waytoolongforthecolumn", null}) {
            assertEquals(query("SELECT COUNT(*) FROM c WHERE city || '' = ?", city), query(count, city),
                    String.valueOf(city));
        }
        // Values of another kind: as the general plan over the same index answers (it compares only the entries
        // the converted value finds, so it may differ from a full scan, which compares every row).
        String general = "SELECT COUNT(*) FROM c WHERE city = ? AND amount IS NOT NULL";
        assertFalse(explain(general, "c1").contains("COUNT INDEX ENTRIES"), explain(general, "c1"));
        assertTrue(explain(general, "c1").contains("INDEX C_CITY RANGE"), explain(general, "c1"));
        for (Object city : new Object[] {5, 5L, new BigDecimal("1.0"), true, "c1", null}) {
            assertEquals(safeQuery(general, city), safeQuery(count, city), String.valueOf(city));
        }
        String two = "SELECT COUNT(*), COUNT(*) FROM c WHERE sub = ? AND grp = ?";
        assertTrue(explain(two, 1, 2).contains("COUNT INDEX ENTRIES"), explain(two, 1, 2));
        for (Object[] p : new Object[][] {{1, 2}, {0L, 7L}, {2, null}, {"1", "2"}, {new BigDecimal("1"), 2},
            {new BigDecimal("1.5"), 2}, {1, 2.0}, {1, 99999999999L}}) {
            assertEquals(safeQuery("SELECT COUNT(*), COUNT(*) FROM c WHERE sub = ? AND grp = ? AND amount IS NOT NULL", p),
                    safeQuery(two, p), java.util.Arrays.toString(p));
            if (!(p[0] instanceof String)) {
                assertEquals(safeQuery("SELECT COUNT(*), COUNT(*) FROM c WHERE sub + 0 = ? AND grp + 0 = ?", p),
                        safeQuery(two, p), java.util.Arrays.toString(p));
            }
        }
        String prefix = "SELECT COUNT(*) FROM c WHERE grp = 3";
        assertTrue(explain(prefix).contains("COUNT INDEX ENTRIES"), explain(prefix));
        assertEquals(query("SELECT COUNT(*) FROM c WHERE grp + 0 = 3"), query(prefix));
        assertEquals(query("SELECT COUNT(*) FROM c WHERE grp + 0 = 3 AND sub + 0 = 1"),
                query("SELECT COUNT(*) FROM c WHERE 1 = sub AND 3 = grp"));
        assertEquals(query("SELECT COUNT(*) FROM c WHERE city || '' = 'c1'"),
                query("SELECT COUNT(*) FROM c WHERE city = 'c1'"));
    }

    @Test
    void otherShapesKeepFilteringEveryRow() throws Exception {
        load();
        for (String q : new String[] {
            "SELECT COUNT(*) FROM c WHERE city = 'c1' AND id > 100", // a condition the range does not decide
            "SELECT COUNT(*) FROM c WHERE city = 'c1' AND city = 'c2'",
            "SELECT COUNT(city) FROM c WHERE city = 'c1'", // not COUNT(*)
            "SELECT city, COUNT(*) FROM c WHERE city = 'c1' GROUP BY city",
            "SELECT COUNT(*) FROM c WHERE city > 'c1'", // a range
            "SELECT COUNT(*) FROM c WHERE city IN ('c1', 'c2')",
            "SELECT COUNT(*) FROM c WHERE amount = 3.5"}) { // DECIMAL: equal values, different keys (scale)
            assertFalse(explain(q).contains("COUNT INDEX ENTRIES"), q + "\n" + explain(q));
        }
        assertEquals(query("SELECT COUNT(*) FROM c WHERE city || '' = 'c1' AND id > 100"),
                query("SELECT COUNT(*) FROM c WHERE city = 'c1' AND id > 100"));
        assertEquals(query("SELECT COUNT(*) FROM c WHERE amount + 0 = 3.5"),
                query("SELECT COUNT(*) FROM c WHERE amount = 3.50"));
    }

    @Test
    void aTransactionCountsItsOwnWrites() throws Exception {
        load();
        String count = "SELECT COUNT(*) FROM c WHERE city = ?";
        long before = (Long) query(count, "c2").get(0).get(0);
        exec("BEGIN");
        exec("INSERT INTO c VALUES (1000, 'c2', 1, 1, 1)");
        exec("INSERT INTO c VALUES (1001, 'c2', 1, 1, 1)");
        long gone = exec("DELETE FROM c WHERE id IN (SELECT id FROM c WHERE city || '' = 'c2' AND id < 200)");
        exec("UPDATE c SET city = 'c2' WHERE id = 250 AND city || '' <> 'c2'");
        assertEquals(query("SELECT COUNT(*) FROM c WHERE city || '' = 'c2'"), query(count, "c2"));
        assertTrue(gone > 0);
        exec("ROLLBACK");
        assertEquals(List.of(row(before)), query(count, "c2"));
    }

    /** The rows, or the SQLState of the failure: both plans must fail alike too. */
    private Object safeQuery(String sql, Object... params) {
        try {
            return query(sql, params);
        } catch (java.sql.SQLException e) {
            return e.getSQLState();
        }
    }
}
