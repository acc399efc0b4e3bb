package lsmdb.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The plans of the statement shapes applications run most: those of the peer benchmark's sql suite (same schema,
 * same statements), and the operators that the planner's rules add. A change in any of them should be deliberate.
 */
class PlanShapesTest extends SqlTestBase {

    private String explain(String sql) throws Exception {
        Object[] params = new Object[(int) sql.chars().filter(ch -> ch == '?').count()];
        StringBuilder b = new StringBuilder();
        for (List<Object> r : query("EXPLAIN " + sql, params)) {
            b.append(r.get(0)).append('\n');
        }
        return b.toString();
    }

    @BeforeEach
    void schema() throws Exception {
        exec("CREATE TABLE customers (id BIGINT PRIMARY KEY, name VARCHAR(40), city VARCHAR(20), created TIMESTAMP)");
        exec("CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT, status VARCHAR(10), "
                + "amount DECIMAL(12,2), note VARCHAR(100))");
        exec("CREATE INDEX orders_customer ON orders(customer_id)");
        exec("CREATE INDEX customers_city ON customers(city)");
        exec("CREATE INDEX orders_status ON orders(status)");
    }

    private void plan(String sql, String... lines) throws Exception {
        assertEquals(String.join("\n", lines) + "\n", explain(sql), sql);
    }

    @Test
    void joinPoint() throws Exception {
        plan("SELECT c.name, o.amount FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.id = ?",
                "PROJECT [C.NAME, O.AMOUNT]",
                "  INNER INDEX JOIN",
                "    FILTER O.ID = ?1",
                "      SCAN ORDERS AS O PRIMARY KEY POINT",
                "    SCAN CUSTOMERS AS C PRIMARY KEY POINT");
    }

    @Test
    void joinCustomerInEitherOrder() throws Exception {
        String[] expected = {
            "PROJECT [O.ID, O.AMOUNT]",
            "  INNER INDEX JOIN",
            "    FILTER C.ID = ?1",
            "      SCAN CUSTOMERS AS C PRIMARY KEY POINT",
            "    SCAN ORDERS AS O INDEX ORDERS_CUSTOMER RANGE"};
        plan("SELECT o.id, o.amount FROM customers c JOIN orders o ON o.customer_id = c.id WHERE c.id = ?", expected);
        plan("SELECT o.id, o.amount FROM orders o JOIN customers c ON o.customer_id = c.id WHERE c.id = ?", expected);
        plan("SELECT o.id, o.amount FROM orders o, customers c WHERE o.customer_id = c.id AND c.id = ?", expected);
    }

    @Test
    void groupBy() throws Exception {
        // eight groups over every order: hashing beats an index read that costs a lookup per row
        plan("SELECT status, COUNT(*), SUM(amount) FROM orders GROUP BY status",
                "PROJECT [STATUS, COUNT(*), SUM(AMOUNT)]",
                "  HASH AGGREGATE GROUP BY [STATUS] [COUNT(*), SUM(AMOUNT)]",
                "    SCAN ORDERS FULL SCAN");
        plan("SELECT status, COUNT(*) FROM orders WHERE status > ? GROUP BY status",
                "PROJECT [STATUS, COUNT(*)]",
                "  STREAM AGGREGATE GROUP BY [STATUS] [COUNT(*)]",
                "    FILTER STATUS > ?1",
                "      SCAN ORDERS INDEX ORDERS_STATUS RANGE (INDEX ONLY)"); // it reads only status: no row fetched
        plan("SELECT id, COUNT(*) FROM orders GROUP BY id",
                "PROJECT [ID, COUNT(*)]",
                "  STREAM AGGREGATE GROUP BY [ID] [COUNT(*)]",
                "    SCAN ORDERS FULL SCAN");
    }

    @Test
    void groupByJoin() throws Exception {
        plan("SELECT c.city, SUM(o.amount) FROM orders o JOIN customers c ON c.id = o.customer_id "
                        + "WHERE o.id BETWEEN ? AND ? GROUP BY c.city",
                "PROJECT [C.CITY, SUM(O.AMOUNT)]",
                "  HASH AGGREGATE GROUP BY [C.CITY] [SUM(O.AMOUNT)]",
                "    INNER INDEX JOIN",
                "      FILTER O.ID BETWEEN ?1 AND ?2",
                "        SCAN ORDERS AS O PRIMARY KEY RANGE",
                "      SCAN CUSTOMERS AS C PRIMARY KEY POINT");
    }

    @Test
    void orderByTopN() throws Exception {
        plan("SELECT id, amount FROM orders WHERE customer_id = ? ORDER BY amount DESC LIMIT 5",
                "TOP-N 5 [#2 DESC]",
                "  PROJECT [ID, AMOUNT]",
                "    FILTER CUSTOMER_ID = ?1",
                "      SCAN ORDERS INDEX ORDERS_CUSTOMER RANGE");
        plan("SELECT id FROM orders ORDER BY customer_id LIMIT 3",
                "PROJECT [ID]",
                "  LIMIT 3",
                "    PROJECT [ID, CUSTOMER_ID]",
                "      SCAN ORDERS INDEX ORDERS_CUSTOMER RANGE");
    }

    @Test
    void likePrefix() throws Exception {
        // no index on name: a scan; on city: the index range
        plan("SELECT COUNT(*) FROM customers WHERE name LIKE ?",
                "PROJECT [COUNT(*)]",
                "  HASH AGGREGATE [COUNT(*)]",
                "    FILTER NAME LIKE ?1",
                "      SCAN CUSTOMERS FULL SCAN");
        plan("SELECT COUNT(*) FROM customers WHERE city LIKE ?",
                "PROJECT [COUNT(*)]",
                "  HASH AGGREGATE [COUNT(*)]",
                "    FILTER CITY LIKE ?1",
                "      SCAN CUSTOMERS INDEX CUSTOMERS_CITY RANGE (INDEX ONLY)");
    }

    @Test
    void semiJoins() throws Exception {
        plan("SELECT id FROM customers c WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id)",
                "PROJECT [ID]",
                "  LOOKUP SEMI JOIN (EXISTS (SUBQUERY))",
                "    SCAN CUSTOMERS AS C FULL SCAN",
                "    PROJECT [1]",
                "      FILTER CUSTOMER_ID = ID",
                "        SCAN ORDERS AS O INDEX ORDERS_CUSTOMER RANGE (INDEX ONLY)");
        plan("SELECT id FROM customers c WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.note = c.name)",
                "PROJECT [ID]",
                "  HASH ANTI JOIN ON [NAME] (NOT (EXISTS (SUBQUERY)))",
                "    SCAN CUSTOMERS AS C FULL SCAN",
                "    PROJECT [NOTE]",
                "      SCAN ORDERS AS O FULL SCAN");
        plan("SELECT id FROM customers c WHERE city NOT IN (SELECT status FROM orders o WHERE o.note = c.name)",
                "PROJECT [ID]",
                "  HASH NULL-AWARE ANTI JOIN ON [NAME, CITY] (CITY NOT IN (SUBQUERY))",
                "    SCAN CUSTOMERS AS C FULL SCAN",
                "    PROJECT [NOTE, STATUS]",
                "      SCAN ORDERS AS O FULL SCAN");
    }
}
