package lsmdb.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The query engine: joins, aggregates, subqueries, set operations, expressions, keys, views and EXPLAIN. */
class SqlQueriesTest extends SqlTestBase {

    private void shop() throws Exception {
        exec("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(20), city VARCHAR(20))");
        exec("CREATE TABLE orders (id INT PRIMARY KEY, customer INT, amount DECIMAL(10,2))");
        exec("INSERT INTO customers VALUES (1, 'ann', 'oslo'), (2, 'bob', 'rome'), (3, 'cy', NULL)");
        exec("INSERT INTO orders VALUES (10, 1, 5.50), (11, 1, 4.50), (12, 2, 7.00), (13, 9, 1.00)");
    }

    @Test
    void innerLeftRightAndCommaJoins() throws Exception {
        shop();
        assertEquals(List.of(row("ann", 10), row("ann", 11), row("bob", 12)),
                query("SELECT c.name, o.id FROM customers c JOIN orders o ON o.customer = c.id ORDER BY o.id"));
        assertEquals(List.of(row("ann", 10), row("ann", 11), row("bob", 12), row("cy", null)),
                query("SELECT c.name, o.id FROM customers c LEFT JOIN orders o ON o.customer = c.id ORDER BY c.id, o.id"));
        assertEquals(List.of(row(null, 13), row("ann", 10), row("ann", 11), row("bob", 12)),
                query("SELECT c.name, o.id FROM customers c RIGHT JOIN orders o ON o.customer = c.id "
                        + "ORDER BY c.name NULLS FIRST, o.id"));
        assertEquals(List.of(row(12L)), query("SELECT COUNT(*) FROM customers, orders"));
        assertEquals(List.of(row("bob")),
                query("SELECT name FROM customers, orders WHERE customers.id = orders.customer AND orders.amount > 6"));
        // A condition on the right side of a LEFT JOIN in WHERE filters after the join.
        assertEquals(List.of(row("cy")),
                query("SELECT c.name FROM customers c LEFT JOIN orders o ON o.customer = c.id WHERE o.id IS NULL"));
    }

    @Test
    void joinMethodsShowInExplain() throws Exception {
        shop();
        String byKey = String.join("\n", column(query("EXPLAIN SELECT * FROM orders o JOIN customers c ON c.id = o.customer")));
        assertTrue(byKey.contains("INDEX JOIN") && byKey.contains("PRIMARY KEY POINT"), byKey);
        String hash = String.join("\n", column(query("EXPLAIN SELECT * FROM customers c JOIN orders o ON o.customer = c.id")));
        assertTrue(hash.contains("HASH JOIN") && hash.contains("FULL SCAN"), hash);
        String loop = String.join("\n", column(query("EXPLAIN SELECT * FROM customers c JOIN orders o ON o.customer > c.id")));
        assertTrue(loop.contains("NESTED LOOP"), loop);
        String point = String.join("\n", column(query("EXPLAIN SELECT * FROM orders WHERE id = 11")));
        assertTrue(point.contains("PRIMARY KEY POINT"), point);
        String range = String.join("\n", column(query("EXPLAIN SELECT * FROM orders WHERE id > 11 ORDER BY id DESC LIMIT 1")));
        assertTrue(range.contains("PRIMARY KEY RANGE") && range.contains("REVERSE") && !range.contains("SORT"), range);
        String topN = String.join("\n", column(query("EXPLAIN SELECT * FROM orders ORDER BY amount LIMIT 2")));
        assertTrue(topN.contains("TOP-N"), topN);
        assertTrue(String.join("\n", column(query("EXPLAIN SELECT customer, COUNT(*) FROM orders GROUP BY customer")))
                .contains("HASH AGGREGATE"));
    }

    private static List<String> column(List<List<Object>> rows) {
        return rows.stream().map(r -> (String) r.get(0)).toList();
    }

    @Test
    void aggregatesWithAndWithoutGroups() throws Exception {
        shop();
        assertEquals(List.of(row(1, new BigDecimal("10.00"), 2L), row(2, new BigDecimal("7.00"), 1L)),
                query("SELECT customer, SUM(amount), COUNT(*) FROM orders GROUP BY customer HAVING COUNT(*) >= 1 "
                        + "AND customer < 5 ORDER BY 1"));
        assertEquals(List.of(row(4L, 3L, new BigDecimal("1.00"), new BigDecimal("7.00"))),
                query("SELECT COUNT(*), COUNT(DISTINCT customer), MIN(amount), MAX(amount) FROM orders"));
        assertEquals(List.of(row(0L, null)), query("SELECT COUNT(*), SUM(id) FROM orders WHERE id > 100"));
        assertEquals(List.of(), query("SELECT customer, COUNT(*) FROM orders WHERE id > 100 GROUP BY customer"));
        assertEquals(List.of(row(2.5)), query("SELECT AVG(x) FROM (SELECT 2 AS x UNION ALL SELECT 3) s"));
        assertEquals(List.of(row("ann", 2L)), query("SELECT c.name, COUNT(o.id) FROM customers c JOIN orders o "
                + "ON o.customer = c.id GROUP BY c.name HAVING COUNT(o.id) > 1"));
        assertEquals(List.of(row(2L), row(1L)), query("SELECT COUNT(*) AS n FROM orders WHERE customer < 5 "
                + "GROUP BY customer ORDER BY n DESC"));
        fails("42000", "SELECT name, COUNT(*) FROM customers");
    }

