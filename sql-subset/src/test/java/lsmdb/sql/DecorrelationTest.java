package lsmdb.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Correlated [NOT] EXISTS / [NOT] IN run as hash semi- and anti-joins: each query is checked against the same query
 * in a shape that stays per row ({@code + 0} on the outer column keeps the subquery correlated by an expression).
 */
class DecorrelationTest extends SqlTestBase {

    @BeforeEach
    void data() throws Exception {
        exec("CREATE TABLE a (id INT PRIMARY KEY, k INT, v INT, s VARCHAR(10))");
        exec("CREATE TABLE b (id INT PRIMARY KEY, k INT, v INT, s VARCHAR(10))");
        exec("INSERT INTO a VALUES (1, 1, 10, 'x'), (2, 1, 20, 'y'), (3, 2, NULL, 'z'), (4, NULL, 40, NULL),"
                + " (5, 3, 50, 'x'), (6, 4, 60, 'q'), (7, 5, NULL, 'r')");
        exec("INSERT INTO b VALUES (1, 1, 10, 'x'), (2, 1, 11, 'x'), (3, 2, 30, 'z'), (4, 2, NULL, NULL),"
                + " (5, NULL, 50, 'x'), (6, 4, 61, 'q'), (7, 5, 70, NULL)");
    }

    private void same(String decorrelated, String perRow, String operator) throws Exception {
        String plan = explain(decorrelated);
        assertTrue(plan.contains(operator), plan);
        assertTrue(explain(perRow).contains("(SUBQUERY)"), perRow);
        assertEquals(query(perRow), query(decorrelated), decorrelated);
    }

    @Test
    void existsAndNotExists() throws Exception {
        same("SELECT id FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.k = a.k) ORDER BY id",
                "SELECT id FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.k = a.k + 0) ORDER BY id", "HASH SEMI JOIN");
        same("SELECT id FROM a WHERE NOT EXISTS (SELECT 1 FROM b WHERE b.k = a.k AND b.v > 10) ORDER BY id",
                "SELECT id FROM a WHERE NOT EXISTS (SELECT 1 FROM b WHERE b.k = a.k + 0 AND b.v > 10) ORDER BY id",
                "HASH ANTI JOIN");
        same("SELECT id FROM a WHERE EXISTS (SELECT * FROM b WHERE a.k = b.k AND a.s = b.s) AND id > 1 ORDER BY id",
                "SELECT id FROM a WHERE EXISTS (SELECT * FROM b WHERE a.k + 0 = b.k AND a.s = b.s) AND id > 1 "
                        + "ORDER BY id", "HASH SEMI JOIN");
    }

    @Test
    void inAndNotInWithNulls() throws Exception {
        same("SELECT id FROM a WHERE v IN (SELECT v FROM b WHERE b.k = a.k) ORDER BY id",
                "SELECT id FROM a WHERE v IN (SELECT v FROM b WHERE b.k = a.k + 0) ORDER BY id", "HASH SEMI JOIN");
        same("SELECT id FROM a WHERE v NOT IN (SELECT v FROM b WHERE b.k = a.k) ORDER BY id",
                "SELECT id FROM a WHERE v NOT IN (SELECT v FROM b WHERE b.k = a.k + 0) ORDER BY id",
                "HASH NULL-AWARE ANTI JOIN");
        same("SELECT id FROM a WHERE s NOT IN (SELECT s FROM b WHERE b.k = a.k) ORDER BY id",
                "SELECT id FROM a WHERE s NOT IN (SELECT s FROM b WHERE b.k = a.k + 0) ORDER BY id",
                "HASH NULL-AWARE ANTI JOIN");
        same("SELECT id FROM a WHERE v NOT IN (SELECT v FROM b WHERE b.k = a.k AND b.v IS NOT NULL) ORDER BY id",
                "SELECT id FROM a WHERE v NOT IN (SELECT v FROM b WHERE b.k = a.k + 0 AND b.v IS NOT NULL) "
                        + "ORDER BY id", "HASH NULL-AWARE ANTI JOIN");
        // 1: 10 is among {10, 11}; 3 and 7: a NULL operand against rows; 4 and 5: no rows for the key
        assertEquals(List.of(List.of(2), List.of(4), List.of(5), List.of(6)),
                query("SELECT id FROM a WHERE v NOT IN (SELECT v FROM b WHERE b.k = a.k) ORDER BY id"));
    }

    @Test
    void joinsAndAggregatesAboveTheSemiJoin() throws Exception {
        same("SELECT a.k, COUNT(*) FROM a JOIN b ON a.id = b.id WHERE EXISTS (SELECT 1 FROM b x WHERE x.k = a.k) "
                        + "GROUP BY a.k ORDER BY 1",
                "SELECT a.k, COUNT(*) FROM a JOIN b ON a.id = b.id WHERE EXISTS (SELECT 1 FROM b x WHERE x.k = a.k + 0) "
                        + "GROUP BY a.k ORDER BY 1", "HASH SEMI JOIN");
        same("SELECT a.id FROM a LEFT JOIN b ON a.k = b.id WHERE NOT EXISTS (SELECT 1 FROM b x WHERE x.k = b.k) "
                        + "ORDER BY 1",
                "SELECT a.id FROM a LEFT JOIN b ON a.k = b.id WHERE NOT EXISTS (SELECT 1 FROM b x WHERE x.k = b.k + 0) "
                        + "ORDER BY 1", "HASH ANTI JOIN");
    }

