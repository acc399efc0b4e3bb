package lsmdb.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Inner joins of several tables in a greedy order; outer joins in FROM order. Results as in FROM order. */
class JoinOrderTest extends SqlTestBase {

    @BeforeEach
    void data() throws Exception {
        exec("CREATE TABLE c (id INT PRIMARY KEY, name VARCHAR(10), region INT)");
        exec("CREATE TABLE o (id INT PRIMARY KEY, cust INT, item INT, qty INT)");
        exec("CREATE TABLE i (id INT PRIMARY KEY, label VARCHAR(10))");
        exec("CREATE TABLE r (id INT PRIMARY KEY, rname VARCHAR(10))");
        exec("CREATE INDEX o_cust ON o (cust)");
        for (int k = 0; k < 20; k++) {
            exec("INSERT INTO c VALUES (?, ?, ?)", k, "c" + k, k % 3 == 0 ? null : k % 3);
            exec("INSERT INTO i VALUES (?, ?)", k, "i" + k);
        }
        for (int k = 0; k < 60; k++) {
            exec("INSERT INTO o VALUES (?, ?, ?, ?)", k, k % 25, (k * 7) % 22, k % 4);
        }
        exec("INSERT INTO r VALUES (1, 'north'), (2, 'south')");
    }

    private static List<String> sorted(List<List<Object>> rows) {
        List<String> out = new ArrayList<>();
        for (List<Object> r : rows) {
            out.add(r.toString());
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    /** The same join written with CROSS JOINs of derived tables, which stay in FROM order. */
    private void sameAsFromOrder(String sql, String fromOrder, Object... params) throws Exception {
        assertEquals(sorted(query(fromOrder, params)), sorted(query(sql, params)), sql);
    }

    @Test
    void startsFromThePointLookupAndReachesTheRestByKeys() throws Exception {
        String sql = "SELECT c.name, i.label, o.qty FROM i, o, c WHERE o.item = i.id AND o.cust = c.id AND c.id = ?";
        String plan = explain(sql, 3);
        assertTrue(plan.indexOf("SCAN C") < plan.indexOf("SCAN O") && plan.indexOf("SCAN O") < plan.indexOf("SCAN I"),
                plan);
        assertTrue(plan.contains("INDEX O_CUST") && !plan.contains("HASH JOIN") && !plan.contains("NESTED"), plan);
        sameAsFromOrder(sql, "SELECT c.name, i.label, o.qty FROM (SELECT * FROM i) i, (SELECT * FROM o) o, "
                + "(SELECT * FROM c) c WHERE o.item = i.id AND o.cust = c.id AND c.id = ?", 3);
    }

    @Test
    void joinSyntaxAndFourTables() throws Exception {
        String sql = "SELECT r.rname, c.name, o.id, i.label FROM o JOIN i ON i.id = o.item JOIN c ON c.id = o.cust "
                + "JOIN r ON r.id = c.region WHERE o.qty = 2";
        explain(sql);
        sameAsFromOrder(sql, "SELECT r.rname, c.name, o.id, i.label FROM (SELECT * FROM o) o JOIN (SELECT * FROM i) i "
                + "ON i.id = o.item JOIN (SELECT * FROM c) c ON c.id = o.cust JOIN (SELECT * FROM r) r "
                + "ON r.id = c.region WHERE o.qty = 2");
        String reversed = "SELECT r.rname, COUNT(*) FROM r, c, o WHERE c.region = r.id AND o.cust = c.id AND o.id < 10 "
                + "GROUP BY r.rname";
        String plan = explain(reversed);
        assertTrue(plan.indexOf("SCAN O") < plan.indexOf("SCAN C") && plan.indexOf("SCAN C") < plan.indexOf("SCAN R"),
                plan);
        sameAsFromOrder(reversed, "SELECT r.rname, COUNT(*) FROM (SELECT * FROM r) r, (SELECT * FROM c) c, "
                + "(SELECT * FROM o) o WHERE c.region = r.id AND o.cust = c.id AND o.id < 10 GROUP BY r.rname");
    }

    @Test
    void crossProductsAndConstantConditions() throws Exception {
        sameAsFromOrder("SELECT c.id, r.id FROM c, r, i WHERE i.id = 4 AND c.id < 3",
                "SELECT c.id, r.id FROM (SELECT * FROM c) c, (SELECT * FROM r) r, (SELECT * FROM i) i "
                        + "WHERE i.id = 4 AND c.id < 3");
        sameAsFromOrder("SELECT c.id FROM c JOIN r ON 1 = 0 JOIN i ON i.id = c.id",
                "SELECT c.id FROM (SELECT * FROM c) c JOIN (SELECT * FROM r) r ON 1 = 0 JOIN (SELECT * FROM i) i "
                        + "ON i.id = c.id");
    }

    @Test
    void outerJoinsKeepFromOrder() throws Exception {
        String sql = "SELECT c.id, o.id FROM c LEFT JOIN o ON o.cust = c.id JOIN i ON i.id = c.id WHERE c.id = 5";
        String plan = explain(sql);
        assertTrue(plan.indexOf("SCAN C") < plan.indexOf("SCAN O") && plan.indexOf("SCAN O") < plan.indexOf("SCAN I"),
                plan);
        assertEquals(List.of(List.of(5, 5), List.of(5, 30), List.of(5, 55)), query(sql + " ORDER BY 2"));
    }
}
