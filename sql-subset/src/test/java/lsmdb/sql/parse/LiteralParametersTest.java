package lsmdb.sql.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Which statements run as text become parameterized INSERTs, and with which values. */
class LiteralParametersTest {

    private static void parameterized(String sql, String expected, Object... values) {
        LiteralParameters.Parameterized p = LiteralParameters.of(sql);
        assertEquals(expected, p == null ? null : p.sql(), sql);
        assertArrayEquals(values, p.values(), sql);
    }

    @Test
    void literalRowsBecomeParameters() {
        parameterized("INSERT INTO t VALUES (1, 'a')", "INSERT INTO t VALUES (?, ?)", 1L, "a");
        parameterized("insert into \"T\" (a, \"b\") values (-5, 'it''s'), (+2.50, 1e3);",
                "insert into \"T\" (a, \"b\") values (?, ?), (?, ?);", -5L, "it's", new BigDecimal("2.50"), 1000.0);
        parameterized("INSERT INTO s.t VALUES (NULL, TRUE, FALSE, DEFAULT, 9223372036854775808)",
                "INSERT INTO s.t VALUES (NULL, TRUE, FALSE, DEFAULT, ?)", new BigDecimal("9223372036854775808"));
        parameterized("INSERT INTO t VALUES (-9223372036854775808, -0.0, .5)", "INSERT INTO t VALUES (?, ?, ?)",
                new BigDecimal("-9223372036854775808"), new BigDecimal("0.0"), new BigDecimal(".5"));
        parameterized("  INSERT INTO t VALUES ( 1 ) -- done", "  INSERT INTO t VALUES ( ? ) -- done", 1L);
    }

    @Test
    void comparedLiteralsOfSimpleQueriesAndChangesBecomeParameters() {
        parameterized("SELECT v, w FROM t WHERE id = 5", "SELECT v, w FROM t WHERE id = ?", 5L);
        parameterized("select * from s.t x where x.a >= -1.5 and b <> 'q' order by x.a desc, b",
                "select * from s.t x where x.a >= ? and b <> ? order by x.a desc, b", new BigDecimal("-1.5"), "q");
        parameterized("SELECT COUNT(*) FROM t AS u WHERE u.k < 1e2;", "SELECT COUNT(*) FROM t AS u WHERE u.k < ?;",
                100.0);
        parameterized("UPDATE t SET a = 'x', b = -2 WHERE id = 7", "UPDATE t SET a = ?, b = ? WHERE id = ?", "x", -2L,
                7L);
        parameterized("DELETE FROM t WHERE a = 1 AND b != 2", "DELETE FROM t WHERE a = ? AND b != ?", 1L, 2L);
        parameterized("SELECT a FROM t WHERE a IN (1, -2, 'x') AND b = 3", "SELECT a FROM t WHERE a IN (?, ?, ?) AND b = ?",
                1L, -2L, "x", 3L);
    }

    @Test
    void rowCountsBecomeParametersToo() {
        parameterized("SELECT * FROM t WHERE a = 3 ORDER BY b LIMIT 10", "SELECT * FROM t WHERE a = ? ORDER BY b LIMIT ?",
                3L, 10L);
        parameterized("select a from t where a = 'x' limit 5 offset 20;",
                "select a from t where a = ? limit ? offset ?;", "x", 5L, 20L);
        parameterized("SELECT a FROM t ORDER BY a DESC LIMIT 0", "SELECT a FROM t ORDER BY a DESC LIMIT ?", 0L);
        parameterized("SELECT a FROM t x LIMIT 1", "SELECT a FROM t x LIMIT ?", 1L);
        parameterized("SELECT COUNT(*) FROM t OFFSET 2", "SELECT COUNT(*) FROM t OFFSET ?", 2L);
        parameterized("SELECT a FROM t WHERE b > 1 ORDER BY a OFFSET 5 ROWS FETCH FIRST 10 ROWS ONLY",
                "SELECT a FROM t WHERE b > ? ORDER BY a OFFSET ? ROWS FETCH FIRST ? ROWS ONLY", 1L, 5L, 10L);
        parameterized("SELECT a FROM t FETCH NEXT 1 ROW ONLY", "SELECT a FROM t FETCH NEXT ? ROW ONLY", 1L);
        parameterized("SELECT a FROM t WHERE a = 1 FETCH FIRST ROW ONLY", "SELECT a FROM t WHERE a = ? FETCH FIRST ROW ONLY",
                1L);
        // values the binder's BIGINT parameter does not take: LiteralParameters.typesFit leaves them as written
        parameterized("SELECT a FROM t LIMIT 1.5", "SELECT a FROM t LIMIT ?", new BigDecimal("1.5"));
        parameterized("SELECT a FROM t LIMIT 1e1", "SELECT a FROM t LIMIT ?", 10.0);
        parameterized("SELECT a FROM t LIMIT 9223372036854775808", "SELECT a FROM t LIMIT ?",
                new BigDecimal("9223372036854775808"));
    }

