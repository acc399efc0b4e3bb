package lsmdb.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Readers that build only the columns a block reads (joined tables, index lookups, aggregations) answer as the same
 * query that reads every column does (SELECT * then picking the columns here).
 */
class ProjectedReadsTest extends SqlTestBase {

    private void load() throws Exception {
        exec("CREATE TABLE cu (id BIGINT PRIMARY KEY, name VARCHAR(20), city VARCHAR(10), created TIMESTAMP)");
        exec("CREATE TABLE od (id BIGINT PRIMARY KEY, cust BIGINT, status VARCHAR(10), amount DECIMAL(12,2), "
                + "note VARCHAR(40))");
        exec("CREATE INDEX od_cust ON od(cust)");
        exec("CREATE INDEX cu_city ON cu(city)");
        Random r = new Random(11);
        for (int i = 0; i < 60; i++) {
            exec("INSERT INTO cu VALUES (?, ?, ?, ?)", (long) i, r.nextInt(7) == 0 ? null : "n" + i,
                    "city" + r.nextInt(4), java.sql.Timestamp.valueOf("2021-01-01 00:00:00"));
        }
        for (int i = 0; i < 400; i++) {
            exec("INSERT INTO od VALUES (?, ?, ?, ?, ?)", (long) i, (long) r.nextInt(70),
                    r.nextInt(9) == 0 ? null : "s" + r.nextInt(8),
                    r.nextInt(9) == 0 ? null : new BigDecimal(BigDecimal.valueOf(r.nextLong() % 100_000_000_000L, 2)
                            .toPlainString()), "note" + i);
        }
    }

    @Test
    void joinsAndLookupsReadOnlyWhatTheyUse() throws Exception {
        load();
        String join = "SELECT o.id, o.amount, c.city FROM cu c JOIN od o ON o.cust = c.id WHERE c.id = ?";
        String all = "SELECT * FROM cu c JOIN od o ON o.cust = c.id WHERE c.id = ?";
        for (long id = 0; id < 70; id += 3) {
            assertEquals(pick(query(all, id), 4, 7, 2), sorted(query(join, id)), "customer " + id);
        }
        String grouped = "SELECT c.city, SUM(o.amount), COUNT(*) FROM od o JOIN cu c ON c.id = o.cust "
                + "WHERE o.id BETWEEN ? AND ? GROUP BY c.city ORDER BY c.city";
        String groupedAll = "SELECT t.city, SUM(t.amount), COUNT(*) FROM (SELECT c.city AS city, o.amount AS amount, "
                + "c.name AS nm, c.created AS cr, o.note AS nt, o.status AS st FROM od o JOIN cu c ON c.id = o.cust "
                + "WHERE o.id BETWEEN ? AND ?) t GROUP BY t.city ORDER BY t.city";
        assertEquals(query(groupedAll, 10L, 300L), query(grouped, 10L, 300L));
        String point = "SELECT id, amount FROM od WHERE cust = ? ORDER BY amount DESC LIMIT 5";
        assertTrue(explain(point, 3L).contains("INDEX OD_CUST"), explain(point, 3L));
        for (long c = 0; c < 70; c += 7) {
            List<List<Object>> full = query("SELECT * FROM od WHERE cust = ? ORDER BY amount DESC LIMIT 5", c);
            assertEquals(pick(full, 0, 3), sorted(query(point, c)), "cust " + c);
        }
        String left = "SELECT c.name, o.note FROM cu c LEFT JOIN od o ON o.cust = c.id AND o.status = 's1'";
        assertEquals(pick(query("SELECT * FROM cu c LEFT JOIN od o ON o.cust = c.id AND o.status = 's1'"), 1, 8),
                sorted(query(left)));
        String status = "SELECT status, COUNT(*), SUM(amount) FROM od GROUP BY status ORDER BY status";
        assertEquals(query("SELECT status, COUNT(*), SUM(amount) FROM (SELECT * FROM od) t GROUP BY status "
                + "ORDER BY status"), query(status));
    }

    /**
     * ORDER BY keys name select-list slots, not the table's: ordering by the second output must not count the
     * table's second column as read, so an index holding every column the block reads still answers alone.
     */
    @Test
    void orderKeysDoNotCountAsTableColumns() throws Exception {
        exec("CREATE TABLE ob (id BIGINT PRIMARY KEY, b VARCHAR(10), a BIGINT)");
        exec("CREATE INDEX ob_a ON ob(a)");
        Random r = new Random(5);
        for (int i = 0; i < 200; i++) {
            exec("INSERT INTO ob VALUES (?, ?, ?)", (long) i, "b" + i, r.nextInt(9) == 0 ? null : (long) r.nextInt(30));
        }
        String q = "SELECT id, a FROM ob WHERE a BETWEEN ? AND ? ORDER BY a DESC, id";
        assertTrue(explain(q, 3L, 9L).contains("(INDEX ONLY)"), explain(q, 3L, 9L));
        for (long lo = 0; lo < 30; lo += 4) {
            List<List<Object>> full = query("SELECT * FROM ob WHERE a BETWEEN ? AND ? ORDER BY a DESC, id", lo,
                    lo + 6);
            List<List<Object>> expected = new ArrayList<>();
            for (List<Object> row : full) {
                expected.add(List.of(row.get(0), row.get(2)));
            }
            assertEquals(expected, query(q, lo, lo + 6), "a between " + lo + " and " + (lo + 6));
        }
    }

    private static List<String> pick(List<List<Object>> rows, int... cols) {
        List<List<Object>> out = new ArrayList<>();
        for (List<Object> r : rows) {
            List<Object> p = new ArrayList<>();
            for (int c : cols) {
                p.add(r.get(c));
            }
            out.add(p);
        }
        return sorted(out);
    }

    private static List<String> sorted(List<List<Object>> rows) {
        List<String> out = new ArrayList<>();
        for (List<Object> r : rows) {
            out.add(r.toString());
        }
        out.sort(null);
        return out;
    }
}