    @Test
    void shapesThatStayPerRow() throws Exception {
        exec("CREATE INDEX b_k ON b (k)");
        // an index on the correlation column: one lookup per outer row, nothing held
        String plan = explain("SELECT id FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.k = a.k)");
        assertTrue(plan.contains("LOOKUP SEMI JOIN") && plan.contains("INDEX B_K RANGE"), plan);
        plan = explain("SELECT id FROM a WHERE v NOT IN (SELECT v FROM b WHERE b.id = a.k)");
        assertTrue(plan.contains("LOOKUP ANTI JOIN") && plan.contains("PRIMARY KEY POINT"), plan);
        assertEquals(query("SELECT id FROM a WHERE v NOT IN (SELECT v FROM b WHERE b.id = a.k + 0) ORDER BY id"),
                query("SELECT id FROM a WHERE v NOT IN (SELECT v FROM b WHERE b.id = a.k) ORDER BY id"));
        // a correlated inequality, an aggregate, a LIMIT
        assertTrue(explain("SELECT id FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.v < a.v)").contains("(SUBQUERY)"));
        assertTrue(explain("SELECT id FROM a WHERE v IN (SELECT MAX(v) FROM b WHERE b.s = a.s)")
                .contains("(SUBQUERY)"));
        // a string against a number compares by conversion, which hashing would not see
        assertTrue(explain("SELECT id FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.s = a.v)").contains("(SUBQUERY)"));
        assertEquals(List.of(List.of(1), List.of(2), List.of(3), List.of(6), List.of(7)),
                query("SELECT id FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.k = a.k) ORDER BY id"));
    }

    @Test
    void uncorrelatedInAndNotIn() throws Exception {
        same("SELECT id FROM a WHERE v IN (SELECT v FROM b WHERE b.id > 2) ORDER BY id",
                "SELECT id FROM a WHERE v + 0 IN (SELECT v FROM b WHERE b.id > 2) ORDER BY id", "HASH SEMI JOIN");
        same("SELECT id FROM a WHERE v NOT IN (SELECT v FROM b WHERE b.id > 4) ORDER BY id",
                "SELECT id FROM a WHERE v + 0 NOT IN (SELECT v FROM b WHERE b.id > 4) ORDER BY id",
                "HASH NULL-AWARE ANTI JOIN");
        // b.v holds a NULL among ids 3..4: NOT IN is never true
        same("SELECT id FROM a WHERE v NOT IN (SELECT v FROM b WHERE b.id BETWEEN 3 AND 4) ORDER BY id",
                "SELECT id FROM a WHERE v + 0 NOT IN (SELECT v FROM b WHERE b.id BETWEEN 3 AND 4) ORDER BY id",
                "HASH NULL-AWARE ANTI JOIN");
        // no rows: NOT IN is true even for a NULL operand
        same("SELECT id FROM a WHERE v NOT IN (SELECT v FROM b WHERE b.id > 99) ORDER BY id",
                "SELECT id FROM a WHERE v + 0 NOT IN (SELECT v FROM b WHERE b.id > 99) ORDER BY id",
                "HASH NULL-AWARE ANTI JOIN");
        assertEquals(7, query("SELECT id FROM a WHERE v NOT IN (SELECT v FROM b WHERE b.id > 99)").size());
        // over a join the filter goes down to its table instead
        String plan = explain("SELECT a.id FROM a JOIN b ON a.id = b.id WHERE a.v IN (SELECT v FROM b WHERE b.id > 2)");
        assertTrue(plan.contains("(SUBQUERY)") && !plan.contains("SEMI JOIN"), plan);
        assertEquals(List.of(), query("SELECT id FROM a WHERE v NOT IN (SELECT v FROM b WHERE b.id BETWEEN 3 AND 4)"));
    }

    @Test
    void notAroundTheSubquery() throws Exception {
        same("SELECT id FROM a WHERE NOT (v IN (SELECT v FROM b WHERE b.k = a.k)) ORDER BY id",
                "SELECT id FROM a WHERE NOT (v IN (SELECT v FROM b WHERE b.k = a.k + 0)) ORDER BY id",
                "HASH NULL-AWARE ANTI JOIN");
        same("SELECT id FROM a WHERE NOT (NOT EXISTS (SELECT 1 FROM b WHERE b.k = a.k)) ORDER BY id",
                "SELECT id FROM a WHERE NOT (NOT EXISTS (SELECT 1 FROM b WHERE b.k = a.k + 0)) ORDER BY id",
                "HASH SEMI JOIN");
    }

    @Test
    void semiJoinInsideASubqueryThatRunsPerRow() throws Exception {
        String sql = "SELECT id, (SELECT COUNT(*) FROM b WHERE b.id <= a.id AND EXISTS (SELECT 1 FROM a x WHERE x.k = b.k)) "
                + "FROM a ORDER BY id";
        assertTrue(explain("SELECT COUNT(*) FROM b WHERE b.id <= 3 AND EXISTS (SELECT 1 FROM a x WHERE x.k = b.k)")
                .contains("HASH SEMI JOIN"));
        assertEquals(query(sql.replace("x.k = b.k", "x.k = b.k + 0")), query(sql));
        assertEquals(List.of(List.of(1, 1L), List.of(2, 2L), List.of(3, 3L), List.of(4, 4L), List.of(5, 4L),
                List.of(6, 5L), List.of(7, 6L)), query(sql));
    }

    @Test
    void parametersInsideTheSubquery() throws Exception {
        assertEquals(List.of(List.of(1), List.of(5)),
                query("SELECT id FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.s = a.s AND b.v < ?) ORDER BY id", 20));
    }
}