    @Test
    void subqueriesCorrelatedOrNot() throws Exception {
        shop();
        assertEquals(List.of(row("ann"), row("bob")),
                query("SELECT name FROM customers WHERE id IN (SELECT customer FROM orders) ORDER BY name"));
        assertEquals(List.of(row("cy")),
                query("SELECT name FROM customers c WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer = c.id)"));
        assertEquals(List.of(row("ann", 2L), row("bob", 1L), row("cy", 0L)),
                query("SELECT name, (SELECT COUNT(*) FROM orders o WHERE o.customer = c.id) FROM customers c ORDER BY 1"));
        assertEquals(List.of(row(12)), query("SELECT id FROM orders WHERE amount = (SELECT MAX(amount) FROM orders)"));
        fails("21000", "SELECT (SELECT id FROM orders) FROM customers");
        assertEquals(List.of(row(3)), query("SELECT id FROM customers WHERE id NOT IN (SELECT customer FROM orders)"));
        exec("INSERT INTO orders VALUES (14, NULL, 0)");
        assertEquals(List.of(), query("SELECT id FROM customers WHERE id NOT IN (SELECT customer FROM orders)"),
                "NOT IN over a set holding NULL is never TRUE");
    }

    @Test
    void unionDistinctOrderAndLimit() throws Exception {
        shop();
        assertEquals(List.of(row(1), row(2), row(3), row(9)),
                query("SELECT id FROM customers UNION SELECT customer FROM orders ORDER BY 1"));
        assertEquals(7L, query("SELECT COUNT(*) FROM (SELECT id FROM customers UNION ALL SELECT customer FROM orders) u")
                .get(0).get(0));
        assertEquals(List.of(row(1), row(2)), query("SELECT DISTINCT customer FROM orders WHERE customer < 5 ORDER BY customer"));
        assertEquals(List.of(row(11), row(12)), query("SELECT id FROM orders ORDER BY id LIMIT 2 OFFSET 1"));
        assertEquals(List.of(row(11)), query("SELECT id FROM orders ORDER BY id OFFSET 1 ROWS FETCH NEXT 1 ROWS ONLY"));
        assertEquals(List.of(row(12), row(10)), query("SELECT id FROM orders ORDER BY amount DESC, id LIMIT ?", 2));
    }

    @Test
    void expressionsAndFunctions() throws Exception {
        assertEquals(List.of(row(1L)), query("SELECT 1"));
        assertEquals(List.of(row(3L, 1L, "ab", true)), query("SELECT 7 / 2, 7 % 2, 'a' || 'b', 1 < 2"));
        assertEquals(List.of(row("it's", 3L, "ABC", "bc")),
                query("SELECT 'it''s', LENGTH('abc'), UPPER('abc'), SUBSTRING('abc', 2)"));
        assertEquals(List.of(row("two", 5L, null, 3)),
                query("SELECT CASE 2 WHEN 1 THEN 'one' WHEN 2 THEN 'two' END, COALESCE(NULL, 5), NULLIF(1, 1), CAST(3.9 AS INT)"));
        assertEquals(List.of(row(3.0, new BigDecimal("2"), true, false)),
                query("SELECT ROUND(2.5e0), ROUND(1.5), 'abc' LIKE 'a%', 'abc' LIKE 'A%'"));
        assertEquals(List.of(row(true)), query("SELECT 'a_c' LIKE 'a!_c' ESCAPE '!'"));
        fails("22012", "SELECT 1 / 0");
        fails("22003", "SELECT ROUND(1.5, 1000000000)");
        fails("42000", "SELECT 1 FOR UPDATE"); // no table: nothing to lock
        fails("42000", "SELECT NOSUCH(1)");
    }