    @Test
    void anythingElseStaysAsWritten() {
        for (String sql : new String[] {"SELECT 1 FROM t WHERE a = 1", "INSERT INTO t SELECT 1, 2",
            "INSERT INTO t VALUES (1 + 1)", "INSERT INTO t VALUES (DATE '2024-01-01')", "INSERT INTO t VALUES (X'00')",
            "INSERT INTO t VALUES (N'a')", "INSERT INTO t VALUES (-'a')", "INSERT INTO t VALUES (1abc)",
            "INSERT INTO t VALUES (?, 1)", "INSERT INTO t VALUES (1) RETURNING a", "INSERT INTO t VALUES ()",
            "INSERT INTO t VALUES (1), (2) ON CONFLICT DO NOTHING", "INSERT INTO t VALUES (1, (SELECT 2))",
            "INSERT INTO t VALUES (NULL)", "INSERT INTO t VALUES ('unterminated)", "/* c */ INSERT INTO t VALUES (1)",
            "UPSERT INTO t VALUES (1)", "INSERT INTO t VALUES (1) ; INSERT INTO t VALUES (2)",
            "SELECT a FROM t WHERE a = 1 OR b = 2", "SELECT a FROM t ORDER BY a",
            "SELECT a FROM t WHERE a IN (1, NULL)", "SELECT a FROM t WHERE a NOT IN (1)", "SELECT a FROM t WHERE a IN ()",
            "SELECT a FROM t WHERE a = NULL", "SELECT a FROM t, u WHERE a = 1",
            "SELECT a FROM t JOIN u ON a = b WHERE a = 1", "SELECT a FROM t WHERE a = 1 ORDER BY 1",
            "SELECT (SELECT 1) FROM t WHERE a = 1", "SELECT a FROM t WHERE a = ?", "SELECT a FROM t WHERE a = b",
            "SELECT a FROM t WHERE lower(a) = 'x'", "SELECT a FROM t WHERE a = 1 FOR UPDATE",
            "UPDATE t SET a = a + 1 WHERE id = 1", "UPDATE t SET a = 1", "DELETE FROM t", "DELETE FROM t WHERE a LIKE 'x%'",
            "SELECT a FROM t WHERE NOT a = 1", "SELECT a FROM t WHERE a = 1 GROUP BY a",
            "SELECT a FROM t WHERE a = 1 LIMIT -5", "SELECT a FROM t LIMIT +5", "SELECT a FROM t LIMIT 5, 10",
            "SELECT a FROM t LIMIT ALL", "SELECT a FROM t WHERE a = 1 LIMIT ?", "SELECT a FROM t LIMIT '5'",
            "SELECT a FROM t LIMIT 1 + 1", "SELECT a FROM t LIMIT (5)", "SELECT a FROM t LIMIT 5 OFFSET",
            "SELECT a FROM t OFFSET 5 LIMIT 1", "SELECT a FROM t LIMIT 5 FOR UPDATE", "SELECT a FROM t LIMIT 5abc",
            "SELECT a FROM t FETCH FIRST ROW ONLY", "SELECT a FROM t FETCH FIRST 5 ROWS",
            "SELECT a FROM t GROUP BY a LIMIT 5", "SELECT a FROM t LIMIT 5 ORDER BY a", "UPDATE t SET a = 1 LIMIT 5",
            "DELETE FROM t WHERE a = 1 LIMIT 5", "SELECT a FROM t WHERE a = 1 LIMIT 5 UNION SELECT a FROM u"}) {
            assertNull(LiteralParameters.of(sql), sql);
        }
    }
}