    @Test
    void compositeKeysAndHiddenRowIds() throws Exception {
        exec("CREATE TABLE ck (a VARCHAR(10), b INT, v INT, PRIMARY KEY (a, b))");
        exec("INSERT INTO ck VALUES ('x', 2, 1), ('x', 1, 2), ('x\u0000y', 0, 3), ('', 5, 4), ('w', 9, 5)");
        assertEquals(List.of(row("", 5), row("w", 9), row("x", 1), row("x", 2), row("x\u0000y", 0)),
                query("SELECT a, b FROM ck"));
        assertEquals(List.of(row(2), row(1)), query("SELECT v FROM ck WHERE a = 'x' ORDER BY b"));
        assertTrue(String.join("\n", column(query("EXPLAIN SELECT v FROM ck WHERE a = 'x' ORDER BY b")))
                .contains("PRIMARY KEY RANGE"));
        assertEquals(List.of(row(1)), query("SELECT v FROM ck WHERE a = 'x' AND b = 2"));
        assertEquals(List.of(row(1)), query("SELECT v FROM ck WHERE a = 'x' AND b > 1"));
        fails("23505", "INSERT INTO ck VALUES ('x', 1, 0)");
        exec("CREATE TABLE nk (v VARCHAR(5))");
        exec("INSERT INTO nk VALUES ('a'), ('a'), ('b')");
        assertEquals(List.of(row("a"), row("a"), row("b")), query("SELECT * FROM nk"));
        assertEquals(List.of(row(1L, "a"), row(2L, "a"), row(3L, "b")), query("SELECT _ROWID_, v FROM nk"));
        assertEquals(1, exec("DELETE FROM nk WHERE _ROWID_ = 2"));
        reopen();
        exec("INSERT INTO nk VALUES ('c')");
        assertEquals(List.of(row(1L), row(3L), row(4L)), query("SELECT _ROWID_ FROM nk"));
        assertEquals(List.of(row(1), row(2)), query("SELECT v FROM ck WHERE a = 'x' ORDER BY b DESC LIMIT 5")
                .stream().map(r -> row(r.get(0))).sorted((p, q) -> Integer.compare((Integer) p.get(0), (Integer) q.get(0))).toList());
    }

    @Test
    void viewsTruncateAndSavepoints() throws Exception {
        shop();
        exec("CREATE VIEW big (oid, who) AS SELECT o.id, c.name FROM orders o JOIN customers c ON c.id = o.customer "
                + "WHERE o.amount > 5");
        assertEquals(List.of(row(10, "ann"), row(12, "bob")), query("SELECT * FROM big ORDER BY oid"));
        fails("42000", "INSERT INTO big VALUES (1, 'x')");
        exec("DROP VIEW big");
        fails("42S02", "SELECT * FROM big");
        exec("TRUNCATE TABLE orders");
        assertEquals(List.of(row(0L)), query("SELECT COUNT(*) FROM orders"));
        session.setAutoCommit(false);
        exec("INSERT INTO orders VALUES (1, 1, 1)");
        exec("SAVEPOINT s1");
        exec("INSERT INTO orders VALUES (2, 1, 1)");
        exec("ROLLBACK TO SAVEPOINT s1");
        session.commit();
        assertEquals(List.of(row(1)), query("SELECT id FROM orders"));
    }

    @Test
    void negativeZeroIsZeroAndNanComparesWithDecimals() throws Exception {
        exec("CREATE TABLE dz (k DOUBLE PRIMARY KEY, d DOUBLE)");
        exec("INSERT INTO dz VALUES (-0.0, 1)");
        assertEquals(List.of(row(1.0)), query("SELECT d FROM dz WHERE k = -0.0"));
        assertEquals(List.of(row(1.0)), query("SELECT d FROM dz WHERE k = 0.0"));
        fails("23505", "INSERT INTO dz VALUES (0.0, 2)");
        exec("INSERT INTO dz VALUES (?, ?)", 1.0, Double.NaN);
        exec("INSERT INTO dz VALUES (?, ?)", 2.0, Double.POSITIVE_INFINITY);
        // NaN sorts above every number (as in PostgreSQL and H2), so it passes "d > 1e308" with infinity.
        assertEquals(List.of(row(1.0), row(2.0)), query("SELECT k FROM dz WHERE d > 1.5 AND d < 1e300 OR d > 1e308"));
        exec("UPDATE dz SET d = d + 1.5");
        assertEquals(3, query("SELECT d FROM dz").size());
    }

    @Test
    void inListWithAndIsNotMistakenForASubquery() throws Exception {
        exec("CREATE TABLE people (id INT PRIMARY KEY, active BOOLEAN)");
        exec("INSERT INTO people VALUES (1, FALSE), (2, TRUE), (3, FALSE), (4, FALSE)");
        assertEquals(List.of(row(1), row(3)), query("SELECT id FROM people WHERE id IN (1, 2, 3) AND active = FALSE"));
    }
}
